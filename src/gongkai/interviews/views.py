"""The workbench pages of 在线访谈 (/workbench/interviews/): the list, a new interview, the
interview's page (guests, state, questions with their moderation and receipt codes, the
transcript's files) and the live console (type as the host or a guest, answer a question, see new
questions as they arrive). State changes go through the generic workflow view (urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Role
from gongkai.agencies.scope import staff_view
from gongkai.common import live
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response

from . import actions, forms, queries
from .models import TYPING_STATES, Interview, LiveEntry, Media, Question, questions_key
from .workflow import INTERVIEWS, RUN

NAV = "interviews"
STAFF = (*RUN, Role.REVIEWER)


def _interview(request, pk: int) -> Interview:
    return get_object_or_404(queries.interviews_for(request.user), pk=pk)


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@staff_view(*STAFF)
def home(request):
    interviews = queries.interviews_for(request.user).order_by("-starts_at", "-pk")[:200]
    return render(request, "interviews/wb_list.html", {"nav": NAV, "interviews": interviews})


@staff_view(*RUN)
@require_http_methods(["GET", "POST"])
def create(request):
    form = forms.InterviewForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            interview = actions.create_interview(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("访谈已创建，请添加嘉宾后发布预告"))
            return redirect("interviews_staff:detail", interview.pk)
    return render(request, "interviews/wb_form.html", {"nav": NAV, "form": form, "title": _("新建在线访谈")})


@staff_view(*STAFF)
def detail(request, pk: int):
    interview = _interview(request, pk)
    return render(
        request,
        "interviews/wb_detail.html",
        {
            "nav": NAV,
            "interview": interview,
            "guests": interview.guests.select_related("agency"),
            "questions": interview.questions.select_related("moderated_by").prefetch_related("answers"),
            "media": interview.media.all(),
            "transitions": INTERVIEWS.available(request.user, interview),
            "guest_form": forms.GuestForm(initial={"agency": interview.agency_id}),
            "media_form": forms.MediaForm(),
        },
    )


@staff_view(*RUN)
@require_http_methods(["GET", "POST"])
def add_guest(request, pk: int):
    interview = _interview(request, pk)
    form = forms.GuestForm(request.POST or None, initial={"agency": interview.agency_id})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_guest(request.user, interview, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("嘉宾已添加"))
            return redirect("interviews_staff:detail", pk)
    return _form_page(request, interview, form, _("添加嘉宾"))


@staff_view(*STAFF)
@require_http_methods(["GET", "POST"])
def add_media(request, pk: int):
    interview = _interview(request, pk)
    form = forms.MediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_media(request.user, interview, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("文件已上传"))
            return redirect("interviews_staff:detail", pk)
    return _form_page(request, interview, form, _("上传实录的图片、音频或视频"), files=True)


def _form_page(request, interview, form, title, *, files=False):
    context = {"nav": NAV, "interview": interview, "form": form, "title": title, "files": files}
    return render(request, "interviews/wb_form.html", context)


@staff_view(*STAFF)
@require_http_methods(["GET", "POST"])
def moderate(request, pk: int, question: int):
    """POST: approve or hide (the buttons on the interview page and the console); GET: the question
    with its buttons on a page of its own."""
    interview = _interview(request, pk)
    item = get_object_or_404(Question.objects.prefetch_related("answers"), pk=question, interview=interview)
    if request.method == "GET":
        return render(request, "interviews/wb_question.html", {"nav": NAV, "interview": interview, "q": item})
    try:
        actions.moderate_question(request.user, item, decision=request.POST.get("decision", ""))
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("审核结果已保存"))
    back = "console" if request.POST.get("next") == "console" else "detail"
    return redirect(f"interviews_staff:{back}", pk)


# ---------------------------------------------------------------- the live console


def _question_feed(request, interview_pk: int) -> live.Feed:
    entries = Question.objects.filter(interview_id=interview_pk).prefetch_related("answers")
    return live.Feed(
        key=questions_key(interview_pk),
        entries=entries,
        render=lambda q: render_to_string(
            "interviews/_wb_question.html", {"q": q, "next": "console"}, request
        ),
    )


@staff_view(*RUN)
@require_http_methods(["GET", "POST"])
def console(request, pk: int):
    interview = _interview(request, pk)
    form = forms.EntryForm(request.POST or None, request.FILES or None, interview=interview)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.post_entry(
                request.user,
                interview,
                body=d["body"],
                guest=form.guest(),
                answers=d["answers"],
                image=d["image"],
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("已发布，公众页面将自动显示"))
            return redirect("interviews_staff:console", pk)
    typing = interview.state in TYPING_STATES
    context = {
        "nav": NAV,
        "interview": interview,
        "form": form,
        "typing": typing,
        "transitions": INTERVIEWS.available(request.user, interview),
        "entries": LiveEntry.objects.filter(interview=interview).select_related(
            "guest", "answers", "interview"
        ),
        **live.page_context(
            _question_feed(request, pk), url=reverse("interviews_staff:questions", args=[pk]), polling=True
        ),
    }
    return render(request, "interviews/wb_console.html", context)


@staff_view(*STAFF)
def questions_feed(request, pk: int):
    """The console's live list of questions (held ones too: staff moderate them)."""
    if not queries.interviews_for(request.user).filter(pk=pk).exists():
        raise Http404
    return live.respond(request, _question_feed(request, pk))


@staff_view(*RUN)
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int, entry: int):
    interview = _interview(request, pk)
    item = get_object_or_404(
        LiveEntry.objects.select_related("guest", "answers", "interview"), pk=entry, interview=interview
    )
    if request.method == "GET":
        return render(
            request, "interviews/wb_withdraw.html", {"nav": NAV, "interview": interview, "entry": item}
        )
    actions.withdraw_entry(request.user, item)
    messages.success(request, _("已撤回，公众页面将不再显示这段文字"))
    return redirect("interviews_staff:console", pk)


@staff_view(*STAFF)
def media_file(request, pk: int, media: int):
    interview = _interview(request, pk)
    item = get_object_or_404(Media, pk=media, interview=interview)
    return stored_file_response(item.file, filename=item.file.name.rsplit("/", 1)[-1])
