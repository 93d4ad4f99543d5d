"""The applications' figures for oversight: 表三 and 表四 of the annual report per agency, and the
counts and rates around them. Registered with the core registry in `ApplicationsConfig.ready()`.

表三 and 表四 count with the definitions of `applications.report` (one row per definition, so the
identities of the official form really test the data), aggregated in the database per agency,
applicant kind and outcome, so a consolidated report over a million applications is a handful of
grouped queries. Each figure's records are a `Q` over applications, shared by the metric and the
staff list (`?figure=…&from=…&to=…&agency=…`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from gongkai.common import metric_records

from .models import Appeal, AppealResult, Application
from .outcomes import OUTCOME_BY_CODE
from .report import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    TABLE3_COLUMNS,
    TOTAL,
    Table3,
    Table4,
)

LIST = "applications_staff:list"
_DECIDED = ("upheld", "corrected", "other")


def _ids(agency_ids: Iterable[int] | None) -> list[int] | None:
    return None if agency_ids is None else list(agency_ids)


# ---------------------------------------------------------------- the records behind each figure


def _appeals_counted(start: date, end: date) -> Q:
    """表四 counts a case open at some time in the period: filed by the end, not decided before the start."""
    return Q(filed_on__lte=end) & (Q(decided_on__isnull=True) | Q(decided_on__gte=start))


def _corrected(start: date, end: date) -> Q:
    return Q(result=AppealResult.CORRECTED, decided_on__gte=start, decided_on__lte=end)


def _with_appeal(where: Q) -> Q:
    return Q(Exists(Appeal.objects.filter(where, application=OuterRef("pk"))))


FIGURES = {
    "received": (_("本期收到的申请"), lambda s, e: Q(received_on__gte=s, received_on__lte=e)),
    "table3": (
        _("表三统计的申请（本期新收、上年结转、本期办结或结转下期）"),
        lambda s, e: (
            Q(received_on__lte=e) & (Q(received_on__gte=s) | Q(closed_on__isnull=True) | Q(closed_on__gte=s))
        ),
    ),
    "answered": (_("本期办结的申请"), lambda s, e: Q(closed_on__gte=s, closed_on__lte=e)),
    "appeals": (_("表四统计的行政复议、行政诉讼所涉申请"), lambda s, e: _with_appeal(_appeals_counted(s, e))),
    "corrected": (_("本期行政复议、行政诉讼结果纠正所涉申请"), lambda s, e: _with_appeal(_corrected(s, e))),
    "fee_notices": (
        _("本期发出收费通知的申请"),
        lambda s, e: Q(fee_notified_on__gte=s, fee_notified_on__lte=e),
    ),
    "fees_paid": (
        _("本期缴纳信息处理费的申请"),
        lambda s, e: Q(fee_paid_on__gte=s, fee_paid_on__lte=e, fee_amount__isnull=False),
    ),
}


def figure_q(code: str, start: date, end: date) -> Q:
    return FIGURES[code][1](start, end)


def _applications(code: str, start: date, end: date, agency_ids: Iterable[int] | None):
    qs = Application.objects.filter(figure_q(code, start, end))
    ids = _ids(agency_ids)
    return qs if ids is None else qs.filter(agency_id__in=ids)


def _count(code: str, start: date, end: date, agency_ids: Iterable[int] | None) -> dict[int, int]:
    qs = _applications(code, start, end, agency_ids)
    return {r["agency_id"]: r["n"] for r in qs.values("agency_id").annotate(n=Count("pk")).order_by()}


# ---------------------------------------------------------------- 表三


def table3_tables(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, Table3]:
    """表三 of each agency over start..end, counted as `report.build_table3` counts (一 received in the
    period; 二 received earlier, not closed before the start; 三 closed in the period by outcome, （七）
    every one closed; 四 received by the end, not closed by then), without its anomaly list."""
    qs = _applications("table3", start, end, agency_ids)
    rows = (
        qs.values("agency_id", "applicant_kind", "outcome")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start)),
            carried_in=Count(
                "pk", filter=Q(received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))
            ),
            closed=Count("pk", filter=Q(closed_on__gte=start, closed_on__lte=end)),
            carried_out=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        )
        .order_by()
    )
    tables: dict[int, Table3] = {pk: Table3(end.year) for pk in _ids(agency_ids) or ()}
    for r in rows:
        table = tables.setdefault(r["agency_id"], Table3(end.year))
        columns = [TOTAL] + ([r["applicant_kind"]] if r["applicant_kind"] != TOTAL else [])
        counts = Counter(
            {NEW: r["new"], CARRIED_IN: r["carried_in"], TOTAL: r["closed"], CARRIED_OUT: r["carried_out"]}
        )
        if r["outcome"] in OUTCOME_BY_CODE:
            counts[r["outcome"]] += r["closed"]
        for row, n in counts.items():
            if n:
                for column in columns:
                    table.cells[(row, column)] += n
    return tables


def table3_value(table: Table3) -> dict:
    return {
        "columns": [[code, label] for code, label in TABLE3_COLUMNS],
        "rows": [{"key": r.key, "labels": list(r.labels), "values": list(r.values)} for r in table.rows()],
    }


def metric_table3(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, dict]:
    """表三 (三、收到和处理政府信息公开申请情况) per agency over start..end:

    {agency_id: {"columns": [[code, label], …],   # 自然人, 商业企业 … 其他, then ["total", "总计"]
                 "rows": [{"key": str, "labels": [str, …], "values": [int, …]}, …]}}

    Rows in the order of the official form: "new" (一), "carried_in" (二), the outcome codes of 三
    (labels from the outer heading inward), "total" (（七）总计), "carried_out" (四); `values` follow
    `columns`. Agencies add up cell by cell; the identities (一+二 = （七）+四, （七） = Σ outcomes,
    总计 = Σ columns) hold on balanced data and are for the caller to check. Every agency in
    `agency_ids` is present (zeros when it has no application); with agency_ids None only those with
    applications are."""
    return {pk: table3_value(t) for pk, t in table3_tables(start, end, agency_ids).items()}


# ---------------------------------------------------------------- 表四

TABLE4_COLUMNS = [
    [f"{kind}.{result}", f"{kind_label}·{result_label}"]
    for kind, kind_label in APPEAL_KINDS
    for result, result_label in APPEAL_RESULTS
]


def table4_tables(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, Table4]:
    """表四 of each agency over start..end, counted as `report.build_table4` counts: a case open at some
    time in the period; decided by the end → its result, otherwise 尚未审结."""
    qs = Appeal.objects.filter(_appeals_counted(start, end))
    ids = _ids(agency_ids)
    if ids is not None:
        qs = qs.filter(application__agency_id__in=ids)
    rows = (
        qs.values("application__agency_id", "kind", "result")
        .annotate(
            cases=Count("pk"),
            decided=Count("pk", filter=Q(decided_on__isnull=False, decided_on__lte=end)),
        )
        .order_by()
    )
    kinds = {k for k, _label in APPEAL_KINDS}
    tables: dict[int, Table4] = {pk: Table4(end.year) for pk in ids or ()}
    for r in rows:
        table = tables.setdefault(r["application__agency_id"], Table4(end.year))
        table.cases += r["cases"]
        if r["kind"] not in kinds:
            continue
        table.cells[(r["kind"], TOTAL)] += r["cases"]
        if r["result"] in _DECIDED:
            table.cells[(r["kind"], r["result"])] += r["decided"]
        table.cells[(r["kind"], "pending")] += r["cases"] - r["decided"]
    return tables


def metric_table4(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, dict]:
    """表四 (四、政府信息公开行政复议、行政诉讼情况) per agency over start..end:

    {agency_id: {"columns": [[code, label], …15], "values": [int, …15]}}

    The 15 columns in the official order: 行政复议, 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉,
    each 结果维持, 结果纠正, 其他结果, 尚未审结, 总计; codes "<kind>.<result>" (kind: review,
    lawsuit_direct, lawsuit_after_review; result: upheld, corrected, other, pending, total). Every
    agency in `agency_ids` is present (zeros without a case)."""
    return {
        pk: {"columns": [list(c) for c in TABLE4_COLUMNS], "values": list(t.values())}
        for pk, t in table4_tables(start, end, agency_ids).items()
    }


# ---------------------------------------------------------------- counts and rates


def metric_received(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Applications received (收到申请之日) in the period: {agency_id: int}, agencies with none absent."""
    return _count("received", start, end, agency_ids)


