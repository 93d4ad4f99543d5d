"""Reads of 培训: scoping, the rotation rule (lapses), the dashboard panel, 待办 and the metrics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import visible_agencies
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models import Attendance, TrainingSession

# Roles of disclosure work (the rotation rule applies to their holders); 系统管理员 is not one.
DISCLOSURE_ROLES = tuple(r for r in Role.values if r != Role.SYSADMIN)


def sessions_for(user) -> QuerySet[TrainingSession]:
    """Sessions organised in the user's scope or attended by an agency in it."""
    if not user.is_authenticated:
        return TrainingSession.objects.none()
    if user.is_superuser:
        return TrainingSession.objects.select_related("organiser")
    mine = visible_agencies(user)
    return (
        TrainingSession.objects.filter(Q(organiser__in=mine) | Q(agencies__in=mine))
        .distinct()
        .select_related("organiser")
    )


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    import calendar

    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def trained_staff(agency_ids: Iterable[int] | None, start: date, end: date) -> QuerySet[Staff]:
    """Disclosure staff (with a role) of the agencies, as the base of the coverage figure."""
    qs = Staff.objects.filter(is_active=True, roles__role__in=DISCLOSURE_ROLES).distinct()
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return qs.exclude(agency__isnull=True)


def last_trained(staff_ids: Iterable[int]) -> dict[int, date]:
    return {
        r["staff_id"]: r["last"]
        for r in Attendance.objects.filter(staff_id__in=list(staff_ids), attended=True)
        .values("staff_id")
        .annotate(last=Max("session__held_on"))
        .order_by()
    }


@dataclass(frozen=True)
class Lapse:
    staff: Staff
    agency: Agency
    last: date | None  # the last session attended, None if never
    since: date  # what the rotation counts from: the last session, or joining

    @property
    def never(self) -> bool:
        return self.last is None


def lapses(
    agencies: QuerySet[Agency], *, today: date | None = None, months: int | None = None
) -> list[Lapse]:
    """Disclosure staff of `agencies` not trained in the last `months` months (counting from their
    joining when never trained), ordered by agency then how long ago."""
    today = today or timezone.localdate()
    months = months or settings.GONGKAI_TRAINING_ROTATION_MONTHS
    cutoff = months_before(today, months)
    staff = list(
        Staff.objects.filter(
            is_active=True, agency__in=agencies, roles__role__in=DISCLOSURE_ROLES, is_superuser=False
        )
        .distinct()
        .select_related("agency")
    )
    last = last_trained(s.pk for s in staff)
    out = []
    for s in staff:
        since = last.get(s.pk) or timezone.localdate(s.date_joined)
        if since <= cutoff:
            out.append(Lapse(s, s.agency, last.get(s.pk), since))
    return sorted(out, key=lambda lp: (lp.agency.path, lp.since, lp.staff.pk))


def lapses_by_agency(items: list[Lapse]) -> list[tuple[Agency, list[Lapse]]]:
    grouped: dict[int, list[Lapse]] = defaultdict(list)
    for lp in items:
        grouped[lp.agency.pk].append(lp)
    return [(rows[0].agency, rows) for rows in grouped.values()]


def dashboard_context(request) -> dict | None:
    items = lapses(visible_agencies(request.user))
    if not items:
        return None
    return {
        "training_lapses": lapses_by_agency(items),
        "training_months": settings.GONGKAI_TRAINING_ROTATION_MONTHS,
    }


def todo_items(user) -> list[TodoItem]:
    """For a supervisor: one line per agency of its scope with staff whose training has lapsed."""
    if not user.is_authenticated or not user.is_supervisor or user.scope_root is None:
        return []
    months = settings.GONGKAI_TRAINING_ROTATION_MONTHS
    return [
        TodoItem(
            title=f"{agency.display_name}有{len(rows)}名工作人员超过{months}个月未参加培训",
            url=reverse("oversight_staff:trainings") + f"?agency={agency.pk}#lapses",
            agency=agency.name,
            status="待安排培训",
            urgency=Urgency.OVERDUE,
        )
        for agency, rows in lapses_by_agency(lapses(user.scope_root.subtree()))
    ]


# --- metrics ----------------------------------------------------------------------------------------


def _sessions(start: date, end: date) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(held_on__gte=start, held_on__lte=end)


def metric_sessions(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Sessions held from `start` to `end`, per organising agency."""
    qs = _sessions(start, end)
    if agency_ids is not None:
        qs = qs.filter(organiser_id__in=list(agency_ids))
    return {r["organiser_id"]: r["n"] for r in qs.values("organiser_id").annotate(n=Count("pk")).order_by()}


def metric_attendances(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Attendances (present) at sessions held from `start` to `end`, per attendee's agency."""
    qs = Attendance.objects.filter(attended=True, session__held_on__gte=start, session__held_on__lte=end)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return {r["agency_id"]: r["n"] for r in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


def metric_coverage_pct(
    start: date, end: date, agency_ids: Iterable[int] | None = None
) -> dict[int, Decimal]:
    """Share (%) of an agency's disclosure staff who attended a session held from `start` to `end`,
    one decimal; agencies without such staff have no figure."""
    base: dict[int, set[int]] = defaultdict(set)
    for row in trained_staff(agency_ids, start, end).values("pk", "agency_id"):
        base[row["agency_id"]].add(row["pk"])
    trained = set(
        Attendance.objects.filter(
            attended=True,
            session__held_on__gte=start,
            session__held_on__lte=end,
            staff_id__in={pk for ids in base.values() for pk in ids},
        ).values_list("staff_id", flat=True)
    )
    return {
        agency_id: (Decimal(100) * len(ids & trained) / len(ids)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        for agency_id, ids in base.items()
    }


def sessions_records_url(start: date, end: date, agency_ids=None) -> str:
    return f"{reverse('oversight_staff:trainings')}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"


METRICS = {
    "oversight.training.sessions": ("举办培训次数", metric_sessions),
    "oversight.training.attendances": ("参加培训人次", metric_attendances),
    "oversight.training.coverage_pct": ("工作人员培训覆盖率（%）", metric_coverage_pct),
}
