"""Every write of handling: grade proposals and decisions, assignment, 会商, responses, closing,
escalation of missed deadlines, the assignment table and the reports. Each runs in one transaction
and writes its audit row; the workflow table (workflow.py) decides who may take a step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Kind
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused

from . import grading, responses
from .models import (
    AgencyRule,
    Assessment,
    Escalation,
    Event,
    EventState,
    Grade,
    GradeDecision,
    Report,
    ReportKind,
    ReportState,
    Response,
)
from .queries_handling import event_url, facts_of, supervising_office


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("owner", "agency").get(pk=event.pk)


def _check(actor, event: Event, action: str):
    from .workflow import EVENTS

    return EVENTS.check(actor, event, action)


def _text(value: str | None, label: str, field: str, *, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ActionRefused(f"请填写{label}", field=field)
    if len(value) > limit:
        raise ActionRefused(f"{label}不能超过{limit}字（现有{len(value)}字）", field=field)
    return value


# ---------------------------------------------------------------- grade


def propose_grades(posts: Sequence) -> None:
    """Pipeline stage 50: propose a grade for every open event the batch's posts joined."""
    ids = {p.event_id for p in posts if getattr(p, "event_id", None)}
    if not ids:
        return
    rules = grading.rules_from_settings()
    agencies = list(Agency.objects.filter(is_active=True).values_list("name", "short_name", "level"))
    events = Event.objects.filter(pk__in=ids, state__in=(EventState.NEW, EventState.ASSIGNED)).select_related(
        "owner"
    )
    for event in events:
        propose_grade(event, rules=rules, agencies=agencies)


@transaction.atomic
def propose_grade(event: Event, *, rules: grading.Rules | None = None, agencies=None) -> GradeDecision | None:
    """Write the rules' proposal when it differs from the one on record (a proposal never changes a
    confirmed grade; it shows beside it)."""
    rules = rules or grading.rules_from_settings()
    proposal = grading.propose(facts_of(event, agencies=agencies), rules)
    event = _lock(event)
    if proposal.grade == event.proposed_grade:
        return None
    before = event.proposed_grade
    event.proposed_grade = proposal.grade
    if not event.grade:  # until an analyst confirms, the clock runs on the proposed grade
        event.deadline_at = grading.deadline(event.clock_start, proposal.grade, rules)
    event.save(update_fields=["proposed_grade", "deadline_at"])
    decision = GradeDecision.objects.create(
        event=event, grade=proposal.grade, score=proposal.score, reasons=proposal.reasons
    )
    record_audit(
        actor=None, action="opinion.event.propose_grade", target=event, agency=event.owner,
        before={"proposed_grade": before}, after={"proposed_grade": proposal.grade, "score": proposal.score},
        note="；".join(proposal.reasons),
    )  # fmt: skip
    return decision


def _set_deadline(event: Event, rules: grading.Rules) -> None:
    event.deadline_at = grading.deadline(event.clock_start, event.grade, rules)


def _require_conference(actor, event: Event, rules: grading.Rules) -> None:
    """A major event assigned to an agency: the agency must hold a press conference within the hours
    (press counts it as due until one takes place; calling again for the same event changes nothing)."""
    if event.agency_id is None or not grading.needs_conference(event.grade):
        return
    from gongkai.press.actions import require_conference

    require_conference(
        actor, event.agency, grading.conference_deadline(event.clock_start, rules),
        f"{event.get_grade_display()}舆情事件：{event.title}"[:300], source_url=event_url(event),
    )  # fmt: skip


@transaction.atomic
def confirm_grade(actor, event: Event, *, grade: str, reason: str = "") -> Event:
    """The analyst confirms the proposed grade or changes it (a change needs a reason); the deadline
    runs from the event's first appearance in the hours the grade allows."""
    event = _lock(event)
    _check(actor, event, "grade")
    if grade not in Grade.values:
        raise ActionRefused("请选择等级", field="grade")
    reason = _text(reason, "定级理由", "reason", limit=1000, required=False)
    if event.proposed_grade and grade != event.proposed_grade and not reason:
        raise ActionRefused(
            f"等级与建议等级（{event.get_proposed_grade_display()}）不同，请填写定级理由", field="reason"
        )
    rules = grading.rules_from_settings()
    before = {"grade": event.grade, "deadline_at": event.deadline_at}
    event.grade, event.grade_reason = grade, reason
    _set_deadline(event, rules)
    event.save(update_fields=["grade", "grade_reason", "deadline_at"])
    GradeDecision.objects.create(event=event, grade=grade, reason=reason, decided_by=actor)
    record_audit(
        actor=actor, action="opinion.event.grade", target=event, agency=event.owner, before=before,
        after={"grade": grade, "deadline_at": event.deadline_at}, note=reason,
    )  # fmt: skip
    _require_conference(actor, event, rules)
    return event


# ---------------------------------------------------------------- assign, 会商, respond, close


