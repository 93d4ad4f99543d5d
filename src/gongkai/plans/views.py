"""Pages of 政务公开工作要点: the workbench (plans, import and review, tasks and their progress) and
the portal (published plans with each task's progress). Views parse, call an action, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import staff_view, visible_agencies
from gongkai.common.errors import ActionRefused
from gongkai.common.metric_records import narrow
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_year
from gongkai.ingest.masking import mask_text

from . import actions, importing, queries
from .forms import ImportForm, PlanEditForm, PlanForm, ReportForm, SummaryForm, TaskForm
from .models import AnnualPlan, PlanState, TaskStatus
from .rules import (
    MANAGERS,
    STAFF_ROLES,
    managed_agency_ids,
    manages,
    plans_for,
    reports_on,
    tasks_for,
)
from .workflow import PLANS

NAV = "plans"
MAKERS = ("clerk", "supervisor")  # who makes and imports plans


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _plan_agencies(user):
    """The agencies a user may make a plan for: its own, the government its office supervises, and
    for a supervisor every agency in its scope."""
    ids = set(managed_agency_ids(user))
    qs = Agency.objects.filter(pk__in=ids)
    if user.is_superuser or user.is_supervisor:
        qs = qs | visible_agencies(user)
    return qs.filter(is_active=True).distinct().order_by("path")


# --- workbench --------------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def home(request):
    user = request.user
    today = timezone.localdate()
    plans = plans_for(user).annotate(
        n_tasks=Count("tasks", distinct=True),
        n_done=Count("tasks", filter=Q(tasks__done_on__isnull=False), distinct=True),
        n_overdue=Count(
            "tasks",
            filter=Q(state=PlanState.PUBLISHED, tasks__done_on__isnull=True, tasks__deadline__lt=today),
            distinct=True,
        ),
    )
    # The tasks behind a figure of a scorecard or the annual report (`?figure=…`), else the agency's own.
    figure = narrow(request, tasks_for(user), queries.FIGURES)
    mine = (
        figure.qs
        if figure.figure
        else tasks_for(user).filter(agency_id=user.agency_id, plan__state=PlanState.PUBLISHED)
    )
    mine = mine.select_related("plan", "agency").order_by("done_on", "deadline", "pk")
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/wb_home.html",
        {
            "nav": NAV,
            "plans": plans,
            "page_obj": page,
            "today": today,
            "can_make": user.is_superuser or user.has_role("clerk"),
            "query_string": urlencode(figure.query()),
            **figure.context(),
        },
    )


@staff_view(*MAKERS)
def plan_new(request):
    agencies = _plan_agencies(request.user)
    form = PlanForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.create_plan(
                request.user,
                agency=get_object_or_404(agencies, pk=data["agency"]),
                year=data["year"],
                title=data["title"]
                or f"{agencies.get(pk=data['agency']).name}{data['year']}年政务公开工作要点",
                deadline=data["deadline"],
            )
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "工作要点已建立，请逐条录入任务")
            return redirect("plans_staff:plan", plan.pk)
    return render(request, "plans/wb_plan_form.html", {"nav": NAV, "form": form, "title": "新建工作要点"})


@staff_view(*MAKERS)
def plan_import(request):
    agencies = _plan_agencies(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            agency = get_object_or_404(agencies, pk=data["agency"])
            if AnnualPlan.objects.filter(agency=agency, year=data["year"]).exists():
                raise ActionRefused(f"{agency}{data['year']}年的工作要点已经存在", field="year")
            staged = importing.read_plan(upload.read(), upload.name, year=data["year"], agency=agency)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            if data["title"]:
                staged["title"] = data["title"]
            if data["deadline"]:
                staged["deadline"] = data["deadline"].isoformat()
            key = importing.stage(request.session, staged)
            return redirect("plans_staff:review", key)
    return render(request, "plans/wb_import.html", {"nav": NAV, "form": form})


@staff_view(*MAKERS)
def plan_review(request, key: str):
    """The parsed tasks for the clerk to edit, drop and merge; saved only on confirmation."""
    staged = importing.staged(request.session, key)
    if staged is None:
        done = plans_for(request.user).filter(import_key=key).first()
        if done is None:
            raise Http404("导入内容已失效，请重新上传文件")
        if request.method == "POST":  # confirmed already (Back, then confirm again): the plan saved then
            return redirect("plans_staff:plan", done.pk)
        return render(request, "plans/wb_review_done.html", {"nav": NAV, "plan": done})
    agency = get_object_or_404(_plan_agencies(request.user), pk=staged["agency_id"])
    review, error = None, ""
    if request.method == "POST":
        review = importing.read_review(request.POST, staged)
        try:
            plan = actions.import_plan(
                request.user,
                agency=agency,
                year=staged["year"],
                title=review.title,
                deadline=review.deadline,
                tasks=review.kept_tasks(),
                source_name=staged["source_name"],
                import_key=key,
            )
        except ActionRefused as exc:
            error = exc.message
        else:
            importing.forget(request.session, key)
            flash.success(request, f"已保存工作要点及{plan.tasks.count()}项任务")
            return redirect("plans_staff:plan", plan.pk)
    rows = importing.rows_for_page(staged, review)
    return render(
        request,
        "plans/wb_review.html",
        {
            "nav": NAV,
            "key": key,
            "staged": staged,
            "agency": agency,
            "title": review.title if review else staged["title"],
            "deadline": (review.deadline.isoformat() if review and review.deadline else staged["deadline"]),
            "rows": rows,
            "unmatched": sum(1 for r in rows if not r["agency_id"]),
            "agencies": list(agency.subtree().filter(is_active=True).order_by("path")),
            "error": error,
        },
    )


@staff_view(*STAFF_ROLES)
def plan_detail(request, pk: int):
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    today = timezone.localdate()
    tasks = list(plan.tasks.select_related("agency").order_by("position"))
    counts = {s: 0 for s in TaskStatus.values}
    for task in tasks:
        task.state = task.status(today)
        counts[task.state] += 1
    return render(
        request,
        "plans/wb_plan.html",
        {
            "nav": NAV,
            "plan": plan,
            "tasks": tasks,
            "counts": [(TaskStatus(s).label, n, s) for s, n in counts.items()],
            "today": today,
            "late": plan.is_late(today),
            "manages": manages(request.user, plan),
            "transitions": PLANS.available(request.user, plan),
        },
    )


@staff_view(*MANAGERS)
def plan_edit(request, pk: int):
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    if not manages(request.user, plan):
        raise Http404
    form = PlanEditForm(request.POST or None, initial={"title": plan.title, "deadline": plan.deadline})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_plan(request.user, plan, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "工作要点已修改")
            return redirect("plans_staff:plan", plan.pk)
    return render(
        request, "plans/wb_plan_form.html", {"nav": NAV, "form": form, "plan": plan, "title": "修改工作要点"}
    )


@staff_view(*MANAGERS)
def task_new(request, pk: int):
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    if not manages(request.user, plan):
        raise Http404
    form = TaskForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_task(request.user, plan, **form.action_kwargs())
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "任务已添加")
            return redirect("plans_staff:plan", plan.pk)
    return render(
        request, "plans/wb_task_form.html", {"nav": NAV, "form": form, "plan": plan, "title": "添加任务"}
    )


@staff_view(*MANAGERS)
def task_edit(request, pk: int):
    task = get_object_or_404(tasks_for(request.user).select_related("plan", "plan__agency"), pk=pk)
    if not manages(request.user, task.plan):
        raise Http404
    initial = {
        "section": task.section,
        "content": task.content,
        "agency": task.agency_id,
        "partners": task.partners,
        "person": task.person,
        "deadline": task.deadline,
        "criterion": task.criterion,
    }
    form = TaskForm(request.POST or None, plan=task.plan, initial=initial)
    if request.method == "POST" and "remove" in request.POST:
        try:
            actions.remove_task(request.user, task)
        except ActionRefused as exc:
            flash.error(request, exc.message)
            return redirect("plans_staff:task_edit", task.pk)
        flash.success(request, "任务已删除")
        return redirect("plans_staff:plan", task.plan_id)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_task(request.user, task, **form.action_kwargs())
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "任务已修改")
            return redirect("plans_staff:task", task.pk)
    return render(
        request,
        "plans/wb_task_form.html",
        {"nav": NAV, "form": form, "plan": task.plan, "task": task, "title": "修改任务"},
    )


@staff_view(*STAFF_ROLES)
def task_detail(request, pk: int):
    task = get_object_or_404(tasks_for(request.user).select_related("plan", "plan__agency", "agency"), pk=pk)
    user = request.user
    can_report = reports_on(user, task) and task.plan.state == PlanState.PUBLISHED
    report_form = ReportForm(actor=user, initial={"percent": task.percent})
    summary_form = SummaryForm(initial={"text": task.summary})
    if request.method == "POST" and can_report:
        if request.POST.get("what") == "summary":
            summary_form = SummaryForm(request.POST)
            if summary_form.is_valid():
                try:
                    actions.save_summary(user, task, text=summary_form.cleaned_data["text"])
                except ActionRefused as exc:
                    _refused(summary_form, exc)
                else:
                    flash.success(request, "年终总结已保存")
                    return redirect("plans_staff:task", task.pk)
        else:
            report_form = ReportForm(request.POST, actor=user)
            if report_form.is_valid():
                try:
                    actions.report_progress(user, task, **report_form.action_kwargs())
                except ActionRefused as exc:
                    _refused(report_form, exc)
                else:
                    flash.success(request, "进展已报告")
                    return redirect("plans_staff:task", task.pk)
    reports = task.reports.select_related("reported_by").prefetch_related("documents")
    return render(
        request,
        "plans/wb_task.html",
        {
            "nav": NAV,
            "task": task,
            "plan": task.plan,
            "status": task.status_label(),
            "overdue": task.status() == TaskStatus.OVERDUE,
            "reports": reports,
            "can_report": can_report,
            "can_edit": manages(user, task.plan),
            "report_form": report_form,
            "summary_form": summary_form,
        },
    )


# --- portal ---------------------------------------------------------------------------------------


@public_page(params=("year",))
def public_index(request):
    year = param_year(request.GET.get("year"))
    plans = queries.published_plans().filter(agency__in=request.site.agencies())
    years = sorted({p.year for p in plans}, reverse=True)
    if year:
        plans = plans.filter(year=year)
    return render(
        request,
        "plans/public_index.html",
        {"plans": plans.order_by("-year", "agency__path"), "years": years, "year": year},
    )


@public_page
def public_plan(request, pk: int):
    plan = get_object_or_404(queries.published_plans().filter(agency__in=request.site.agencies()), pk=pk)
    today = timezone.localdate()
    tasks = queries.public_tasks(plan)
    for task in tasks:
        task.state = task.status(today)
        names = [task.person] if task.person else []
        task.public_text = mask_text(task.latest.text, names) if task.latest else ""
        task.public_summary = mask_text(task.summary, names)
    done = sum(1 for t in tasks if t.state == TaskStatus.DONE)
    return render(
        request,
        "plans/public_plan.html",
        {"plan": plan, "tasks": tasks, "done": done, "today": today},
    )
