"""Reading 办事服务: what staff see, the 待办 of overdue enforcement decisions, the diff between power
list versions, the guides' missing elements, and the metrics for oversight and the annual report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import agency_filter
from gongkai.common.metric_records import records_url
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .diffing import Diff, diff_items
from .models import (
    ITEM_FIELDS,
    REQUIRED_ELEMENTS,
    DecisionKind,
    EnforcementDecision,
    GuideState,
    ListState,
    PowerItem,
    PowerList,
    ServiceCase,
    ServiceGuide,
)
from .rules import MAKERS

# --- what staff see -----------------------------------------------------------------------------


def power_lists_for(user) -> QuerySet[PowerList]:
    return PowerList.objects.filter(agency_filter(user)).select_related("agency")


def decisions_for(user) -> QuerySet[EnforcementDecision]:
    return EnforcementDecision.objects.filter(agency_filter(user)).select_related("agency")


def guides_for(user) -> QuerySet[ServiceGuide]:
    return ServiceGuide.objects.filter(agency_filter(user)).select_related("agency")


def cases_for(user) -> QuerySet[ServiceCase]:
    return ServiceCase.objects.filter(agency_filter(user)).select_related("agency")


# --- 权责清单 versions ---------------------------------------------------------------------------


def _item_dicts(pl: PowerList | None) -> list[dict]:
    if pl is None:
        return []
    return [
        {
            "key": i.key,
            "position": i.position,
            **{f: getattr(i, f) for f in ITEM_FIELDS},
            "kind_label": i.get_kind_display(),
        }
        for i in pl.items.all()
    ]


def previous_version(pl: PowerList) -> PowerList | None:
    """The published version this one was adjusted from (the latest published one below it)."""
    return (
        PowerList.objects.filter(agency_id=pl.agency_id, state=ListState.PUBLISHED, version__lt=pl.version)
        .order_by("-version")
        .first()
    )


def version_diff(pl: PowerList, base: PowerList | None = None) -> tuple[PowerList | None, Diff]:
    """`pl` against `base` (by default the published version before it)."""
    base = base if base is not None else previous_version(pl)
    return base, diff_items(_item_dicts(base), _item_dicts(pl), ITEM_FIELDS)


def current_lists() -> QuerySet[PowerList]:
    """The current (highest published) version of every agency's list, with its item count."""
    from django.db.models import OuterRef, Subquery

    latest = (
        PowerList.objects.filter(agency_id=OuterRef("agency_id"), state=ListState.PUBLISHED)
        .order_by("-version")
        .values("pk")[:1]
    )
    return (
        PowerList.objects.filter(pk=Subquery(latest))
        .select_related("agency")
        .annotate(n_items=Count("items"))
        .order_by("agency__path")
    )


def published_versions(agency: Agency) -> QuerySet[PowerList]:
    return PowerList.objects.filter(agency=agency, state=ListState.PUBLISHED).order_by("-version")


