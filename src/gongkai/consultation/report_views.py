"""Pages of the adoption report: staff (/workbench/consultations/<pk>/report/ and its forms) and
public (/consultations/<pk>/report/ and its .docx). Thin: parse, call an action or a query, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from gongkai.agencies.scope import get_scoped_or_404, staff_view
from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_int

from . import report, report_actions
from .models import Comment, CommentGroup, Consultation, Disposition, State
from .report_forms import DispositionForm, FinalTextForm, GroupForm, LinkDecisionForm
from .textdiff import counts

PER_PAGE = 100
STAFF_ROLES = ("clerk", "reviewer", "signer", "responder", "supervisor")


def _consultation(request, pk: int) -> Consultation:
    return get_scoped_or_404(
        request.user,
        Consultation.objects.select_related("agency", "adopted_document", "decision_item"),
        pk=pk,
    )


def _back(consultation: Consultation, anchor: str = "") -> str:
    return reverse("consultation_staff:report", args=[consultation.pk]) + (f"#{anchor}" if anchor else "")


def _refused(request, exc: ActionRefused) -> None:
    messages.error(request, exc.message)


def _suggestions(consultation: Consultation):
    # Imported here: MinHash (datasketch, numpy) costs seconds to import and only this page needs it.
    from .grouping import suggestions

    return suggestions(consultation)


@staff_view(*STAFF_ROLES)
def staff_report(request, pk: int):
    """意见处理: suggested groups, groups and comments with their dispositions, the final text, the
    workflow buttons, the report's figures and changes. Every form of the page posts here with an
    `op` (one staff URL, one scope check)."""
    consultation = _consultation(request, pk)
    if request.method == "POST":
        handler = _OPS.get(request.POST.get("op", ""))
        if handler is None:
            messages.error(request, "未知的操作")
            return redirect(_back(consultation))
        return handler(request, consultation)
    processing = consultation.public_state() == State.CLOSED
    groups = list(
        CommentGroup.objects.filter(consultation=consultation)
        .select_related("disposed_by", "disposition_reviewed_by")
        .prefetch_related("comments__paragraph")
        .order_by("pk")
    )
    singles = (
        consultation.comments.filter(group__isnull=True)
        .select_related("paragraph", "disposed_by", "disposition_reviewed_by")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(singles, PER_PAGE).get_page(param_int(request.GET.get("page")) or 1)
    workflow = registry.workflow("consultation")
    rows = report.changes(consultation)
    return render(
        request,
        "consultation/report/staff.html",
        {
            "nav": "consultations",
            "consultation": consultation,
            "processing": processing,
            "groups": groups,
            "page": page,
            "suggestions": _suggestions(consultation) if processing else [],
            "figures": report.comment_figures(consultation),
            "lacking": report.lacking_disposition(consultation),
            "transitions": workflow.available(request.user, consultation),
            "dispositions": Disposition.choices,
            "final_form": FinalTextForm(
                initial={"text": consultation.final_text, "summary": consultation.report_summary}
            ),
            "link_form": LinkDecisionForm(),
            "rows": rows,
            "row_counts": counts(rows),
        },
    )


def _group(request, consultation: Consultation):
    form = GroupForm(request.POST)
    ids = [param_int(x) for x in request.POST.getlist("comment")]
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(_back(consultation, "groups"))
    try:
        if None in ids:
            raise ActionRefused("所选意见无效")
        report_actions.group_comments(request.user, consultation, ids, title=form.cleaned_data["title"])
    except ActionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "已归类，请对该归类填写处理意见")
    return redirect(_back(consultation, "groups"))


def _ungroup(request, consultation: Consultation):
    comment = get_object_or_404(
        Comment, pk=param_int(request.POST.get("comment")) or 0, consultation=consultation
    )
    try:
        report_actions.ungroup_comment(request.user, comment)
    except ActionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "已移出归类，请对该意见单独填写处理意见")
    return redirect(_back(consultation, "groups"))


def _dispose(request, consultation: Consultation):
    kind = request.POST.get("kind", "")
    model = {"comment": Comment, "group": CommentGroup}.get(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(
        model.objects.select_related("consultation"),
        pk=param_int(request.POST.get("target")) or 0,
        consultation=consultation,
    )
    form = DispositionForm(request.POST)
    anchor = f"{kind}-{target.pk}"
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(_back(consultation, anchor))
    try:
        report_actions.dispose(request.user, target, **form.cleaned_data)
    except ActionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "处理意见已保存")
    return redirect(_back(consultation, anchor))


def _final_text(request, consultation: Consultation):
    form = FinalTextForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(_back(consultation, "final-text"))
    text = form.cleaned_data.get("text") or ""
    try:
        upload = form.cleaned_data.get("file")
        if upload is not None:
            text = _docx_text(upload)
        report_actions.set_final_text(
            request.user, consultation, text=text, summary=form.cleaned_data.get("summary") or ""
        )
    except ActionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "决策文本已保存")
    return redirect(_back(consultation, "final-text"))


def _docx_text(upload) -> str:
    from gongkai.ingest.readers import UnreadableFile, read_docx

    try:
        return read_docx(upload.read()).text
    except UnreadableFile as exc:
        raise ActionRefused(f"无法读取该 Word 文件：{exc}", field="file") from None


def _link_decision(request, consultation: Consultation):
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(_back(consultation, "decision"))
    try:
        document = report_actions.find_public_document(form.cleaned_data["document"])
        report_actions.link_adopted_document(request.user, consultation, document)
    except ActionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "已关联决策文件，两个页面已相互链接")
    return redirect(_back(consultation, "decision"))


_OPS = {
    "group": _group,
    "ungroup": _ungroup,
    "dispose": _dispose,
    "final_text": _final_text,
    "link_decision": _link_decision,
}


# ---------------------------------------------------------------- public


def _reported(pk: int) -> Consultation:
    consultation = (
        Consultation.objects.select_related("agency", "adopted_document", "decision_item")
        .filter(pk=pk, state=State.REPORTED)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def _decision(consultation: Consultation):
    doc = consultation.adopted_document
    return doc if doc is not None and doc.is_public else None


@public_page
def public_report(request, pk: int):
    consultation = _reported(pk)
    rows = report.changes(consultation)
    figures = report.comment_figures(consultation)
    return render(
        request,
        "consultation/report/public.html",
        {
            "nav": "consultations",
            "consultation": consultation,
            "title": report.report_title(consultation),
            "figures": figures,
            "shares": [(label, figures.share(value)) for value, label in figures.dispositions],
            "entries": report.entries(consultation),
            "rows": [r for r in rows if r.kind != "same"],
            "row_counts": counts(rows),
            "has_final": bool(consultation.final_text.strip()),
            "decision": _decision(consultation),
        },
    )


@public_page
def public_report_docx(request, pk: int):
    consultation = _reported(pk)
    decision = _decision(consultation)
    url = request.build_absolute_uri(decision.get_absolute_url()) if decision else ""
    data = report.docx_bytes(consultation, decision_url=url)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{report.report_title(consultation)}.docx"
    )
    return response


def document_panel(request, document) -> dict | None:
    """On the adopted decision's page: 本决策经公开征求意见，意见采纳情况见… (registered in report_apps)."""
    from .report_queries import adopting_consultations

    found = adopting_consultations(document)
    return {"consultations": found} if found else None
