"""Pages of prompt letters (workbench and portal) and of the office's routing keywords."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.models import Role
from gongkai.agencies.scope import staff_view
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_choice

from . import letters
from .actions import letters as letter_actions
from .apps import STAFF_ROLES
from .letter_forms import KeywordForm, LetterTemplateForm
from .letter_workflow import LETTERS
from .models import LetterState, PromptLetterTemplate, RoutingKeyword
from .queries_letters import letters_for, published_letters

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@staff_view(*STAFF_ROLES)
def letter_list(request):
    state = param_choice(request.GET.get("state"), LetterState.values)
    qs = letters_for(request.user).order_by("-detected_at", "-pk")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/letters/wb_list.html",
        {
            "nav": "messages",
            "page_obj": page,
            "states": LetterState.choices,
            "state": state,
            "query_string": f"state={state}" if state else "",
            "window_days": settings.GONGKAI_PROMPT_LETTER_WINDOW_DAYS,
            "min_messages": settings.GONGKAI_PROMPT_LETTER_MIN_MESSAGES,
        },
    )


@staff_view(*STAFF_ROLES)
def letter_detail(request, pk: int):
    letter = get_object_or_404(letters_for(request.user), pk=pk)
    return render(
        request,
        "interaction/letters/wb_detail.html",
        {
            "nav": "messages",
            "letter": letter,
            "cited": letter.messages.select_related("lead_agency").order_by("received_on", "pk"),
            "transitions": LETTERS.available(request.user, letter),
            "public_body": letters.public_text(letter.body),
            "public_feedback": letters.public_text(letter.feedback),
        },
    )


@staff_view(*STAFF_ROLES)
def letter_docx(request, pk: int):
    letter = get_object_or_404(letters_for(request.user), pk=pk)
    if not letter.number:
        raise Http404("提示函尚未签发")
    response = HttpResponse(letters.letter_docx(letter), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letter.number)}.docx"
    return response


@staff_view(Role.CLERK, Role.SUPERVISOR)
def keywords(request):
    try:
        office = letter_actions.keyword_office(request.user)
    except ActionRefused as exc:
        raise Http404(exc.message) from None
    agencies = letter_actions.keyword_agencies(office)
    form = KeywordForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            keyword = letter_actions.add_routing_keyword(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            flash.success(request, f"已添加关键词“{keyword.word}”（{keyword.agency.display_name}）")
            return redirect("interaction_letters:keywords")
    rows = (
        RoutingKeyword.objects.filter(office=office).select_related("agency").order_by("agency__path", "word")
    )
    by_agency: dict = {}
    for keyword in rows:
        by_agency.setdefault(keyword.agency, []).append(keyword)
    return render(
        request,
        "interaction/letters/wb_keywords.html",
        {"nav": "messages", "form": form, "office": office, "by_agency": by_agency.items()},
    )


@staff_view(Role.CLERK, Role.SUPERVISOR)
def keyword_remove(request, pk: int):
    """GET asks to confirm; POST removes the keyword."""
    keyword = get_object_or_404(
        RoutingKeyword.objects.filter(office_id=request.user.agency_id).select_related("agency"), pk=pk
    )
    if request.method != "POST":
        return render(
            request, "interaction/letters/wb_keyword_remove.html", {"nav": "messages", "keyword": keyword}
        )
    try:
        letter_actions.remove_routing_keyword(request.user, keyword)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, f"已删除关键词“{keyword.word}”")
    return redirect("interaction_letters:keywords")


@staff_view(Role.CLERK, Role.SUPERVISOR)
def letter_template(request):
    """The office's template of its prompt letters: shown with its placeholders, saved by an action."""
    try:
        office = letter_actions.keyword_office(request.user)
    except ActionRefused as exc:
        raise Http404(exc.message) from None
    own = PromptLetterTemplate.objects.filter(office=office).first()
    initial = {"body": own.body if own else letters.shipped_template()}
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter_actions.save_letter_template(request.user, body=form.cleaned_data["body"])
        except ActionRefused as exc:
            form.add_error("body", exc.message)
        else:
            flash.success(request, "提示函模板已保存，此后生成的提示函草稿将使用新模板")
            return redirect("interaction_letters:template")
    return render(
        request,
        "interaction/letters/wb_template.html",
        {"nav": "messages", "form": form, "office": office, "own": own, "placeholders": letters.PLACEHOLDERS},
    )


# --- portal --------------------------------------------------------------------------------------


@public_page(params=("page",))
def public_list(request):
    page = Paginator(published_letters(), 20).get_page(request.GET.get("page"))
    return render(request, "interaction/letters/public_list.html", {"page_obj": page})


@public_page
def public_detail(request, pk: int):
    letter = get_object_or_404(published_letters(), pk=pk)
    return render(
        request,
        "interaction/letters/public_detail.html",
        {
            "letter": letter,
            "body": letters.public_text(letter.body),
            "feedback": letters.public_text(letter.feedback),
        },
    )