def kind_counts(pl: PowerList) -> list[tuple[str, int]]:
    from .models import PowerKind

    rows = dict(
        PowerItem.objects.filter(power_list=pl).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    return [(str(label), rows[value]) for value, label in PowerKind.choices if rows.get(value)]


# --- 行政执法公示 -------------------------------------------------------------------------------


def overdue_decisions_q(today: date) -> Q:
    return Q(published_on__isnull=True, due_on__lt=today)


def todo_items(user) -> list[TodoItem]:
    """Decisions of the user's agency not yet published, overdue or due within three days."""
    if not user.is_authenticated or user.agency_id is None:
        return []
    if not (user.is_superuser or user.has_role(*MAKERS)):
        return []
    today = timezone.localdate()
    soon = today + timezone.timedelta(days=3)
    items = []
    for d in (
        EnforcementDecision.objects.filter(
            agency_id=user.agency_id, published_on__isnull=True, due_on__lte=soon
        )
        .select_related("agency")
        .order_by("due_on", "pk")[:50]
    ):
        overdue = d.is_overdue(today)
        items.append(
            TodoItem(
                title=f"公示行政执法决定：{d.number}",
                url=reverse("services_staff:decision", args=[d.pk]),
                agency=d.agency.display_name,
                status="已超过公示期限" if overdue else "待公示",
                due=d.due_on,
                provisional=d.due_provisional,
                urgency=Urgency.OVERDUE if overdue else Urgency.DUE_SOON,
            )
        )
    return items


def published_decisions() -> QuerySet[EnforcementDecision]:
    return EnforcementDecision.objects.filter(published_on__isnull=False).select_related("agency")


# --- 办事指南 ------------------------------------------------------------------------------------


def missing_q() -> Q:
    """Guides with at least one required element blank."""
    q = Q()
    for name in REQUIRED_ELEMENTS:
        q |= Q(**{name: ""})
    return q


def guides_missing_elements(agency_subtree: Iterable[Agency] | QuerySet[Agency] | None = None) -> list[dict]:
    """Published guides of the agencies given (all if None) with a required element missing, for the
    website self-inspection: [{"guide", "agency", "missing": [中文要素名, …], "url"}]."""
    qs = ServiceGuide.objects.filter(missing_q(), state=GuideState.PUBLISHED).select_related("agency")
    if agency_subtree is not None:
        qs = qs.filter(agency__in=agency_subtree)
    return [
        {
            "guide": g,
            "agency": g.agency,
            "missing": g.missing_elements(),
            "url": reverse("services:guide", args=[g.pk]),
        }
        for g in qs.order_by("agency__path", "name")
    ]


def published_guides() -> QuerySet[ServiceGuide]:
    return ServiceGuide.objects.filter(state=GuideState.PUBLISHED).select_related("agency")


# --- metrics ---------------------------------------------------------------------------------------


def _count_by_agency(qs: QuerySet) -> dict[int, int]:
    return {row["agency_id"]: row["n"] for row in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


def _decisions(kind: str, start: date, end: date, agency_ids: Iterable[int] | None) -> dict[int, int]:
    qs = EnforcementDecision.objects.filter(_decided(kind)(start, end))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return _count_by_agency(qs)


def metric_licensing(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """行政许可 decisions made from `start` to `end`, per agency (annual report table 二, 第二十条第(五)项)."""
    return _decisions(DecisionKind.LICENSING, start, end, agency_ids)


def metric_punishment(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """行政处罚 decisions (table 二, 第二十条第(六)项)."""
    return _decisions(DecisionKind.PENALTY, start, end, agency_ids)


def metric_coercion(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """行政强制 decisions (table 二, 第二十条第(六)项)."""
    return _decisions(DecisionKind.COERCION, start, end, agency_ids)


def metric_guides_missing(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Published guides with a required element missing now, per agency (the dates are not used: a
    guide is checked as it stands)."""
    qs = ServiceGuide.objects.filter(missing_q(), state=GuideState.PUBLISHED)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return _count_by_agency(qs)


def metric_decisions_late(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Decisions of the period published after their limit, or still unpublished past it."""
    qs = EnforcementDecision.objects.filter(_late(start, end))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return _count_by_agency(qs)


METRICS = {
    "services.enforcement.licensing": ("行政许可决定数", metric_licensing),
    "services.enforcement.punishment": ("行政处罚决定数", metric_punishment),
    "services.enforcement.coercion": ("行政强制决定数", metric_coercion),
    "services.enforcement.late": ("行政执法决定逾期公示数", metric_decisions_late),
    "services.guides.missing_elements": ("缺少必备要素的办事指南数", metric_guides_missing),
}


def _decided(kind: str):
    return lambda start, end: Q(kind=kind, decided_on__gte=start, decided_on__lte=end)


def _late(start: date, end: date) -> Q:
    """As `metric_decisions_late` counts."""
    as_of = min(end, timezone.localdate())
    return Q(decided_on__gte=start, decided_on__lte=end) & (
        Q(published_on__isnull=True, due_on__lt=as_of) | Q(published_on__gt=F("due_on"))
    )


# The staff lists narrowed to a figure (`?figure=…`): the decisions and guides the metrics count.
DECISION_FIGURES = {
    "licensing": ("本期作出的行政许可决定", _decided(DecisionKind.LICENSING)),
    "punishment": ("本期作出的行政处罚决定", _decided(DecisionKind.PENALTY)),
    "coercion": ("本期作出的行政强制决定", _decided(DecisionKind.COERCION)),
    "late": ("本期作出、逾期公示或逾期未公示的行政执法决定", _late),
}
GUIDE_FIGURES = {
    "missing": ("已发布、缺少必备要素的办事指南", lambda s, e: missing_q() & Q(state=GuideState.PUBLISHED)),
}
RECORDS = {
    "services.enforcement.licensing": records_url("services_staff:decisions", "licensing"),
    "services.enforcement.punishment": records_url("services_staff:decisions", "punishment"),
    "services.enforcement.coercion": records_url("services_staff:decisions", "coercion"),
    "services.enforcement.late": records_url("services_staff:decisions", "late"),
    "services.guides.missing_elements": records_url("services_staff:guides", "missing"),
}
