"""Every write of 政务公开工作要点: atomic, checked, audited.

A plan is entered (`create_plan`, `add_task`) or imported from its Word document: the parser's
tasks are reviewed by the clerk and saved only by `import_plan`, all at once. Agencies report on
their tasks (`report_progress`, history kept) and write a year-end summary (`save_summary`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http.request import validate_host
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import agency_filter, can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.inputs import checked_text

from .models import AnnualPlan, PlanState, PlanTask, ProgressReport, default_deadline
from .rules import agencies_for_tasks, managed_agency_ids, manages, reports_on
from .workflow import PLANS

PLAN_FIELDS = ["title", "year", "deadline", "state", "document", "published_on", "return_reason"]
TASK_FIELDS = ["position", "section", "content", "agency", "partners", "person", "deadline", "criterion"]
PROGRESS_FIELDS = ["percent", "done_on"]
CONTENT_MAX = 2000
TEXT_MAX = 5000
LINKS_MAX = 10


def _today() -> date:
    return timezone.localdate()


def _text(value, what: str, field: str, *, limit: int = TEXT_MAX, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required)


def _audit_plan(actor, plan: AnnualPlan, event: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"plans.plan.{event}",
        target=plan,
        agency=plan.agency,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
        note=note,
    )


def _audit_task(actor, task: PlanTask, event: str, before: dict | None, fields=TASK_FIELDS, note="") -> None:
    record_audit(
        actor=actor,
        action=f"plans.task.{event}",
        target=task,
        agency=task.agency,
        before=before,
        after=snapshot(task, fields),
        note=note,
    )


def _lock_plan(plan: AnnualPlan) -> AnnualPlan:
    return AnnualPlan.objects.select_for_update(of=("self",)).select_related("agency").get(pk=plan.pk)


def _lock_task(task: PlanTask) -> PlanTask:
    return (
        PlanTask.objects.select_for_update(of=("self",))
        .select_related("plan", "plan__agency", "agency")
        .get(pk=task.pk)
    )


# --- the plan -------------------------------------------------------------------------------------


def _check_plan_agency(actor, agency: Agency) -> None:
    if actor is None or actor.is_superuser:
        return
    if not actor.has_role(Role.CLERK, Role.SUPERVISOR):
        raise ActionRefused("制定工作要点需要以下角色之一：信息公开工作人员、主管部门")
    if agency.pk not in managed_agency_ids(actor) and not (
        actor.is_supervisor and can_see_agency(actor, agency)
    ):
        raise ActionRefused(f"您不能为{agency}制定工作要点", field="agency")


def _plan_fields(year: Any, title: Any, deadline: date | None) -> tuple[int, str, date]:
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        raise ActionRefused("请填写正确的年度（如2026）", field="year")
    title = _text(title, "标题", "title", limit=200)
    deadline = deadline or default_deadline(year)
    if deadline.year != year:
        raise ActionRefused(f"发布期限应在{year}年内", field="deadline")
    return year, title, deadline


def _new_plan(actor, agency: Agency, year: Any, title: Any, deadline: date | None, **extra) -> AnnualPlan:
    _check_plan_agency(actor, agency)
    year, title, deadline = _plan_fields(year, title, deadline)
    if AnnualPlan.objects.filter(agency=agency, year=year).exists():
        raise ActionRefused(f"{agency}{year}年的工作要点已经存在，请在原工作要点中修改", field="year")
    return AnnualPlan.objects.create(
        agency=agency, year=year, title=title, deadline=deadline, created_by=actor if actor else None, **extra
    )


@transaction.atomic
def create_plan(actor, *, agency: Agency, year: Any, title: Any, deadline: date | None = None) -> AnnualPlan:
    """A plan entered by hand; its tasks are added one by one (`add_task`)."""
    plan = _new_plan(actor, agency, year, title, deadline)
    _audit_plan(actor, plan, "create", None)
    return plan


@transaction.atomic
def import_plan(
    actor,
    *,
    agency: Agency,
    year: Any,
    title: Any,
    deadline: date | None,
    tasks: Iterable[Mapping[str, Any]],
    source_name: str = "",
    import_key: str = "",
) -> AnnualPlan:
    """A plan and the tasks the clerk confirmed after reviewing the parse, saved together.

    Confirming the same review again (its `import_key`) returns the plan saved the first time."""
    if import_key:
        done = AnnualPlan.objects.filter(import_key=import_key).first()
        if done is not None:
            return done
    tasks = list(tasks)
    if not tasks:
        raise ActionRefused("没有保留任何任务：请至少保留一项任务后再保存", field="tasks")
    plan = _new_plan(
        actor, agency, year, title, deadline, source_name=source_name[:255], import_key=import_key
    )
    allowed = set(agencies_for_tasks(plan).values_list("pk", flat=True))
    rows = []
    for position, fields in enumerate(tasks, start=1):
        rows.append(
            PlanTask(plan=plan, position=position, **_task_fields(fields, allowed, f"第{position}项"))
        )
    PlanTask.objects.bulk_create(rows)
    _audit_plan(actor, plan, "import", None, note=f"{source_name}：{len(rows)}项任务")
    return plan


@transaction.atomic
def update_plan(actor, plan: AnnualPlan, *, title: Any, deadline: date | None) -> AnnualPlan:
    plan = _lock_plan(plan)
    _check_manages(actor, plan)
    before = snapshot(plan, PLAN_FIELDS)
    plan.year, plan.title, plan.deadline = _plan_fields(plan.year, title, deadline)
    plan.save(update_fields=["title", "deadline"])
    _audit_plan(actor, plan, "update", before)
    return plan


def _check_manages(actor, plan: AnnualPlan) -> None:
    if actor is not None and not manages(actor, plan):
        raise ActionRefused(f"只有{plan.agency}及其办公室的工作人员可以修改工作要点")


def _go(actor, plan: AnnualPlan, action: str) -> str:
    return PLANS.target(plan, PLANS.check(actor, plan, action))


@transaction.atomic
def submit_plan(actor, plan: AnnualPlan) -> AnnualPlan:
    return PLANS.step(actor, _lock_plan(plan), "submit", audit="plans.plan.submit", fields=PLAN_FIELDS)


@transaction.atomic
def return_plan(actor, plan: AnnualPlan, *, reason: str) -> AnnualPlan:
    return PLANS.step(
        actor, _lock_plan(plan), "return", audit="plans.plan.return", fields=PLAN_FIELDS, reason=reason
    )


@transaction.atomic
def publish_plan(actor, plan: AnnualPlan, *, document=None, published_on: date | None = None) -> AnnualPlan:
    """Publish the plan; `document` is the published 政府信息 that carries it on the portal, if any."""
    plan = _lock_plan(plan)
    before = snapshot(plan, PLAN_FIELDS)
    plan.state = _go(actor, plan, "publish")
    if document is not None:
        from gongkai.publishing.models import State as DocState

        if document.state != DocState.PUBLISHED:
            raise ActionRefused("只能关联已发布的政府信息", field="document")
        if actor is not None and not (actor.is_superuser or can_see_agency(actor, document.agency)):
            raise ActionRefused("只能关联您权限范围内的政府信息", field="document")
    plan.document = document
    plan.published_on = published_on or _today()
    plan.save(update_fields=["state", "document", "published_on"])
    _audit_plan(actor, plan, "publish", before)
    return plan


# --- tasks --------------------------------------------------------------------------------------


def _task_fields(fields: Mapping[str, Any], allowed: set[int], where: str = "") -> dict[str, Any]:
    prefix = f"{where}：" if where else ""
    content = str(fields.get("content") or "").strip()
    if not content:
        raise ActionRefused(f"{prefix}请填写任务内容", field="content")
    if len(content) > CONTENT_MAX:
        raise ActionRefused(
            f"{prefix}任务内容不能超过{CONTENT_MAX}字（现有{len(content)}字）", field="content"
        )
    agency_id = fields.get("agency_id") or getattr(fields.get("agency"), "pk", None)
    if not agency_id:
        raise ActionRefused(f"{prefix}请选择责任单位", field="agency")
    if int(agency_id) not in allowed:
        raise ActionRefused(f"{prefix}责任单位须是制定机关或其下属单位", field="agency")
    deadline = fields.get("deadline") or None
    if deadline is not None and not isinstance(deadline, date):
        try:
            deadline = date.fromisoformat(str(deadline))
        except ValueError:
            raise ActionRefused(f"{prefix}完成时限不是有效日期", field="deadline") from None
    return {
        "section": str(fields.get("section") or "").strip()[:200],
        "number": str(fields.get("number") or "").strip()[:12],
        "content": content,
        "agency_id": int(agency_id),
        "partners": str(fields.get("partners") or "").strip()[:300],
        "person": str(fields.get("person") or "").strip()[:50],
        "deadline": deadline,
        "deadline_text": str(fields.get("deadline_text") or "").strip()[:60],
        "criterion": _text(
            fields.get("criterion"), f"{prefix}完成标准", "criterion", limit=1000, required=False
        ),
    }


@transaction.atomic
def add_task(actor, plan: AnnualPlan, **fields: Any) -> PlanTask:
    plan = _lock_plan(plan)
    _check_manages(actor, plan)
    values = _task_fields(fields, set(agencies_for_tasks(plan).values_list("pk", flat=True)))
    position = (plan.tasks.aggregate(m=Max("position"))["m"] or 0) + 1
    task = PlanTask.objects.create(plan=plan, position=position, **values)
    _audit_task(actor, task, "add", None)
    return task


@transaction.atomic
def update_task(actor, task: PlanTask, **fields: Any) -> PlanTask:
    task = _lock_task(task)
    _check_manages(actor, task.plan)
    before = snapshot(task, TASK_FIELDS)
    values = _task_fields(fields, set(agencies_for_tasks(task.plan).values_list("pk", flat=True)))
    values.pop("number")
    for name, value in values.items():
        setattr(task, name, value)
    task.save()
    _audit_task(actor, task, "update", before)
    return task


@transaction.atomic
def remove_task(actor, task: PlanTask) -> None:
    task = _lock_task(task)
    _check_manages(actor, task.plan)
    if task.plan.state == PlanState.PUBLISHED:
        raise ActionRefused("工作要点已发布，不能删除任务；如任务调整，请修改任务内容并说明")
    before = snapshot(task, TASK_FIELDS)
    _audit_task(actor, task, "remove", before)
    task.delete()


# --- progress -------------------------------------------------------------------------------------


def _percent(value: Any) -> int:
    try:
        percent = int(str(value).strip())
    except (TypeError, ValueError):
        percent = -1
    if not 0 <= percent <= 100:
        raise ActionRefused("完成进度须为0至100之间的整数", field="percent")
    return percent


def _evidence_documents(actor, ids: Iterable[Any]) -> list:
    from gongkai.publishing.models import Disclosure, Document
    from gongkai.publishing.models import State as DocState

    ids = {int(i) for i in ids if str(i).strip()}
    if not ids:
        return []
    found = Document.objects.filter(pk__in=ids, state=DocState.PUBLISHED, disclosure=Disclosure.PROACTIVE)
    if actor is not None:
        found = found.filter(agency_filter(actor))
    found = list(found)
    if len(found) != len(ids):
        raise ActionRefused("佐证材料只能选择本单位权限范围内已主动公开的政府信息", field="documents")
    return found


def site_url(url: str) -> bool:
    """A path of this site (/...) or a full http(s) URL on one of its host names."""
    from gongkai.portal.sites import site_for_host

    url = url.strip()
    if url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return True
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    return site_for_host(parts.netloc) is not None or validate_host(
        parts.hostname, settings.GONGKAI_ALLOWED_HOSTS
    )


def _links(links: Iterable[str]) -> list[str]:
    out = [link.strip() for link in links if link and link.strip()]
    if len(out) > LINKS_MAX:
        raise ActionRefused(f"佐证链接最多{LINKS_MAX}条", field="links")
    for link in out:
        if len(link) > 500 or not site_url(link):
            raise ActionRefused(f"佐证链接须是本网站的网址：{link[:80]}", field="links")
    return list(dict.fromkeys(out))


def _check_reporter(actor, task: PlanTask) -> None:
    if task.plan.state != PlanState.PUBLISHED:
        raise ActionRefused("工作要点尚未发布，暂不能报告进展")
    if actor is not None and not reports_on(actor, task):
        raise ActionRefused(f"只有责任单位（{task.agency}）的工作人员可以报告进展")


@transaction.atomic
def report_progress(
    actor,
    task: PlanTask,
    *,
    text: Any,
    percent: Any,
    documents: Iterable[Any] = (),
    links: Iterable[str] = (),
    criterion_confirmed: bool = False,
    form_key: str = "",
) -> ProgressReport:
    """Record a report and move the task to its figure; 100 % needs the completion criterion confirmed."""
    task = _lock_task(task)
    if form_key:
        already = task.reports.filter(form_key=form_key).first()
        if already is not None:
            return already
    _check_reporter(actor, task)
    text = _text(text, "进展情况", "text")
    percent = _percent(percent)
    if percent == 100 and not criterion_confirmed:
        criterion = task.criterion or "任务内容全部完成"
        raise ActionRefused(f"进度为100%时，须确认已达到完成标准（{criterion}）", field="criterion_confirmed")
    docs = _evidence_documents(actor, documents)
    links = _links(links)
    before = snapshot(task, PROGRESS_FIELDS)
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                task=task,
                text=text,
                percent=percent,
                criterion_confirmed=percent == 100,
                links=links,
                reported_by=actor if actor else None,
                form_key=form_key,
            )
    except IntegrityError:  # the same form sent twice at once: the other request saved it
        return task.reports.get(form_key=form_key)
    report.documents.set(docs)
    task.percent = percent
    task.done_on = (task.done_on or _today()) if percent == 100 else None
    task.save(update_fields=["percent", "done_on"])
    _audit_task(actor, task, "report", before, PROGRESS_FIELDS, note=f"{percent}%")
    return report


@transaction.atomic
def save_summary(actor, task: PlanTask, *, text: Any) -> PlanTask:
    """The agency's year-end summary of a task (the annual report's section on the plan reads it)."""
    task = _lock_task(task)
    _check_reporter(actor, task)
    before = snapshot(task, ["summary"])
    task.summary = _text(text, "年终总结", "text")
    task.summary_at = timezone.now()
    task.save(update_fields=["summary", "summary_at"])
    _audit_task(actor, task, "summarize", before, ["summary"])
    return task
