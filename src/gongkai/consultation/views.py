"""The workbench pages of 征求意见 (/workbench/consultations/): the list, creating and editing a
consultation, its page (paragraphs, comments, workflow buttons), offline entry, the moderation
queue and the decision catalog. Thin: forms validate, actions write, queries read."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Kind
from gongkai.agencies.scope import get_scoped_or_404, staff_view, visible_agencies
from gongkai.common.errors import ActionRefused
from gongkai.common.metric_records import narrow
from gongkai.common.params import param_id

from . import actions, queries
from .apps import STAFF_ROLES
from .forms import ConsultationForm, DecisionItemForm, ModerationForm, OfflineCommentForm
from .models import Comment, Consultation, DecisionItem, State
from .workflow import CONSULTATIONS

NAV = "consultations"


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _consultation(request, pk: int) -> Consultation:
    return get_scoped_or_404(request.user, Consultation.objects.select_related("agency", "document"), pk=pk)


@staff_view(*STAFF_ROLES)
def home(request):
    # The consultations behind a figure of a scorecard or the annual report (`?figure=…`).
    figure = narrow(request, queries.staff_list(request.user), queries.FIGURES)
    page = Paginator(figure.qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultation/wb_list.html",
        {"nav": NAV, "page_obj": page, "rows": page.object_list, "query_string": urlencode(figure.query()),
         **figure.context()},
    )  # fmt: skip


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def create(request):
    agency = request.user.agency
    if agency is None:
        raise Http404
    form = ConsultationForm(
        request.POST or None, request.FILES or None, agency=agency, initial={"source": "upload"}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            consultation = actions.create_consultation(request.user, agency=agency, **d)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "征求意见稿已保存为草稿")
            return redirect("consultation_staff:detail", pk=consultation.pk)
    return render(request, "consultation/wb_form.html", {"nav": NAV, "form": form, "title": "新建征求意见"})


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    consultation = _consultation(request, pk)
    fields = [f for f in ConsultationForm.base_fields if f != "draft_file"]
    initial = {f: getattr(consultation, f) for f in fields}
    form = ConsultationForm(
        request.POST or None, request.FILES or None, agency=consultation.agency, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_consultation(request.user, consultation, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已保存修改")
            return redirect("consultation_staff:detail", pk=consultation.pk)
    context = {
        "nav": NAV,
        "form": form,
        "title": f"修改征求意见稿：{consultation.title}",
        "consultation": consultation,
    }
    return render(request, "consultation/wb_form.html", context)


@staff_view(*STAFF_ROLES)
def detail(request, pk: int):
    consultation = _consultation(request, pk)
    comments = list(queries.comments_for_staff(consultation))
    return render(
        request,
        "consultation/wb_detail.html",
        {
            "nav": NAV,
            "consultation": consultation,
            "paragraphs": list(consultation.paragraphs.all()),
            "comments": comments,
            "waiting": sum(1 for c in comments if c.moderation in queries.WAITING),
            "transitions": CONSULTATIONS.available(request.user, consultation),
            "can_edit": consultation.state == State.DRAFT
            and actions.consultations.can_manage(request.user, consultation),
            "can_enter": consultation.state in actions.comments.OFFLINE_STATES,
            "moderation_form": ModerationForm(),
        },
    )


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def offline(request, pk: int):
    consultation = _consultation(request, pk)
    form = OfflineCommentForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.enter_offline_comment(request.user, consultation, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "线下意见已录入")
            if "again" in request.POST:
                return redirect("consultation_staff:offline", pk=pk)
            return redirect("consultation_staff:detail", pk=pk)
    return render(
        request, "consultation/wb_offline.html", {"nav": NAV, "form": form, "consultation": consultation}
    )


@staff_view(*STAFF_ROLES)
def moderation(request):
    qs = queries.moderation_queue(request.user)
    selected = param_id(request.GET.get("consultation"))
    if selected:
        qs = qs.filter(consultation_id=selected)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultation/wb_moderation.html",
        {
            "nav": NAV,
            "page_obj": page,
            "comments": page.object_list,
            "form": ModerationForm(),
            "selected": selected,
        },
    )


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def moderate(request, pk: int):
    comment = get_scoped_or_404(
        request.user, Comment.objects.select_related("consultation__agency"), "consultation__agency", pk=pk
    )
    if request.method == "GET":  # a reloaded form endpoint shows the page the form lives on
        return detail(request, comment.consultation_id)
    form = ModerationForm(request.POST)
    back = request.POST.get("next") or ""
    if not back.startswith("/workbench/"):
        back = ""
    if form.is_valid():
        d = form.cleaned_data
        try:
            if d["decision"] == "approve":
                actions.approve_comment(request.user, comment, d["reason"])
                messages.success(request, "意见已公开显示（个人信息已遮盖）")
            else:
                actions.hide_comment(request.user, comment, d["reason"])
                messages.success(request, "意见不予公开（仍计入意见总数，仍需处理）")
        except ActionRefused as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "请选择审核结果")
    return redirect(back or "consultation_staff:detail", **({} if back else {"pk": comment.consultation_id}))


# ---------------------------------------------------------------- the decision catalog


def _governments(user):
    return visible_agencies(user).filter(kind=Kind.GOVERNMENT, is_active=True).order_by("path")


def _catalog_governments(user):
    """The governments whose catalog the user keeps: those in a supervisor's scope, or the user's
    own agency if it is a government. A department's staff keep none (403)."""
    governments = list(_governments(user))
    if not governments:
        raise PermissionDenied("重大行政决策事项目录由人民政府及其办公室（主管部门）维护")
    return governments


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def decisions(request):
    governments = _catalog_governments(request.user)
    government = next(
        (g for g in governments if g.pk == param_id(request.GET.get("government"))), governments[0]
    )
    form = DecisionItemForm(request.POST or None, government=government)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_decision_item(request.user, government=government, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已登记重大行政决策事项")
            return redirect(f"{request.path}?government={government.pk}")
    items = list(queries.catalog(government))
    return render(
        request,
        "consultation/wb_decisions.html",
        {"nav": NAV, "government": government, "governments": governments, "items": items, "form": form},
    )


@staff_view(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk: int):
    governments = _catalog_governments(request.user)
    item = get_object_or_404(
        DecisionItem.objects.select_related("government"), pk=pk, government__in=[g.pk for g in governments]
    )
    initial = {f: getattr(item, f) for f in DecisionItemForm.base_fields}
    form = DecisionItemForm(request.POST or None, government=item.government, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_decision_item(request.user, item, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "已保存修改")
            return redirect(reverse("consultation_staff:decisions") + f"?government={item.government_id}")
    return render(
        request, "consultation/wb_form.html", {"nav": NAV, "form": form, "title": f"修改：{item.title}"}
    )
