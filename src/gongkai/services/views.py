"""Workbench pages of 办事服务 (/workbench/services/): power list versions and their review,
enforcement decisions on their clock, service guides with their missing elements, case progress.
Views parse, call an action or a query, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.scope import staff_view, visible_agencies
from gongkai.common.errors import ActionRefused
from gongkai.common.metric_records import narrow
from gongkai.common.params import param_choice

from . import actions, importing, queries
from .forms import (
    CaseImportForm,
    DecisionForm,
    GuideCreateForm,
    GuideForm,
    PowerItemForm,
    PowerListStartForm,
)
from .models import GuideState, ListState, PowerItem
from .rules import MAKERS, STAFF_ROLES, may_make
from .workflow import POWER_LISTS

NAV = "services"


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _maker_agencies(user):
    """The agencies the user may prepare records for (its own; a supervisor's whole scope)."""
    return visible_agencies(user).filter(is_active=True).order_by("path")


def _ctx(tab: str, **extra) -> dict:
    return {"nav": NAV, "tab": tab, **extra}


# --- 权责清单 -----------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def power_lists(request):
    user = request.user
    lists = (
        queries.power_lists_for(user).annotate(n_items=Count("items")).order_by("agency__path", "-version")
    )
    return render(
        request,
        "services/wb_power_lists.html",
        _ctx("powers", lists=lists, can_make=user.is_superuser or user.has_role(*MAKERS)),
    )


@staff_view(*MAKERS)
def power_list_new(request):
    agencies = _maker_agencies(request.user)
    form = PowerListStartForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            pl = actions.start_power_list(
                request.user, form.cleaned_data["agency"], note=form.cleaned_data["note"]
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, f"已建立第{pl.version}版草稿，请调整事项后提交审核")
            return redirect("services_staff:power_list", pl.pk)
    return render(request, "services/wb_form.html", _ctx("powers", form=form, title="调整权责清单"))


@staff_view(*STAFF_ROLES)
def power_list(request, pk: int):
    pl = get_object_or_404(queries.power_lists_for(request.user), pk=pk)
    base, diff = queries.version_diff(pl)
    return render(
        request,
        "services/wb_power_list.html",
        _ctx(
            "powers",
            power_list=pl,
            items=pl.items.all(),
            base=base,
            diff=diff,
            transitions=POWER_LISTS.available(request.user, pl),
            can_edit=pl.state == ListState.DRAFT and may_make(request.user, pl.agency),
        ),
    )


@staff_view(*MAKERS)
def item_new(request, pk: int):
    pl = get_object_or_404(queries.power_lists_for(request.user), pk=pk)
    form = PowerItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_power_item(request.user, pl, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "事项已添加")
            return redirect("services_staff:power_list", pl.pk)
    return render(
        request, "services/wb_form.html", _ctx("powers", form=form, title="添加权责事项", power_list=pl)
    )


def _item_for(user, pk: int) -> PowerItem:
    return get_object_or_404(
        PowerItem.objects.filter(power_list__in=queries.power_lists_for(user)).select_related(
            "power_list__agency"
        ),
        pk=pk,
    )


@staff_view(*MAKERS)
def item_edit(request, pk: int):
    item = _item_for(request.user, pk)
    initial = {f: getattr(item, f) for f in PowerItemForm.base_fields}
    form = PowerItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_power_item(request.user, item, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "事项已修改")
            return redirect("services_staff:power_list", item.power_list_id)
    return render(
        request,
        "services/wb_form.html",
        _ctx("powers", form=form, title=f"修改事项：{item.name}", power_list=item.power_list, item=item),
    )


@staff_view(*MAKERS)
def item_remove(request, pk: int):
    item = _item_for(request.user, pk)
    error = ""
    if request.method == "POST":
        try:
            actions.remove_power_item(request.user, item)
        except ActionRefused as exc:
            error = exc.message
        else:
            flash.success(request, f"事项“{item.name}”已删除")
            return redirect("services_staff:power_list", item.power_list_id)
    return render(request, "services/wb_item_remove.html", _ctx("powers", item=item, error=error))


# --- 行政执法公示 -------------------------------------------------------------------------------

DECISION_FILTERS = ("overdue", "waiting", "published", "late")


@staff_view(*STAFF_ROLES)
def decisions(request):
    user = request.user
    today = timezone.localdate()
    show = param_choice(request.GET.get("show"), DECISION_FILTERS)
    # The decisions behind a figure of the annual report (`?figure=…`).
    figure = narrow(request, queries.decisions_for(user), queries.DECISION_FIGURES)
    qs = figure.qs
    counts = qs.aggregate(
        overdue=Count("pk", filter=queries.overdue_decisions_q(today)),
        waiting=Count("pk", filter=Q(published_on__isnull=True)),
    )
    if show == "overdue":
        qs = qs.filter(queries.overdue_decisions_q(today))
    elif show == "waiting":
        qs = qs.filter(published_on__isnull=True)
    elif show == "published":
        qs = qs.filter(published_on__isnull=False)
    elif show == "late":
        from django.db.models import F

        qs = qs.filter(published_on__gt=F("due_on"))
    page = Paginator(
        qs.order_by("published_on", "due_on", "-pk") if show != "published" else qs, 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "services/wb_decisions.html",
        _ctx(
            "decisions",
            page_obj=page,
            today=today,
            show=show,
            counts=counts,
            query_string=urlencode(([("show", show)] if show else []) + figure.query()),
            **figure.context(),
            can_make=user.is_superuser or user.has_role(*MAKERS),
        ),
    )


@staff_view(*MAKERS)
def decision_new(request):
    agencies = _maker_agencies(request.user)
    form = DecisionForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            decision = actions.record_enforcement_decision(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(
                request,
                "决定已录入并公示"
                if decision.published_on
                else f"决定已录入，请于{decision.due_on:%Y-%m-%d}前公示",
            )
            return redirect("services_staff:decision", decision.pk)
    return render(request, "services/wb_form.html", _ctx("decisions", form=form, title="录入行政执法决定"))


@staff_view(*STAFF_ROLES)
def decision(request, pk: int):
    d = get_object_or_404(queries.decisions_for(request.user), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            actions.publish_enforcement_decision(request.user, d)
        except ActionRefused as exc:
            error = exc.message
        else:
            flash.success(request, "决定已公示")
            return redirect("services_staff:decision", d.pk)
    from .rules import publish_deadline

    return render(
        request,
        "services/wb_decision.html",
        _ctx(
            "decisions",
            decision=d,
            error=error,
            today=timezone.localdate(),
            deadline=publish_deadline(d.kind, d.decided_on),
            can_publish=d.published_on is None and may_make(request.user, d.agency),
        ),
    )


# --- 办事指南 ------------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def guides(request):
    user = request.user
    figure = narrow(request, queries.guides_for(user), queries.GUIDE_FIGURES)
    rows = list(figure.qs.order_by("agency__path", "theme", "name"))
    for g in rows:
        g.missing = g.missing_elements()
    return render(
        request,
        "services/wb_guides.html",
        _ctx(
            "guides",
            guides=rows,
            **figure.context(),
            n_missing=sum(1 for g in rows if g.missing and g.state == GuideState.PUBLISHED),
            can_make=user.is_superuser or user.has_role(*MAKERS),
        ),
    )


@staff_view(*MAKERS)
def guide_new(request):
    agencies = _maker_agencies(request.user)
    form = GuideCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            guide = actions.create_service_guide(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            missing = guide.missing_elements()
            flash.success(
                request,
                f"办事指南已保存，尚缺：{'、'.join(missing)}" if missing else "办事指南已保存，要素齐全",
            )
            return redirect("services_staff:guide", guide.pk)
    return render(request, "services/wb_form.html", _ctx("guides", form=form, title="新建办事指南"))


@staff_view(*STAFF_ROLES)
def guide(request, pk: int):
    """The guide's form with its missing elements; 发布 / 撤回 are buttons of the same page."""
    user = request.user
    g = get_object_or_404(queries.guides_for(user), pk=pk)
    can_edit = may_make(user, g.agency)
    initial = {f: getattr(g, f) for f in GuideForm.base_fields}
    form = GuideForm(initial=initial)
    error = ""
    if request.method == "POST" and can_edit:
        do = request.POST.get("do")
        if do in ("publish", "withdraw"):
            act = actions.publish_service_guide if do == "publish" else actions.withdraw_service_guide
            try:
                act(user, g)
            except ActionRefused as exc:
                error = exc.message
            else:
                flash.success(request, "办事指南已发布" if do == "publish" else "办事指南已撤回")
                return redirect("services_staff:guide", g.pk)
        else:
            form = GuideForm(request.POST)
            if form.is_valid():
                try:
                    actions.update_service_guide(user, g, **form.cleaned_data)
                except ActionRefused as exc:
                    _refused(form, exc)
                else:
                    flash.success(request, "办事指南已保存")
                    return redirect("services_staff:guide", g.pk)
    return render(
        request,
        "services/wb_guide.html",
        _ctx("guides", guide=g, form=form, missing=g.missing_elements(), can_edit=can_edit, error=error),
    )


# --- 办件 ----------------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def cases(request):
    user = request.user
    qs = queries.cases_for(user).annotate(n_steps=Count("steps")).order_by("-created_at", "-pk")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "services/wb_cases.html",
        _ctx("cases", page_obj=page, can_make=user.is_superuser or user.has_role(*MAKERS)),
    )


@staff_view(*MAKERS)
def case_import(request):
    agencies = _maker_agencies(request.user)
    form = CaseImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_cases(upload.read())
            counts = actions.import_case_progress(
                request.user, agency=form.cleaned_data["agency"], rows=rows, source_name=upload.name
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, f"已读取{counts['rows']}行，其中{counts['changed']}行为新的或更新的进度")
            return redirect("services_staff:cases")
    return render(
        request, "services/wb_form.html", _ctx("cases", form=form, title="导入办件进度", upload=True)
    )
