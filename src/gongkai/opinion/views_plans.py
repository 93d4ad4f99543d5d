"""Watch-plan pages (监测方案) in the workbench: list, editor with a live count, detail with matches.

Analysts (舆情员) keep their agency's plans; supervisors see the plans of their subtree. The live
count answers a GET with the draft's fields as JSON, so the editor's small script can ask while the
analyst types; without JavaScript the "试算" button posts the form and the count is shown on the page.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import get_scoped_or_404, scoped, staff_view
from gongkai.common.errors import ActionRefused
from gongkai.ingest.masking import mask_text

from . import actions_plans, planmatch
from .forms_plans import WatchPlanForm
from .models import PlanMatch, WatchPlan
from .planquery import GROUPS, PlanError

NAV = "opinion_plans"
ROLES = (Role.OPINION_ANALYST, Role.SUPERVISOR)


def _can_edit(user, plan: WatchPlan | None = None) -> bool:
    if user.is_superuser:
        return True
    agency_id = plan.owner_id if plan else user.agency_id
    return user.has_role(Role.OPINION_ANALYST) and user.agency_id == agency_id


def _plans(user):
    return scoped(user, WatchPlan.objects.select_related("owner"), "owner")


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _trial(form) -> dict | None:
    """The live count for a posted draft ("试算"), or None when the form has errors."""
    if not form.is_valid():
        return None
    values = form.plan_values()
    matching, scanned = planmatch.live_count(values, values["expression"])
    return {"matching": matching, "scanned": scanned, "days": planmatch.LIVE_DAYS}


@staff_view(*ROLES)
def plan_list(request):
    since = timezone.now() - timedelta(days=planmatch.LIVE_DAYS)
    plans = (
        _plans(request.user)
        .annotate(recent=Count("matches", filter=Q(matches__published_at__gte=since)))
        .order_by("owner__path", "name")
    )
    return render(
        request,
        "opinion/plans/list.html",
        {"nav": NAV, "plans": plans, "can_create": _can_edit(request.user), "days": planmatch.LIVE_DAYS},
    )


def _editor(request, plan: WatchPlan | None):
    form = WatchPlanForm(request.POST or None, instance=plan)
    trial = None
    if request.method == "POST":
        if "trial" in request.POST:
            trial = _trial(form)
        elif form.is_valid():
            try:
                if plan is None:
                    plan = actions_plans.create_plan(request.user, form.plan_values())
                    flash.success(request, "监测方案已建立；近30天的信息正在后台按方案匹配，稍后刷新即可看到")
                else:
                    plan = actions_plans.update_plan(request.user, plan, form.plan_values())
                    flash.success(request, "监测方案已保存；近30天的信息正在后台按新方案重新匹配")
            except ActionRefused as exc:
                _refused(form, exc)
            else:
                return redirect("opinion_staff:plan_detail", plan.pk)
    return render(
        request,
        "opinion/plans/form.html",
        {
            "nav": NAV,
            "form": form,
            "plan": plan,
            "trial": trial,
            "days": planmatch.LIVE_DAYS,
            "can_edit": _can_edit(request.user, plan),
            "title": f"修改监测方案：{plan.name}" if plan else "新建监测方案",
        },
    )


@staff_view(*ROLES)
def plan_create(request):
    if request.method == "POST" and "trial" not in request.POST and not _can_edit(request.user):
        flash.error(request, "只有舆情员可以新建监测方案")
        return redirect("opinion_staff:plans")
    return _editor(request, None)


@staff_view(*ROLES)
def plan_edit(request, pk: int):
    plan = get_scoped_or_404(request.user, WatchPlan.objects.select_related("owner"), "owner", pk=pk)
    if request.method == "POST" and "trial" not in request.POST and not _can_edit(request.user, plan):
        flash.error(request, "只有本单位的舆情员可以修改监测方案")
        return redirect("opinion_staff:plan_detail", plan.pk)
    return _editor(request, plan)


@staff_view(*ROLES)
def plan_count(request):
    """JSON: {matching, scanned, days} for the draft in the query string, or {error, field, position}."""
    groups = {key: request.GET.get(key, "")[: actions_plans.TEXT_MAX] for key, _label in GROUPS}
    expression = request.GET.get("expression", "")[: actions_plans.TEXT_MAX]
    try:
        matching, scanned = planmatch.live_count(groups, expression)
    except PlanError as error:
        return JsonResponse({"error": str(error), "field": error.field, "position": error.position})
    return JsonResponse({"matching": matching, "scanned": scanned, "days": planmatch.LIVE_DAYS})


@staff_view(*ROLES)
def plan_detail(request, pk: int):
    plan = get_scoped_or_404(
        request.user, WatchPlan.objects.select_related("owner", "created_by"), "owner", pk=pk
    )
    matches = (
        PlanMatch.objects.filter(plan=plan)
        .select_related("post__source")
        .only(
            "published_at",
            "post__title",
            "post__body",
            "post__url",
            "post__sentiment",
            "post__demand",
            "post__source__name",
        )
        .order_by("-published_at", "-pk")
    )
    page = Paginator(matches, 30).get_page(request.GET.get("page"))
    rows = [
        {
            "post": m.post,
            "title": mask_text(m.post.title or m.post.body[:60]),
            "excerpt": mask_text(m.post.body[:120]),
        }
        for m in page
    ]
    return render(
        request,
        "opinion/plans/detail.html",
        {
            "nav": NAV,
            "plan": plan,
            "page_obj": page,
            "rows": rows,
            "groups": [(label, getattr(plan, key)) for key, label in GROUPS],
            "can_edit": _can_edit(request.user, plan),
        },
    )


@staff_view(*ROLES)
def plan_toggle(request, pk: int):
    """GET: a confirmation page; POST: enable or disable the plan."""
    plan = get_scoped_or_404(request.user, WatchPlan.objects.select_related("owner"), "owner", pk=pk)
    if request.method != "POST":
        return render(
            request,
            "opinion/plans/toggle.html",
            {"nav": NAV, "plan": plan, "can_edit": _can_edit(request.user, plan)},
        )
    try:
        actions_plans.set_plan_enabled(request.user, plan, not plan.enabled)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "监测方案已启用" if not plan.enabled else "监测方案已停用")
    return redirect("opinion_staff:plan_detail", plan.pk)