def assignable_agencies(event: Event):
    """The agencies of the owner's government (the subtree of its nearest government ancestor)."""
    owner = event.owner
    ids = [int(pk) for pk in owner.path.strip("/").split("/") if pk]
    governments = Agency.objects.filter(pk__in=ids, kind=Kind.GOVERNMENT).order_by("-path")
    root = governments.first() or owner
    return root.subtree().filter(is_active=True).order_by("path")


@transaction.atomic
def assign_event(actor, event: Event, *, agency: Agency, note: str = "") -> Event:
    event = _lock(event)
    transition = _check(actor, event, "assign")
    if agency is None or not assignable_agencies(event).filter(pk=agency.pk).exists():
        raise ActionRefused("请选择本级政府及其下属的责任单位", field="agency")
    note = _text(note, "交办意见", "note", limit=1000, required=False)
    from .workflow import EVENTS

    before = {"state": event.state, "agency": event.agency_id}
    event.agency, event.assigned_at, event.assigned_by = agency, timezone.now(), actor
    event.state = EVENTS.target(event, transition)
    event.save(update_fields=["agency", "assigned_at", "assigned_by", "state"])
    record_audit(
        actor=actor, action="opinion.event.assign", target=event, agency=event.owner, before=before,
        after={"state": event.state, "agency": agency.pk}, note=f"交办{agency.display_name}。{note}".strip(),
    )  # fmt: skip
    _require_conference(actor, event, grading.rules_from_settings())
    return event


@transaction.atomic
def record_assessment(
    actor, event: Event, *, held_at: datetime, participants: Iterable[Agency], conclusion: str
) -> Assessment:
    event = _lock(event)
    _check(actor, event, "assess")
    participants = list(participants)
    if held_at is None:
        raise ActionRefused("请填写会商时间", field="held_at")
    if held_at > timezone.now():
        raise ActionRefused("会商时间不能晚于现在", field="held_at")
    if len(participants) < 2:
        raise ActionRefused("会商至少需要两个参加单位", field="participants")
    conclusion = _text(conclusion, "会商结论", "conclusion", limit=4000)
    item = Assessment.objects.create(event=event, held_at=held_at, conclusion=conclusion, recorded_by=actor)
    item.participants.set(participants)
    record_audit(
        actor=actor, action="opinion.assessment.record", target=event, agency=event.owner,
        after={"held_at": held_at, "participants": [a.pk for a in participants]}, note=conclusion[:200],
    )  # fmt: skip
    return item


@transaction.atomic
def record_response(actor, event: Event, *, key: str, note: str = "") -> Response:
    """Link what answered the event; the first response published sets the response time."""
    event = _lock(event)
    transition = _check(actor, event, "respond")
    found = responses.find(event, key or "")
    if found is None:
        raise ActionRefused(
            "请选择责任单位或其上级政府在事件首次出现后发布的文件、解读、发布会或新媒体信息", field="key"
        )
    if Response.objects.filter(event=event, kind=found.kind, object_id=found.object_id).exists():
        raise ActionRefused(f"“{found.title}”已登记为本事件的回应", field="key")
    note = _text(note, "说明", "note", limit=1000, required=False)
    response = Response.objects.create(
        event=event, kind=found.kind, object_id=found.object_id, title=found.title[:300], url=found.url,
        agency_id=found.agency_id, published_at=found.published_at, note=note, recorded_by=actor,
    )  # fmt: skip
    from .workflow import EVENTS

    before = {"state": event.state, "responded_at": event.responded_at}
    if event.responded_at is None or found.published_at < event.responded_at:
        event.responded_at = found.published_at
    event.state = EVENTS.target(event, transition)
    event.save(update_fields=["responded_at", "state"])
    Escalation.objects.filter(event=event, closed_at=None).update(closed_at=timezone.now())
    record_audit(
        actor=actor, action="opinion.event.respond", target=event, agency=event.agency or event.owner,
        before=before, after={"state": event.state, "responded_at": event.responded_at, "response": found.key},
        note=f"{found.kind_label}：{found.title}"[:300],
    )  # fmt: skip
    return response


@transaction.atomic
def close_event(actor, event: Event, *, note: str = "") -> Event:
    event = _lock(event)
    transition = _check(actor, event, "close")
    note = _text(note, "办结说明", "note", limit=1000, required=False)
    from .workflow import EVENTS

    before = event.state
    event.state = EVENTS.target(event, transition)
    event.save(update_fields=["state"])
    record_audit(
        actor=actor, action="opinion.event.close", target=event, agency=event.owner,
        before={"state": before}, after={"state": event.state}, note=note,
    )  # fmt: skip
    return event


# ---------------------------------------------------------------- escalation (opinion_escalate)


def overdue_events(now: datetime | None = None):
    now = now or timezone.now()
    return Event.objects.filter(
        state__in=(EventState.NEW, EventState.ASSIGNED), deadline_at__lt=now, escalated_at=None
    ).select_related("owner", "agency")


