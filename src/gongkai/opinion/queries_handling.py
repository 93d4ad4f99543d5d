"""Read side of handling: who sees which event, the facts the grade rules look at, the supervising
office of an agency, suggested agencies, the 待办, and the metrics for scorecards."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import F, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import agency_filter
from gongkai.common.metric_records import records_url
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from . import grading
from .models import AgencyRule, Escalation, Event, EventState, Post, Report

ANALYST_ROLES = (Role.OPINION_ANALYST, Role.SUPERVISOR)
RESPONDER_ROLES = (Role.RESPONDER, Role.CLERK, Role.SPOKESPERSON, Role.OPINION_ANALYST, Role.SUPERVISOR)
OPEN_STATES = (EventState.NEW, EventState.ASSIGNED)
# The menu leaves out clerks: a clerk who answers for an agency reaches the event from the 待办.
MENU_ROLES = (Role.OPINION_ANALYST, Role.SUPERVISOR, Role.RESPONDER, Role.SPOKESPERSON)


def event_url(event: Event) -> str:
    """The event's staff page: the events part's once it exists, else the handling page."""
    try:
        return reverse("opinion_staff:event", args=[event.pk])
    except NoReverseMatch:
        return reverse("opinion_staff:handling_event", args=[event.pk])


def events_for(user: Staff) -> QuerySet[Event]:
    """Events the user may see: those its scope monitors (owner) or is responsible for (agency)."""
    return Event.objects.filter(agency_filter(user, "owner") | agency_filter(user, "agency")).exclude(
        state=EventState.MERGED
    )


def reports_for(user: Staff) -> QuerySet[Report]:
    return Report.objects.filter(agency_filter(user, "owner")).select_related("owner", "event")


def rules_for(user: Staff) -> QuerySet[AgencyRule]:
    return AgencyRule.objects.filter(agency_filter(user, "owner")).select_related("owner", "agency")


# ---------------------------------------------------------------- facts for the grade rules


def event_text(event: Event, limit: int = 50) -> str:
    titles = (
        Post.objects.filter(event=event).order_by("-published_at").values_list("title", flat=True)[:limit]
    )
    return " ".join([event.title, *event.keywords, *titles])


def _named_levels(text: str, agencies: Iterable[tuple[str, str, str]]) -> list[str]:
    return [level for name, short, level in agencies if name in text or (short and short in text)]


def facts_of(event: Event, *, agencies: list[tuple[str, str, str]] | None = None) -> grading.Facts:
    since = timezone.now() - timedelta(days=30)
    recent = Event.objects.filter(owner_id=event.owner_id, last_seen_at__gte=since)
    total = recent.count()
    below = recent.filter(heat__lt=event.heat).count()
    percentile = 100.0 * below / total if total else 0.0
    end = event.last_seen_at
    posts = Post.objects.filter(event=event)
    last = posts.filter(published_at__gt=end - timedelta(hours=24), published_at__lte=end).count()
    before = posts.filter(
        published_at__gt=end - timedelta(hours=48), published_at__lte=end - timedelta(hours=24)
    ).count()
    growth = last / before if before else float(last > 0) * (5.0 if last >= 10 else 1.0)
    text = event_text(event)
    if agencies is None:
        agencies = list(Agency.objects.filter(is_active=True).values_list("name", "short_name", "level"))
    level = grading.highest_level([event.owner.level, *_named_levels(text, agencies)])
    return grading.Facts(percentile, growth, event.negative_share, text, level)


# ---------------------------------------------------------------- assignment


def supervising_office(agency: Agency) -> Agency:
    """The nearest office that supervises `agency` (an office whose `supervises` is the agency or one
    above it: 县政府办公室 for the county's bureaus); the agency itself when there is none."""
    chain = [agency.pk, *reversed(agency.path.strip("/").split("/")[:-1])]
    ids = [int(pk) for pk in chain if str(pk).isdigit()]
    offices = {a.supervises_id: a for a in Agency.objects.filter(supervises_id__in=ids, is_active=True)}
    return next((offices[pk] for pk in ids if pk in offices), agency)


def suggest_agencies(event: Event, limit: int = 3) -> list[tuple[Agency, str]]:
    """Agencies to assign to, each with why: the rules the event's text matches (属地 × 主管), then the
    agencies past events sharing keywords went to."""
    text = event_text(event, limit=20)
    out: dict[int, tuple[Agency, str]] = {}
    for rule in AgencyRule.objects.filter(owner_id=event.owner_id).select_related("agency"):
        if (not rule.region or rule.region in text) and (not rule.topic or rule.topic in text):
            what = " × ".join(w for w in (rule.region, rule.topic) if w) or "不限"
            out.setdefault(rule.agency_id, (rule.agency, f"交办规则：{what}"))
    words = set(event.keywords)
    if words:
        past = Counter()
        agencies = {}
        similar = (
            Event.objects.filter(owner_id=event.owner_id, agency__isnull=False)
            .exclude(pk=event.pk)
            .select_related("agency")
            .order_by("-assigned_at")[:200]
        )
        for other in similar:
            shared = words & set(other.keywords)
            if shared:
                past[other.agency_id] += len(shared)
                agencies[other.agency_id] = other.agency
        for pk, _count in past.most_common():
            out.setdefault(pk, (agencies[pk], "以往类似事件的责任单位"))
    return list(out.values())[:limit]


# ---------------------------------------------------------------- 待办


def _due(event: Event) -> date | None:
    return timezone.localdate(event.deadline_at) if event.deadline_at else None


def _urgency(event: Event, now: datetime) -> Urgency:
    if event.deadline_at and event.deadline_at < now:
        return Urgency.OVERDUE
    if event.deadline_at and event.deadline_at - now < timedelta(hours=2):
        return Urgency.DUE_SOON
    return Urgency.NORMAL


def _deadline_text(event: Event) -> str:
    if not event.deadline_at:
        return ""
    return f"，{timezone.localtime(event.deadline_at):%m-%d %H:%M}前回应"


def todo_items(user) -> list[TodoItem]:
    """The analyst's events to grade and assign, the responsible agency's events to answer, and the
    supervising office's escalated events."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    now = timezone.now()
    items: list[TodoItem] = []
    if user.has_role(Role.OPINION_ANALYST):
        for e in (
            Event.objects.filter(owner_id=user.agency_id, state=EventState.NEW)
            .select_related("owner")
            .order_by("deadline_at", "-heat")[:20]
        ):
            status = f"待研判（建议{e.get_proposed_grade_display()}）" if e.proposed_grade else "待研判"
            if e.grade:
                status = f"{e.get_grade_display()}，待交办{_deadline_text(e)}"
            items.append(TodoItem(f"舆情事件：{e.title}", event_url(e), e.owner.display_name, status, _due(e),
                                  urgency=_urgency(e, now)))  # fmt: skip
    if user.has_role(*RESPONDER_ROLES[:-1]):
        for e in (
            Event.objects.filter(agency_id=user.agency_id, state=EventState.ASSIGNED)
            .select_related("agency")
            .order_by("deadline_at")[:20]
        ):
            items.append(TodoItem(f"舆情事件待回应：{e.title}", event_url(e), e.agency.display_name,
                                  f"{e.get_grade_display()}{_deadline_text(e)}", _due(e),
                                  urgency=_urgency(e, now)))  # fmt: skip
    if user.has_role(Role.SUPERVISOR):
        escalations = (
            Escalation.objects.filter(to_agency_id=user.agency_id, closed_at=None)
            .select_related("event", "event__agency", "event__owner")
            .order_by("deadline_at")[:20]
        )
        for esc in escalations:
            e = esc.event
            who = (e.agency or e.owner).display_name
            items.append(TodoItem(f"舆情事件超时未回应：{e.title}", event_url(e), who,
                                  f"{timezone.localtime(esc.deadline_at):%m-%d %H:%M}到期，已上报", _due(e),
                                  urgency=Urgency.OVERDUE))  # fmt: skip
    return items


# ---------------------------------------------------------------- metrics (registered in handling_registry)


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz)


def _graded(start: date, end: date, agency_ids: Iterable[int] | None) -> QuerySet[Event]:
    lo, hi = _period(start, end)
    qs = Event.objects.filter(first_seen_at__gte=lo, first_seen_at__lt=hi, agency__isnull=False).exclude(
        state=EventState.MERGED
    )
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return qs.only("agency_id", "first_seen_at", "deadline_at", "responded_at", "state")


def metric_total(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Events first seen in the period assigned to each responsible agency."""
    out: dict[int, int] = defaultdict(int)
    for e in _graded(start, end, agency_ids):
        out[e.agency_id] += 1
    return dict(out)


def metric_on_time(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Of those, answered by the deadline of their grade."""
    out: dict[int, int] = defaultdict(int)
    for e in _graded(start, end, agency_ids):
        out[e.agency_id] += int(bool(e.responded_at and e.deadline_at and e.responded_at <= e.deadline_at))
    return dict(out)


def metric_overdue(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Of those, answered late or not answered though the deadline has passed."""
    now = timezone.now()
    out: dict[int, int] = defaultdict(int)
    for e in _graded(start, end, agency_ids):
        late = e.deadline_at is not None and (e.responded_at or now) > e.deadline_at
        out[e.agency_id] += int(late)
    return dict(out)


def metric_median_hours(
    start: date, end: date, agency_ids: Iterable[int] | None = None
) -> dict[int, float | None]:
    """Median hours from first appearance to the authoritative response (answered events only)."""
    hours: dict[int, list[float]] = defaultdict(list)
    agencies: set[int] = set()
    for e in _graded(start, end, agency_ids):
        agencies.add(e.agency_id)
        if e.responded_at:
            hours[e.agency_id].append((e.responded_at - e.first_seen_at).total_seconds() / 3600)
    return {pk: round(statistics.median(hours[pk]), 1) if hours[pk] else None for pk in agencies}


METRICS = {
    "opinion.events.total": ("交办舆情事件数", metric_total),
    "opinion.events.responded_on_time": ("舆情事件按时回应数", metric_on_time),
    "opinion.events.overdue": ("舆情事件超时回应或未回应数", metric_overdue),
    "opinion.response_hours.median": ("舆情事件权威回应用时中位数（小时）", metric_median_hours),
}


def _assigned(start: date, end: date) -> Q:
    lo, hi = _period(start, end)
    return Q(first_seen_at__gte=lo, first_seen_at__lt=hi, agency__isnull=False) & ~Q(state=EventState.MERGED)


def _late(start: date, end: date) -> Q:
    answered_late = Q(responded_at__isnull=False, responded_at__gt=F("deadline_at"))
    unanswered_past = Q(responded_at__isnull=True, deadline_at__lt=timezone.now())
    return _assigned(start, end) & Q(deadline_at__isnull=False) & (answered_late | unanswered_past)


# The handling list narrowed to a figure (`?figure=…`): the events the metrics count.
FIGURES = {
    "assigned": ("本期首次出现并已交办的舆情事件", _assigned),
    "on_time": (
        "本期交办、按时回应的舆情事件",
        lambda s, e: (
            _assigned(s, e)
            & Q(responded_at__isnull=False, deadline_at__isnull=False, responded_at__lte=F("deadline_at"))
        ),
    ),
    "late": ("本期交办、超时回应或未回应的舆情事件", _late),
}
RECORDS = {
    "opinion.events.total": records_url("opinion_staff:handling", "assigned"),
    "opinion.events.responded_on_time": records_url("opinion_staff:handling", "on_time"),
    "opinion.events.overdue": records_url("opinion_staff:handling", "late"),
}


def response_hours(event: Event) -> float | None:
    if not event.responded_at:
        return None
    return round((event.responded_at - event.first_seen_at).total_seconds() / 3600, 1)