def metric_on_time_pct(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, float]:
    """Of the applications closed (办结) in the period, the share closed within the statutory limit
    (条例第三十三条: 20 working days, extended and paused as recorded on the case's clock), in %
    with one decimal: {agency_id: float}. A case without a clock (当场答复) is on time. Agencies that
    closed none are absent."""
    qs = _applications("answered", start, end, agency_ids)
    on_time = Q(clock__isnull=True) | Q(clock__due_on__isnull=True) | Q(closed_on__lte=F("clock__due_on"))
    rows = qs.values("agency_id").annotate(n=Count("pk"), ok=Count("pk", filter=on_time)).order_by()
    return {r["agency_id"]: round(100 * r["ok"] / r["n"], 1) for r in rows if r["n"]}


def metric_corrected(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """行政复议 and 行政诉讼 cases about a disclosure reply decided 结果纠正 in the period (cases, not
    applications): {agency_id: int}, agencies with none absent."""
    qs = Appeal.objects.filter(_corrected(start, end))
    ids = _ids(agency_ids)
    if ids is not None:
        qs = qs.filter(application__agency_id__in=ids)
    return {
        r["application__agency_id"]: r["n"]
        for r in qs.values("application__agency_id").annotate(n=Count("pk")).order_by()
    }


def metric_fee_notices(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """收费通知 (信息处理费, 国办函〔2020〕109号) sent in the period, by 收费通知日期: {agency_id: int}."""
    return _count("fee_notices", start, end, agency_ids)


def metric_fee_amount(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, Decimal]:
    """信息处理费 actually collected in the period (元, by 缴费日期 — amounts notified but never paid are
    not counted): {agency_id: Decimal}, agencies that collected nothing absent."""
    qs = _applications("fees_paid", start, end, agency_ids)
    return {
        r["agency_id"]: r["total"]
        for r in qs.values("agency_id").annotate(total=Sum("fee_amount")).order_by()
    }


METRICS = {
    "applications.table3": (_("年度报告表三：收到和处理政府信息公开申请情况"), metric_table3, "table3"),
    "applications.table4": (_("年度报告表四：政府信息公开行政复议、行政诉讼情况"), metric_table4, "appeals"),
    "applications.received": (_("收到政府信息公开申请数"), metric_received, "received"),
    "applications.on_time_pct": (_("政府信息公开申请按期答复率（%）"), metric_on_time_pct, "answered"),
    "applications.corrected": (_("行政复议、行政诉讼结果纠正数"), metric_corrected, "corrected"),
    "applications.fees.notices": (_("发出信息处理费收费通知数"), metric_fee_notices, "fee_notices"),
    "applications.fees.amount": (_("实际收取信息处理费金额（元）"), metric_fee_amount, "fees_paid"),
}


def register() -> None:
    from gongkai.common import registry

    for code, (label, fn, figure) in METRICS.items():
        registry.register_metric(code, label, fn, records=metric_records.records_url(LIST, figure))
