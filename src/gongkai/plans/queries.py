"""Reading plans and tasks: the 待办 of agencies, the supervisor's dashboard panel, the metrics
for oversight's annual report and the public pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.scope import agency_filter
from gongkai.common.metric_records import records_url
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models import AnnualPlan, PlanState, PlanTask, ProgressReport
from .rules import REPORTERS, managed_agency_ids

DUE_SOON_DAYS = 14


def overdue_q(today: date) -> Q:
    """Tasks of a published plan past their deadline and not done."""
    return Q(plan__state=PlanState.PUBLISHED, done_on__isnull=True, deadline__lt=today)


def late_plans_q(today: date) -> Q:
    return ~Q(state=PlanState.PUBLISHED) & Q(deadline__lt=today)


# --- 待办 -----------------------------------------------------------------------------------------


def todo_items(user) -> list[TodoItem]:
    """The agency's overdue tasks (and those due within two weeks); the office's unpublished plan."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    today = timezone.localdate()
    items: list[TodoItem] = []
    if user.is_superuser or user.has_role(*REPORTERS):
        soon = today + timedelta(days=DUE_SOON_DAYS)
        tasks = (
            PlanTask.objects.filter(
                agency_id=user.agency_id,
                plan__state=PlanState.PUBLISHED,
                done_on__isnull=True,
                deadline__lte=soon,
            )
            .select_related("agency", "plan")
            .order_by("deadline", "pk")[:50]
        )
        for task in tasks:
            urgency = Urgency.OVERDUE if task.deadline < today else Urgency.DUE_SOON
            items.append(
                TodoItem(
                    title=f"工作要点任务：{task.content[:40]}",
                    url=reverse("plans_staff:task", args=[task.pk]),
                    agency=task.agency.display_name,
                    status=f"{task.status_label(today)}，进度{task.percent}%",
                    due=task.deadline,
                    urgency=urgency,
                )
            )
    if user.has_role("clerk", "reviewer", "signer"):
        for plan in AnnualPlan.objects.filter(
            ~Q(state=PlanState.PUBLISHED),
            agency_id__in=managed_agency_ids(user),
            deadline__lte=today + timedelta(days=DUE_SOON_DAYS),
        ).select_related("agency"):
            items.append(
                TodoItem(
                    title=f"发布{plan.title}",
                    url=reverse("plans_staff:plan", args=[plan.pk]),
                    agency=plan.agency.display_name,
                    status=plan.get_state_display(),
                    due=plan.deadline,
                    urgency=Urgency.OVERDUE if plan.is_late(today) else Urgency.DUE_SOON,
                )
            )
    return items


# --- the supervisor's dashboard ---------------------------------------------------------------------


def dashboard_context(request) -> dict | None:
    """Plans unpublished past their deadline and overdue tasks, within the supervisor's scope."""
    user = request.user
    today = timezone.localdate()
    late_plans = list(
        AnnualPlan.objects.filter(late_plans_q(today) & agency_filter(user, "agency"))
        .select_related("agency")
        .order_by("deadline", "pk")
    )
    overdue = (
        PlanTask.objects.filter(overdue_q(today) & agency_filter(user, "agency"))
        .select_related("agency", "plan")
        .order_by("deadline", "pk")
    )
    by_agency = (
        PlanTask.objects.filter(overdue_q(today) & agency_filter(user, "agency"))
        .values("agency__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency__name")
    )
    tasks = list(overdue[:100])
    if not late_plans and not tasks:
        return None
    return {
        "today": today,
        "late_plans": late_plans,
        "overdue_tasks": tasks,
        "overdue_total": overdue.count() if len(tasks) == 100 else len(tasks),
        "overdue_by_agency": list(by_agency),
    }


# --- metrics (oversight's annual report reads them through the registry) ----------------------------


def _tasks_of(start: date, end: date, agency_ids: Iterable[int] | None) -> QuerySet[PlanTask]:
    qs = PlanTask.objects.filter(_of_plans(start, end))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return qs


