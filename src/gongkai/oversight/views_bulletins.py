"""Pages of the oversight part `bulletins`: 通报 (staff and public), 整改, 特邀监督员 feedback."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from gongkai.agencies.scope import staff_view, visible_agencies
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response
from gongkai.common.pagecache import public_page

from . import bulletins_actions as actions
from . import bulletins_queries as queries
from .bulletins_forms import (
    AnswerForm,
    BulletinForm,
    EntryForm,
    FeedbackForm,
    PaperFeedbackForm,
    RectificationForm,
    SupervisorForm,
)
from .bulletins_prefill import candidates
from .bulletins_workflow import BULLETINS, acts_for_issuer
from .models import Bulletin, BulletinEntry
from .rules import STAFF_ROLES

NAV = "oversight_bulletins"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _docx_response(bulletin: Bulletin) -> HttpResponse:
    response = HttpResponse(queries.bulletin_docx(bulletin), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{bulletin.title}.docx")
    return response


# --- staff: bulletins ------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def home(request):
    user = request.user
    bulletins = list(queries.bulletins_for(user)[:200])
    rects = list(queries.rectifications_for(user).order_by("state", "due_on")[:200])
    return render(
        request,
        "oversight/bulletins/wb_home.html",
        {
            "nav": NAV,
            "bulletins": bulletins,
            "rectifications": rects,
            "may_draft": user.has_role("clerk", "supervisor") or user.is_superuser,
        },
    )


@staff_view(*STAFF_ROLES)
def bulletin_new(request):
    form = BulletinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = actions.create_bulletin(request.user, agency=request.user.agency, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "通报草稿已创建，请添加表扬和批评事项")
            return redirect("oversight_staff:bulletin", bulletin.pk)
    return render(request, "oversight/bulletins/wb_form.html", {"nav": NAV, "form": form, "bulletin": None})


def _bulletin(request, pk: int) -> Bulletin:
    return get_object_or_404(queries.bulletins_for(request.user), pk=pk)


@staff_view(*STAFF_ROLES)
def bulletin_edit(request, pk: int):
    bulletin = _bulletin(request, pk)
    initial = {f: getattr(bulletin, f) for f in ("title", "number", "issued_on", "preface", "closing")}
    form = BulletinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_bulletin(request.user, bulletin, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "通报已保存")
            return redirect("oversight_staff:bulletin", bulletin.pk)
    return render(
        request, "oversight/bulletins/wb_form.html", {"nav": NAV, "form": form, "bulletin": bulletin}
    )


def _entry_agencies(bulletin: Bulletin):
    return actions.scope_root(bulletin.agency).subtree().filter(is_active=True)


@staff_view(*STAFF_ROLES)
def bulletin_detail(request, pk: int):
    bulletin = _bulletin(request, pk)
    user = request.user
    entry_form = EntryForm(agencies=_entry_agencies(bulletin))
    picks = candidates(bulletin) if bulletin.editable and acts_for_issuer(user, bulletin) else []
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "add":
                entry_form = EntryForm(request.POST, agencies=_entry_agencies(bulletin))
                if entry_form.is_valid():
                    actions.add_entry(user, bulletin, **entry_form.cleaned_data)
                    messages.success(request, "已添加通报事项")
                    return redirect("oversight_staff:bulletin", bulletin.pk)
            elif op == "remove":
                entry = get_object_or_404(BulletinEntry, bulletin=bulletin, pk=request.POST.get("entry") or 0)
                actions.remove_entry(user, entry)
                messages.success(request, "已删除通报事项")
                return redirect("oversight_staff:bulletin", bulletin.pk)
            elif op == "prefill":
                chosen = set(request.POST.getlist("pick"))
                picked = [c for c in picks if c["key"] in chosen]
                if not picked:
                    raise ActionRefused("请至少勾选一项")
                made = actions.prefill_entries(user, bulletin, picked)
                messages.success(request, f"已添加{len(made)}项通报事项")
                return redirect("oversight_staff:bulletin", bulletin.pk)
            else:
                raise Http404
        except ActionRefused as exc:
            if op == "add":
                _refused(entry_form, exc)
            else:
                messages.error(request, exc.message)
    return render(
        request,
        "oversight/bulletins/wb_bulletin.html",
        {
            "nav": NAV,
            "bulletin": bulletin,
            "sections": queries.entries_by_kind(bulletin),
            "entry_form": entry_form,
            "picks": picks,
            "may_edit": bulletin.editable and acts_for_issuer(user, bulletin),
            "transitions": BULLETINS.available(user, bulletin),
        },
    )


@staff_view(*STAFF_ROLES)
def bulletin_docx(request, pk: int):
    return _docx_response(_bulletin(request, pk))


# --- staff: 整改 -----------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def rectification(request, pk: int):
    rect = get_object_or_404(queries.rectifications_for(request.user), pk=pk)
    user = request.user
    form = RectificationForm(initial={"measures": rect.measures, "done_on": rect.done_on})
    reason_error = ""
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "record":
                form = RectificationForm(request.POST, request.FILES)
                if form.is_valid():
                    actions.record_rectification(user, rect, **form.cleaned_data)
                    messages.success(request, "整改情况已报送，等待审核")
                    return redirect("oversight_staff:rectification", rect.pk)
            elif op == "accept":
                actions.accept_rectification(user, rect)
                messages.success(request, "整改情况已审核通过")
                return redirect("oversight_staff:rectification", rect.pk)
            elif op == "return":
                actions.return_rectification(user, rect, reason=request.POST.get("reason", ""))
                messages.success(request, "整改情况已退回")
                return redirect("oversight_staff:rectification", rect.pk)
            elif op == "download" and rect.attachment:
                return stored_file_response(rect.attachment, filename=rect.attachment_name or "附件")
            else:
                raise Http404
        except ActionRefused as exc:
            if op == "record":
                _refused(form, exc)
            elif op == "return":
                reason_error = exc.message
            else:
                messages.error(request, exc.message)
    return render(
        request,
        "oversight/bulletins/wb_rectification.html",
        {
            "nav": NAV,
            "rect": rect,
            "bulletin": rect.entry.bulletin,
            "form": form,
            "may_record": rect.open and actions.can_record(user, rect),
            "may_review": rect.state == "submitted" and actions.can_review(user, rect),
            "reason_error": reason_error,
        },
    )


# --- staff: 特邀监督员 -------------------------------------------------------------------------------


def _period(request) -> tuple[date | None, date | None]:
    return parse_date(request.GET.get("start") or "") or None, parse_date(
        request.GET.get("end") or ""
    ) or None


@staff_view(*STAFF_ROLES)
def feedback(request):
    user = request.user
    form = SupervisorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sup = actions.register_supervisor(user, agency=user.agency, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"已聘请特邀监督员{sup.name}")
            return redirect("oversight_staff:feedback_supervisor", sup.pk)
    items = queries.feedback_for(user)
    start, end = _period(request)
    if start:
        items = items.filter(received_on__gte=start)
    if end:
        items = items.filter(received_on__lte=end)
    return render(
        request,
        "oversight/bulletins/wb_feedback.html",
        {
            "nav": NAV,
            "form": form,
            "supervisors": list(queries.supervisors_for(user)),
            "items": list(items[:300]),
            "start": start,
            "end": end,
            "may_register": user.is_superuser or user.has_role("supervisor"),
        },
    )


@staff_view(*STAFF_ROLES)
def feedback_supervisor(request, pk: int):
    sup = get_object_or_404(queries.supervisors_for(request.user), pk=pk)
    link_url = ""
    if request.method == "POST":
        try:
            _link, token = actions.issue_feedback_link(request.user, sup)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            link_url = request.build_absolute_uri(reverse("oversight:feedback_form", args=[token]))
    return render(
        request,
        "oversight/bulletins/wb_supervisor.html",
        {
            "nav": NAV,
            "sup": sup,
            "link_url": link_url,
            "links": list(sup.links.select_related("feedback").order_by("-issued_at")[:50]),
            "items": list(sup.feedback.select_related("agency")[:100]),
        },
    )


@staff_view(*STAFF_ROLES)
def feedback_new(request):
    user = request.user
    sups = queries.supervisors_for(user).filter(is_active=True)
    agencies = visible_agencies(user).filter(is_active=True)
    if user.agency and not user.is_superuser:
        agencies = actions.scope_root(user.agency).subtree().filter(is_active=True)
    form = PaperFeedbackForm(request.POST or None, agencies=agencies, supervisors=sups)
    if request.method == "POST" and form.is_valid():
        try:
            fb, created = actions.enter_paper_feedback(user, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(
                request, "意见已录入，已转被评议单位答复" if created else "这条意见已经录入过，未重复录入"
            )
            return redirect("oversight_staff:feedback_item", fb.pk)
    return render(request, "oversight/bulletins/wb_feedback_new.html", {"nav": NAV, "form": form})


@staff_view(*STAFF_ROLES)
def feedback_item(request, pk: int):
    fb = get_object_or_404(queries.feedback_for(request.user), pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_feedback(request.user, fb, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已答复")
            return redirect("oversight_staff:feedback_item", fb.pk)
    return render(
        request,
        "oversight/bulletins/wb_feedback_item.html",
        {
            "nav": NAV,
            "fb": fb,
            "form": form,
            "may_answer": not fb.answered and actions.can_answer(request.user, fb),
        },
    )


# --- public ----------------------------------------------------------------------------------------


@public_page
def public_home(request):
    return render(
        request,
        "oversight/bulletins/public_list.html",
        {"nav": "oversight_bulletins", "bulletins": list(queries.published_bulletins()[:200])},
    )


def _published(pk: int) -> Bulletin:
    return get_object_or_404(queries.published_bulletins(), pk=pk)


@public_page
def public_bulletin(request, pk: int):
    bulletin = _published(pk)
    sections = queries.entries_by_kind(bulletin)
    for _kind, _heading, rows in sections:
        for entry in rows:
            entry.accepted = queries.accepted(entry)
    return render(
        request,
        "oversight/bulletins/public_bulletin.html",
        {"nav": "oversight_bulletins", "bulletin": bulletin, "sections": sections},
    )


@public_page
def public_docx(request, pk: int):
    return _docx_response(_published(pk))


@never_cache
def feedback_form(request, token: str):
    """特邀监督员's personal link: one feedback per link; a resent form shows the one already sent."""
    link = actions.link_for(token)
    if link is None:
        return render(request, "oversight/bulletins/public_feedback.html", {"invalid": True}, status=404)
    if link.used_at is not None:
        return render(request, "oversight/bulletins/public_feedback.html", {"done": True, "link": link})
    form = FeedbackForm(request.POST or None, agencies=actions.feedback_agencies(link.supervisor))
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_feedback_by_link(token, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            return redirect("oversight:feedback_form", token)
    return render(request, "oversight/bulletins/public_feedback.html", {"form": form, "link": link})