@transaction.atomic
def escalate_event(event: Event, *, now: datetime | None = None) -> Escalation | None:
    """Report a missed deadline to the supervising office of the responsible agency (or of the owner
    while unassigned); once per event and deadline."""
    now = now or timezone.now()
    event = _lock(event)
    if event.escalated_at or event.deadline_at is None or event.deadline_at >= now:
        return None
    if event.state not in (EventState.NEW, EventState.ASSIGNED):
        return None
    office = supervising_office(event.agency or event.owner)
    item, created = Escalation.objects.get_or_create(
        event=event, deadline_at=event.deadline_at, defaults={"to_agency": office, "escalated_at": now}
    )
    event.escalated_at = now
    event.save(update_fields=["escalated_at"])
    if created:
        record_audit(
            actor=None, action="opinion.event.escalate", target=event, agency=office,
            after={"to_agency": office.pk, "deadline_at": event.deadline_at},
            note=f"超过回应时限，上报{office.display_name}",
        )  # fmt: skip
    return item


# ---------------------------------------------------------------- the assignment table


@transaction.atomic
def save_agency_rule(actor, owner: Agency, *, region: str, topic: str, agency: Agency) -> AgencyRule:
    region = _text(region, "属地关键词", "region", limit=40, required=False)
    topic = _text(topic, "主题关键词", "topic", limit=40, required=False)
    if not region and not topic:
        raise ActionRefused("属地关键词和主题关键词至少填写一个", field="region")
    if agency is None:
        raise ActionRefused("请选择责任单位", field="agency")
    rule = AgencyRule.objects.filter(owner=owner, region=region, topic=topic).first()
    before = {"agency": rule.agency_id} if rule else None
    if rule is None:
        rule = AgencyRule.objects.create(owner=owner, region=region, topic=topic, agency=agency)
    else:
        rule.agency = agency
        rule.save(update_fields=["agency"])
    record_audit(
        actor=actor, action="opinion.rule.save", target=rule, agency=owner, before=before,
        after={"region": region, "topic": topic, "agency": agency.pk},
    )  # fmt: skip
    return rule


@transaction.atomic
def delete_agency_rule(actor, rule: AgencyRule) -> None:
    record_audit(
        actor=actor, action="opinion.rule.delete", target=rule, agency=rule.owner,
        before={"region": rule.region, "topic": rule.topic, "agency": rule.agency_id},
    )  # fmt: skip
    rule.delete()


# ---------------------------------------------------------------- reports


@transaction.atomic
def create_report(
    actor,
    owner: Agency,
    *,
    kind: str,
    period_start: datetime,
    period_end: datetime,
    event: Event | None = None,
) -> Report:
    """A draft generated from the records of the period (or of one event, 专报)."""
    from . import reports

    if kind not in ReportKind.values:
        raise ActionRefused("请选择报告类型", field="kind")
    if kind == ReportKind.SPECIAL and event is None:
        raise ActionRefused("专报请选择一个舆情事件", field="event")
    if period_start is None or period_end is None or period_start >= period_end:
        raise ActionRefused("截止时间应晚于起始时间", field="period_end")
    draft = reports.draft(owner, kind, period_start, period_end, event)
    report = Report.objects.create(
        owner=owner, kind=kind, event=event, period_start=period_start, period_end=period_end,
        created_by=actor, **draft,
    )  # fmt: skip
    record_audit(
        actor=actor, action="opinion.report.create", target=report, agency=owner,
        after={"kind": kind, "period_start": period_start, "period_end": period_end},
    )  # fmt: skip
    return report


def _lock_report(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related("owner").get(pk=report.pk)


@transaction.atomic
def update_report(actor, report: Report, **fields: str) -> Report:
    report = _lock_report(report)
    if report.state != ReportState.DRAFT:
        raise ActionRefused("报告已印发，不能再修改")
    limits = {
        "title": 200,
        "number": 40,
        "overview": 20000,
        "spread": 20000,
        "content": 20000,
        "advice": 20000,
    }
    labels = {"title": "标题", "number": "期号", **{k: str(v)[2:] for k, v in Report.SECTIONS}}
    errors, values = [], {}
    for name, limit in limits.items():
        if name in fields:
            try:
                values[name] = _text(fields[name], labels[name], name, limit=limit, required=name != "number")
            except ActionRefused as exc:
                errors.append(exc)
    if errors:
        raise errors[0]
    before = {k: getattr(report, k) for k in values}
    for name, value in values.items():
        setattr(report, name, value)
    report.save(update_fields=list(values))
    record_audit(actor=actor, action="opinion.report.update", target=report, agency=report.owner,
                 before=before, after=values)  # fmt: skip
    return report


@transaction.atomic
def issue_report(actor, report: Report) -> Report:
    """Make the .docx from the edited text and archive it; the report no longer changes."""
    from . import reports

    report = _lock_report(report)
    if report.state != ReportState.DRAFT:
        raise ActionRefused("报告已印发")
    report.issued_by, report.issued_at = actor, timezone.now()
    report.state = ReportState.ISSUED
    data = reports.build_docx(report)
    report.file.save(f"{report.kind}-{report.pk}.docx", ContentFile(data), save=False)
    report.save(update_fields=["issued_by", "issued_at", "state", "file"])
    record_audit(actor=actor, action="opinion.report.issue", target=report, agency=report.owner,
                 after={"state": report.state, "file": report.file.name})  # fmt: skip
    return report