def _count_by_agency(qs: QuerySet[PlanTask]) -> dict[int, int]:
    return {row["agency_id"]: row["n"] for row in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


def metric_total(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Tasks of the published plans of the years from `start` to `end`, per responsible agency."""
    return _count_by_agency(_tasks_of(start, end, agency_ids))


def metric_done(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    return _count_by_agency(_tasks_of(start, end, agency_ids).filter(done_on__isnull=False, done_on__lte=end))


def metric_overdue(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Tasks past their deadline and not done on `end` (or today, if `end` is still ahead)."""
    return _count_by_agency(_tasks_of(start, end, agency_ids).filter(_overdue(start, end)))


def year_end_summaries(
    start: date, end: date, agency_ids: Iterable[int] | None = None
) -> dict[int, list[dict]]:
    """Per responsible agency, each task of the period's plans with its state and year-end summary
    (the annual report's section on the plan's implementation)."""
    out: dict[int, list[dict]] = defaultdict(list)
    as_of = min(end, timezone.localdate())
    for task in (
        _tasks_of(start, end, agency_ids).select_related("plan").order_by("agency_id", "plan_id", "position")
    ):
        out[task.agency_id].append(
            {
                "plan": task.plan.title,
                "year": task.plan.year,
                "position": task.position,
                "content": task.content,
                "deadline": task.deadline,
                "percent": task.percent,
                "status": task.status_label(as_of),
                "summary": task.summary,
            }
        )
    return dict(out)


METRICS = {
    "plans.tasks.total": ("年度政务公开工作要点任务数", metric_total),
    "plans.tasks.done": ("工作要点任务已完成数", metric_done),
    "plans.tasks.overdue": ("工作要点任务超期未完成数", metric_overdue),
    "plans.tasks.summaries": ("工作要点任务年终总结（按责任单位）", year_end_summaries),
}


def _of_plans(start: date, end: date) -> Q:
    return Q(plan__state=PlanState.PUBLISHED, plan__year__gte=start.year, plan__year__lte=end.year)


def _overdue(start: date, end: date) -> Q:
    """As `metric_overdue` counts."""
    as_of = min(end, timezone.localdate())
    return _of_plans(start, end) & Q(deadline__lt=as_of) & (Q(done_on__isnull=True) | Q(done_on__gt=as_of))


# The task list narrowed to a figure (`?figure=…`): the tasks the metrics count.
FIGURES = {
    "total": ("本期工作要点的任务", _of_plans),
    "done": (
        "本期工作要点中已完成的任务",
        lambda s, e: _of_plans(s, e) & Q(done_on__isnull=False, done_on__lte=e),
    ),
    "overdue": ("本期工作要点中超期未完成的任务", _overdue),
}
RECORDS = {
    "plans.tasks.total": records_url("plans_staff:home", "total"),
    "plans.tasks.done": records_url("plans_staff:home", "done"),
    "plans.tasks.overdue": records_url("plans_staff:home", "overdue"),
}


# --- public -------------------------------------------------------------------------------------------


def published_plans() -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.filter(state=PlanState.PUBLISHED).select_related("agency")


def public_tasks(plan: AnnualPlan) -> list[PlanTask]:
    """The plan's tasks with their latest report (text and public evidence), in three queries."""
    from gongkai.publishing.models import Disclosure, Document
    from gongkai.publishing.models import State as DocState

    tasks = list(plan.tasks.select_related("agency").order_by("position"))
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(task__plan=plan).order_by("task_id", "-reported_at", "-pk"):
        latest.setdefault(report.task_id, report)
    through = ProgressReport.documents.through
    doc_ids: dict[int, list[int]] = defaultdict(list)
    for row in through.objects.filter(progressreport_id__in=[r.pk for r in latest.values()]).values(
        "progressreport_id", "document_id"
    ):
        doc_ids[row["progressreport_id"]].append(row["document_id"])
    docs = {
        d.pk: d
        for d in Document.objects.filter(
            pk__in={i for ids in doc_ids.values() for i in ids},
            state=DocState.PUBLISHED,
            disclosure=Disclosure.PROACTIVE,
        ).only("pk", "title", "index_number")
    }
    for task in tasks:
        report = latest.get(task.pk)
        task.latest = report
        task.evidence = [docs[i] for i in doc_ids.get(report.pk, []) if i in docs] if report else []
    return tasks
