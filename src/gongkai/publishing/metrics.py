"""The catalog's figures for oversight (annual report 表二 第二十条第（一）项, publication on time).

Each figure is a `Q` over documents, so the metric (a count per agency) and the staff list behind
it (`?figure=…&from=…&to=…&agency=…` on the workbench document lists) select the same records.
Registered with the core registry in `PublishingConfig.ready()`; oversight reads them through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common import metric_records

from .models import Disclosure, Document, State, Validity
from .workflow import REVIEW_STATES

GONE = (Validity.REPEALED, Validity.EXPIRED)  # no longer in force; 已修改 stays in force as amended
UNPUBLISHED_STATES = (State.DRAFT, *REVIEW_STATES, State.READY)  # as the workbench's 超期 tab


def _own() -> Q:
    """In the catalog and made by the agency itself (a republished 上级文件 is not 本年制发)."""
    return Q(state=State.PUBLISHED, original_issuer="")


def _made_between(start: date, end: date) -> Q:
    """成文 in the period (生成日期 where no 成文日期 is recorded)."""
    return Q(written_on__gte=start, written_on__lte=end) | Q(
        written_on__isnull=True, made_on__gte=start, made_on__lte=end
    )


def _made_by(end: date) -> Q:
    return Q(written_on__lte=end) | Q(written_on__isnull=True, made_on__lte=end)


def _gone_by(end: date) -> Q:
    """Repealed or expired on or before `end` (one without a recorded day counts as gone)."""
    return Q(validity__in=GONE) & (Q(validity_changed_on__isnull=True) | Q(validity_changed_on__lte=end))


def _made(start: date, end: date) -> Q:
    return _own() & _made_between(start, end)


def _repealed(start: date, end: date) -> Q:
    return _own() & Q(validity__in=GONE, validity_changed_on__gte=start, validity_changed_on__lte=end)


def _in_force(start: date, end: date) -> Q:
    """现行有效: made by `end` and not repealed or expired by then (the start is not used)."""
    return _own() & _made_by(end) & ~_gone_by(end)


def _published(start: date, end: date) -> Q:
    """主动公开 in the period, still in the catalog."""
    return Q(
        state=State.PUBLISHED,
        disclosure=Disclosure.PROACTIVE,
        published_at__date__gte=start,
        published_at__date__lte=end,
    )


def _published_on_time(start: date, end: date) -> Q:
    return _published(start, end) & (Q(due_on__isnull=True) | Q(published_at__date__lte=F("due_on")))


def _late(start: date, end: date) -> Q:
    """Published in the period after its time limit, or still unpublished past a time limit that fell
    in the period (counted as overdue from the day after it)."""
    today = timezone.localdate()
    published_late = _published(start, end) & Q(published_at__date__gt=F("due_on"))
    still_waiting = Q(
        state__in=UNPUBLISHED_STATES,
        disclosure=Disclosure.PROACTIVE,
        due_on__gte=start,
        due_on__lte=end,
        due_on__lt=today,
    )
    return published_late | still_waiting


@dataclass(frozen=True)
class Figure:
    label: str
    where: Callable[[date, date], Q]
    tab: str  # the workbench list the records are shown in


FIGURES: dict[str, Figure] = {
    "regulations.made": Figure(
        _("本年制发的规章"), lambda s, e: _made(s, e) & Q(is_regulation=True), "published"
    ),
    "regulations.repealed": Figure(
        _("本年废止（失效）的规章"), lambda s, e: _repealed(s, e) & Q(is_regulation=True), "published"
    ),
    "regulations.in_force": Figure(
        _("现行有效的规章"), lambda s, e: _in_force(s, e) & Q(is_regulation=True), "published"
    ),
    "normative.made": Figure(
        _("本年制发的行政规范性文件"), lambda s, e: _made(s, e) & Q(is_normative=True), "published"
    ),
    "normative.repealed": Figure(
        _("本年废止（失效）的行政规范性文件"),
        lambda s, e: _repealed(s, e) & Q(is_normative=True),
        "published",
    ),
    "normative.in_force": Figure(
        _("现行有效的行政规范性文件"), lambda s, e: _in_force(s, e) & Q(is_normative=True), "published"
    ),
    "documents.published": Figure(_("主动公开的政府信息"), _published, "published"),
    "documents.on_time": Figure(_("按时发布的政府信息"), _published_on_time, "published"),
    "documents.late": Figure(_("逾期发布或超期未发布的政府信息"), _late, "late"),
}


def figure_q(code: str, start: date, end: date) -> Q:
    return FIGURES[code].where(start, end)


def _count(code: str, start: date, end: date, agency_ids: Iterable[int] | None) -> dict[int, int]:
    qs = Document.objects.filter(figure_q(code, start, end))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    return {row["agency_id"]: row["n"] for row in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


def records_url(code: str) -> Callable[..., str]:
    """The `records=` of a figure: its workbench list narrowed to the figure, the dates and agencies."""
    return metric_records.records_url(f"publishing:{FIGURES[code].tab}", code)


def _counter(code: str):
    def metric(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
        return _count(code, start, end, agency_ids)

    metric.__name__ = f"metric_{code.replace('.', '_')}"
    metric.__doc__ = f"{FIGURES[code].label}, per agency: {{agency_id: int}}; agencies with none are absent."
    return metric


def metric_on_time_pct(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, float]:
    """Of the documents published in the period, the share published within their time limit (条例
    第二十六条: 20 working days; 规范性文件 5), in % with one decimal: {agency_id: float}. Agencies
    that published nothing are absent (no rate, rather than 0 or 100)."""
    published = _count("documents.published", start, end, agency_ids)
    on_time = _count("documents.on_time", start, end, agency_ids)
    return {pk: round(100 * on_time.get(pk, 0) / n, 1) for pk, n in published.items() if n}


# code -> (label, figure)
METRICS = {
    "publishing.regulations.made": (_("本年制发规章件数"), "regulations.made"),
    "publishing.regulations.repealed": (_("本年废止规章件数"), "regulations.repealed"),
    "publishing.regulations.in_force": (_("现行有效规章件数"), "regulations.in_force"),
    "publishing.normative.made": (_("本年制发行政规范性文件件数"), "normative.made"),
    "publishing.normative.repealed": (_("本年废止行政规范性文件件数"), "normative.repealed"),
    "publishing.normative.in_force": (_("现行有效行政规范性文件件数"), "normative.in_force"),
    "publishing.documents.published": (_("主动公开政府信息数"), "documents.published"),
    "publishing.documents.late": (_("逾期发布或超期未发布的政府信息数"), "documents.late"),
}


def register() -> None:
    from gongkai.common import registry

    for code, (label, figure) in METRICS.items():
        registry.register_metric(code, label, _counter(figure), records=records_url(figure))
    registry.register_metric(
        "publishing.documents.on_time_pct",
        _("政府信息按时发布率（%）"),
        metric_on_time_pct,
        records=records_url("documents.published"),
    )
