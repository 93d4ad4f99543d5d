"""What staff and the public see of 新闻发布, the frequency table, its metrics, the 待办 and the
supervisor's dashboard panel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import agency_filter, visible_agencies
from gongkai.common import live
from gongkai.common.metric_records import records_url
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from . import frequency
from .models import (
    HELD_STATES,
    ConferenceRequirement,
    ConferenceState,
    FrequencyRule,
    LiveEntry,
    Measure,
    PressConference,
    Speaker,
    Spokesperson,
    live_key,
)

# ---------------------------------------------------------------- staff


def conferences_for(user: Staff) -> QuerySet[PressConference]:
    return PressConference.objects.filter(agency_filter(user)).select_related("agency")


def get_conference(user: Staff, pk: int) -> PressConference:
    return get_object_or_404(conferences_for(user), pk=pk)


def spokespersons_for(user: Staff) -> QuerySet[Spokesperson]:
    return Spokesperson.objects.filter(agency_filter(user)).select_related("agency")


# ---------------------------------------------------------------- public


def public_conferences(site=None) -> QuerySet[PressConference]:
    qs = PressConference.objects.exclude(state=ConferenceState.CANCELLED).select_related("agency")
    return qs.filter(site.scope()) if site is not None else qs


def with_speakers(qs: QuerySet[PressConference]) -> QuerySet[PressConference]:
    return qs.prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("order", "pk")))


def upcoming(site=None, limit: int = 5) -> list[PressConference]:
    return list(
        public_conferences(site)
        .filter(
            state__in=[ConferenceState.PLANNED, ConferenceState.LIVE], starts_at__gte=_day_start(_today())
        )
        .order_by("starts_at", "pk")[:limit]
    )


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return _day_start(start), _day_start(end)


def current_spokespersons(site=None) -> QuerySet[Spokesperson]:
    qs = Spokesperson.objects.filter(ended_on=None, agency__is_active=True).select_related("agency")
    return (qs.filter(site.scope()) if site is not None else qs).order_by("agency__path", "post", "pk")


def _today() -> date:
    return timezone.localdate()


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# ---------------------------------------------------------------- the live text


LIVE_STATES = (ConferenceState.PLANNED, ConferenceState.LIVE)  # the page polls (the live text may begin)


def _render_entry(entry: LiveEntry) -> str | None:
    return None if entry.hidden else render_to_string("press/_live_entry.html", {"entry": entry})


def feed(pk: int) -> live.Feed:
    """The live text of conference `pk` as the portal shows it (never of a cancelled one)."""
    entries = LiveEntry.objects.filter(conference_id=pk).exclude(conference__state=ConferenceState.CANCELLED)
    return live.Feed(key=live_key(pk), entries=entries, render=_render_entry)


def polls(conference: PressConference) -> bool:
    """Live now, or planned for today: an open page follows the live text as it starts."""
    return conference.state == ConferenceState.LIVE or (
        conference.state == ConferenceState.PLANNED and conference.day == _today()
    )


# ---------------------------------------------------------------- frequency


class AgencyRef(NamedTuple):
    """What the frequency table needs of an agency (a tuple: 500 of them cost no model instances)."""

    pk: int
    path: str
    name: str
    short_name: str

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass
class RuleRow:
    agency: AgencyRef
    rule: frequency.Rule
    result: frequency.Result
    first: bool  # the agency's first row (its name spans its rows)
    span: int  # how many rows the agency has

    @property
    def label(self) -> str:
        return rule_label(self.rule)


_PERIODS = {1: "每月", 2: "每两个月", 3: "每季度", 4: "每四个月", 6: "每半年", 12: "每年"}


@lru_cache(maxsize=128)
def rule_label(rule: frequency.Rule) -> str:
    return f"{_PERIODS[rule.months]}至少{rule.min_count}场{Measure(rule.measure).label}"


def _rules_by_owner() -> tuple[dict[int, list[frequency.Rule]], dict[int, list[frequency.Rule]]]:
    by_class: dict[int, list[frequency.Rule]] = defaultdict(list)
    by_agency: dict[int, list[frequency.Rule]] = defaultdict(list)
    for class_id, agency_id, measure, months, count in FrequencyRule.objects.order_by("pk").values_list(
        "press_class_id", "agency_id", "measure", "months", "min_count"
    ):
        rule = frequency.Rule(measure, months, count)
        (by_class[class_id] if class_id else by_agency[agency_id]).append(rule)
    return by_class, by_agency


def _between(start: date, end: date) -> Q:
    return Q(starts_at__gte=_day_start(start), starts_at__lt=_day_start(end + timedelta(days=1)))


def held_by_agency(
    agencies: QuerySet[Agency], start: date, end: date, *, also: tuple[date, date] | None = None
) -> dict[int, list[frequency.Held]]:
    """The conferences that took place between `start` and `end` (inclusive, local days), and in
    the range `also` if given."""
    out: dict[int, list[frequency.Held]] = defaultdict(list)
    when = _between(start, end) | (_between(*also) if also else Q(pk__in=[]))
    rows = (
        PressConference.objects.filter(when, agency__in=agencies, state__in=HELD_STATES)
        .values_list("agency_id", "starts_at", "head_attended", "kind")
        .order_by()
    )
    local = timezone.get_current_timezone()
    held = frequency.Held
    for agency_id, starts_at, head, kind in rows:
        out[agency_id].append(held(starts_at.astimezone(local).date(), head, kind))
    return out


def evaluate_agencies(
    agencies: QuerySet[Agency], start: date, end: date, today: date | None = None
) -> list[tuple[AgencyRef, list[frequency.Result]]]:
    """For every agency with frequency rules: each rule's periods overlapping [start, end]."""
    today = today or _today()
    by_class, by_agency = _rules_by_owner()
    checked = agencies.filter(press_setting__isnull=False)
    # The next due date needs the conferences of today's period: fetch from the start of today's year.
    held = held_by_agency(checked, start, end, also=(date(today.year, 1, 1), date(today.year, 12, 31)))
    out = []
    for pk, path, name, short_name, class_id, since in checked.order_by("path").values_list(
        "pk", "path", "name", "short_name", "press_setting__press_class_id", "press_setting__since"
    ):
        rules = frequency.effective_rules(by_class.get(class_id, []), by_agency.get(pk, []))
        if not rules:
            continue
        mine = held.get(pk, [])
        results = [
            frequency.evaluate(rule, mine, start=start, end=end, since=since, today=today) for rule in rules
        ]
        out.append((AgencyRef(pk, path, name, short_name), results))
    return out


def frequency_rows(user: Staff, year: int, today: date | None = None) -> list[RuleRow]:
    rows = []
    for agency, results in evaluate_agencies(
        visible_agencies(user), date(year, 1, 1), date(year, 12, 31), today
    ):
        for i, result in enumerate(results):
            rows.append(RuleRow(agency, result.rule, result, first=i == 0, span=len(results)))
    return rows


def open_requirements(agencies: QuerySet[Agency]) -> QuerySet[ConferenceRequirement]:
    return ConferenceRequirement.objects.filter(agency__in=agencies, fulfilled_at=None).select_related(
        "agency"
    )


# ---------------------------------------------------------------- metrics (registered in apps.py)


def _metric_results(start: date, end: date, agency_ids: Iterable[int] | None):
    agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=list(agency_ids))
    return evaluate_agencies(agencies, start, end)


def _within(cell: frequency.Cell, start: date, end: date) -> bool:
    return start <= cell.period.end <= end


def metric_held(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Conferences that took place between `start` and `end`, per agency (all agencies, checked or not)."""
    agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=list(agency_ids))
    return {pk: len(items) for pk, items in held_by_agency(agencies, start, end).items()}


def metric_required(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """The conferences the rules asked for in the periods ending between `start` and `end` (summed
    over the agency's rules; exempt periods ask for none)."""
    return {
        agency.pk: sum(c.required for r in results for c in r.cells if _within(c, start, end))
        for agency, results in _metric_results(start, end, agency_ids)
    }


def metric_missed(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Periods ending between `start` and `end` that ended without enough conferences."""
    return {
        agency.pk: sum(
            1 for r in results for c in r.cells if c.status == frequency.MISSED and _within(c, start, end)
        )
        for agency, results in _metric_results(start, end, agency_ids)
    }


METRICS = {
    "press.conferences.held": ("新闻发布会召开场次", metric_held),
    "press.conferences.required": ("新闻发布会应召开场次", metric_required),
    "press.conferences.missed_periods": ("新闻发布会未达频次要求的周期数", metric_missed),
}


# The staff list narrowed to a figure (`?figure=…`): the conferences `metric_held` counts.
FIGURES = {
    "held": ("本期召开的新闻发布会", lambda s, e: _between(s, e) & Q(state__in=HELD_STATES)),
}
RECORDS = {"press.conferences.held": records_url("press_staff:home", "held")}


# ---------------------------------------------------------------- 待办 and the dashboard


def todo_items(user: Staff) -> list[TodoItem]:
    """Press staff: conferences other domains require by a deadline, and planned conferences whose
    time has passed (to record as held, or cancel)."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    if not (user.is_superuser or user.has_role(Role.CLERK, Role.SPOKESPERSON, Role.SIGNER)):
        return []
    now = timezone.now()
    items = []
    for item in ConferenceRequirement.objects.filter(
        agency_id=user.agency_id, fulfilled_at=None
    ).select_related("agency")[:20]:
        items.append(
            TodoItem(
                title=f"限时召开新闻发布会：{item.reason}",
                url=reverse("press_staff:create"),
                agency=item.agency.display_name,
                status=f"最迟{timezone.localtime(item.due_at):%m-%d %H:%M}召开",
                due=timezone.localdate(item.due_at),
                urgency=Urgency.OVERDUE if item.is_overdue(now) else Urgency.DUE_SOON,
            )
        )
    for conf in PressConference.objects.filter(
        agency_id=user.agency_id, state=ConferenceState.PLANNED, starts_at__lt=now - timedelta(hours=4)
    ).select_related("agency")[:20]:
        items.append(
            TodoItem(
                title=f"发布会：{conf.topic}",
                url=reverse("press_staff:detail", args=[conf.pk]),
                agency=conf.agency.display_name,
                status="召开时间已过，请登记已召开或取消",
                due=conf.day,
                urgency=Urgency.OVERDUE,
            )
        )
    return items


def dashboard_context(request) -> dict | None:
    """督查看板: the periods missed in the last twelve months and the required conferences still open,
    for the agencies in the supervisor's scope. None (hidden) when no agency there is checked."""
    today = _today()
    agencies = visible_agencies(request.user)
    start = date(today.year - 1, 1, 1)
    evaluated = evaluate_agencies(agencies, start, today, today)
    requirements = list(open_requirements(agencies).order_by("due_at", "pk")[:100])
    if not evaluated and not requirements:
        return None
    since = today - timedelta(days=365)
    missed = [
        {"agency": agency, "rule": r.rule, "cell": c, "label": rule_label(r.rule)}
        for agency, results in evaluated
        for r in results
        for c in r.cells
        if c.status == frequency.MISSED and c.period.end >= since
    ]
    missed.sort(key=lambda m: (m["cell"].period.end, m["agency"].path), reverse=True)
    now = timezone.now()
    return {
        "missed": missed[:100],
        "missed_count": len(missed),
        "requirements": [(item, item.is_overdue(now)) for item in requirements],
        "checked": len(evaluated),
    }
