"""表三 and 表四 of the annual report (条例第五十条; format: 国办公开办函〔2021〕30号).

Computed from plain records, no Django: the caller turns applications and appeals into
`ApplicationRecord`s and `AppealRecord`s. Each row is counted from its own definition, not
derived from the others, so the identities the official format states (本列数据的勾稽关系)
really test the data: a record closed without an outcome, closed before it was received or
filed under an unknown applicant kind makes `check()` report the broken identity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from gongkai.applications.outcomes import (
    APPLICANT_COLUMNS,
    ORGANISATION_COLUMNS,
    ORGANISATION_HEADING,
    OUTCOME_BY_CODE,
    OUTCOMES,
    REPORT_GROUPS,
)

TOTAL = "total"
TABLE3_COLUMNS: tuple[tuple[str, str], ...] = (*APPLICANT_COLUMNS, (TOTAL, "总计"))
_COLUMN_LABEL = dict(TABLE3_COLUMNS)

NEW, CARRIED_IN, CARRIED_OUT = "new", "carried_in", "carried_out"
SECTION_RESULTS = "三、本年度办理结果"
ROW_LABELS = {
    NEW: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    TOTAL: "（七）总计",
    CARRIED_OUT: "四、结转下年度继续办理",
}
# The official form adds this note to row （二）.
ROW_NOTES = {"partial": "（区分处理的，只计这一情形，不计其他情形）"}


class TableImbalance(Exception):
    """A report table whose identities do not hold; `messages` says which, in Chinese."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# ---------------------------------------------------------------- 表三


@dataclass(frozen=True)
class ApplicationRecord:
    """One application as the report sees it. `column` is an `APPLICANT_COLUMNS` code."""

    column: str
    received_on: date
    closed_on: date | None = None
    outcome: str | None = None
    ref: str = ""

    def describe(self) -> str:
        return f"申请{self.ref}（{self.received_on:%Y-%m-%d}收到）"


@dataclass(frozen=True)
class Table3Row:
    """A row for rendering: `labels` from the outer heading inward, `values` by TABLE3_COLUMNS."""

    key: str
    labels: tuple[str, ...]
    values: tuple[int, ...]

    @property
    def label(self) -> str:
        return self.labels[-1]


@dataclass
class Table3:
    """三、收到和处理政府信息公开申请情况. `cells[(row, column)]`; rows are NEW, CARRIED_IN,
    outcome codes, TOTAL (（七）总计) and CARRIED_OUT; columns are TABLE3_COLUMNS codes."""

    year: int
    cells: Counter[tuple[str, str]] = field(default_factory=Counter)
    anomalies: list[str] = field(default_factory=list)

    def cell(self, row: str, column: str) -> int:
        return self.cells[(row, column)]

    def group_total(self, group: str, column: str) -> int:
        """Subtotal of a group (（三）不予公开 …) — not a row of the official form."""
        return sum(self.cell(o.code, column) for o in OUTCOMES if o.group == group)

    def _values(self, row: str) -> tuple[int, ...]:
        return tuple(self.cell(row, code) for code, _ in TABLE3_COLUMNS)

    def rows(self, *, with_subtotals: bool = False) -> Iterator[Table3Row]:
        """The rows in the order of the official form; `with_subtotals` adds a 小计 row after
        each multi-row group (the form itself has none)."""
        yield Table3Row(NEW, (ROW_LABELS[NEW],), self._values(NEW))
        yield Table3Row(CARRIED_IN, (ROW_LABELS[CARRIED_IN],), self._values(CARRIED_IN))
        for group in REPORT_GROUPS:
            if not group.has_items:
                code = group.outcomes[0].code
                heading = group.heading + ROW_NOTES.get(code, "")
                yield Table3Row(code, (SECTION_RESULTS, heading), self._values(code))
                continue
            for outcome in group.outcomes:
                labels = (SECTION_RESULTS, group.heading, outcome.row_label)
                yield Table3Row(outcome.code, labels, self._values(outcome.code))
            if with_subtotals:
                values = tuple(self.group_total(group.code, c) for c, _ in TABLE3_COLUMNS)
                yield Table3Row(f"subtotal_{group.code}", (SECTION_RESULTS, group.heading, "小计"), values)
        yield Table3Row(TOTAL, (SECTION_RESULTS, ROW_LABELS[TOTAL]), self._values(TOTAL))
        yield Table3Row(CARRIED_OUT, (ROW_LABELS[CARRIED_OUT],), self._values(CARRIED_OUT))

    def csv_rows(self) -> Iterator[list[str]]:
        """Header then data, flat: organisation columns are headed 法人或其他组织·商业企业 …"""
        yield ["项目", *(_csv_heading(code, label) for code, label in TABLE3_COLUMNS)]
        for row in self.rows():
            yield [" ".join(row.labels), *map(str, row.values)]

    def check(self) -> list[str]:
        """The identities of the official form that fail, one Chinese message each."""
        return self._check_balance() + self._check_results() + self._check_total_column()

    def require_balanced(self) -> None:
        problems = self.check()
        if problems:
            raise TableImbalance(problems + self.anomalies)

    def _check_balance(self) -> list[str]:
        out = []
        for code, label in TABLE3_COLUMNS:
            new, carried_in = self.cell(NEW, code), self.cell(CARRIED_IN, code)
            done, carried_out = self.cell(TOTAL, code), self.cell(CARRIED_OUT, code)
            if new + carried_in != done + carried_out:
                out.append(
                    f"{label}列：本年新收（{new}）与上年结转（{carried_in}）之和为{new + carried_in}，"
                    f"不等于（七）总计（{done}）与结转下年度继续办理（{carried_out}）之和{done + carried_out}"
                )
        return out

    def _check_results(self) -> list[str]:
        out = []
        for code, label in TABLE3_COLUMNS:
            rows_sum = sum(self.cell(o.code, code) for o in OUTCOMES)
            if rows_sum != self.cell(TOTAL, code):
                out.append(f"{label}列：（七）总计为{self.cell(TOTAL, code)}，各项办理结果之和为{rows_sum}")
        return out

    def _check_total_column(self) -> list[str]:
        out = []
        for row in self.rows():
            *six, total = row.values
            if sum(six) != total:
                out.append(
                    f"{' '.join(row.labels)}：总计列为{total}，自然人与法人或其他组织各列之和为{sum(six)}"
                )
        return out


def _csv_heading(code: str, label: str) -> str:
    return f"{ORGANISATION_HEADING}·{label}" if code in ORGANISATION_COLUMNS else label


def _table3_rows_of(record: ApplicationRecord, year: int) -> list[str]:
    """The rows of 表三 `record` counts in, each from its own definition."""
    start, end = _year_bounds(year)
    received, closed = record.received_on, record.closed_on
    rows = []
    if start <= received <= end:
        rows.append(NEW)
    if received < start and (closed is None or closed >= start):
        rows.append(CARRIED_IN)
    if closed is not None and start <= closed <= end:
        rows.append(TOTAL)
        if record.outcome in OUTCOME_BY_CODE:
            rows.append(record.outcome)
    if received <= end and (closed is None or closed > end):
        rows.append(CARRIED_OUT)
    return rows


def _table3_anomaly(record: ApplicationRecord) -> str | None:
    """Why `record` is inconsistent, in Chinese, or None."""
    what = record.describe()
    if record.column not in _COLUMN_LABEL or record.column == TOTAL:
        return f"{what}的申请人类型“{record.column}”不是表三的列"
    if record.closed_on is not None and record.closed_on < record.received_on:
        return f"{what}的办结日期{record.closed_on:%Y-%m-%d}早于收到日期"
    if record.closed_on is not None and record.outcome is None:
        return f"{what}已办结但没有办理结果"
    if record.outcome is not None and record.outcome not in OUTCOME_BY_CODE:
        return f"{what}的办理结果“{record.outcome}”不是表三的一项"
    if record.closed_on is None and record.outcome is not None:
        return f"{what}已有办理结果但没有办结日期，按结转下年度继续办理统计"
    return None


def build_table3(records: Iterable[ApplicationRecord], year: int) -> Table3:
    """Count `records` into 表三 of `year`'s annual report.

    一 received in the year; 二 received earlier and not closed before 1 January; 三 closed in the
    year, by outcome, （七） all closed in the year; 四 received by 31 December and not closed by then.
    """
    table = Table3(year)
    for record in records:
        rows = _table3_rows_of(record, year)
        if not rows:
            continue
        columns = [TOTAL] + ([record.column] if record.column != TOTAL else [])
        table.cells.update((row, column) for row in rows for column in columns)
        anomaly = _table3_anomaly(record)
        if anomaly:
            table.anomalies.append(anomaly)
    return table


# ---------------------------------------------------------------- 表四

APPEAL_KINDS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("lawsuit_direct", "行政诉讼·未经复议直接起诉"),
    ("lawsuit_after_review", "行政诉讼·复议后起诉"),
)
APPEAL_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    (TOTAL, "总计"),
)
_KIND_LABEL = dict(APPEAL_KINDS)
_DECIDED_RESULTS = ("upheld", "corrected", "other")


@dataclass(frozen=True)
class AppealRecord:
    """One 行政复议 or 行政诉讼 case about a disclosure reply.

    `result` is the outcome once decided ("pending" while not); `decided_on` the day it was.
    """

    kind: str
    result: str
    filed_on: date
    decided_on: date | None = None
    ref: str = ""

    def describe(self) -> str:
        return f"{_KIND_LABEL.get(self.kind, '案件')}{self.ref}（{self.filed_on:%Y-%m-%d}提起）"


@dataclass
class Table4:
    """四、政府信息公开行政复议、行政诉讼情况: `cells[(kind, result)]`, 3 × 5 = 15 cells."""

    year: int
    cells: Counter[tuple[str, str]] = field(default_factory=Counter)
    cases: int = 0
    anomalies: list[str] = field(default_factory=list)

    def cell(self, kind: str, result: str) -> int:
        return self.cells[(kind, result)]

    def values(self) -> tuple[int, ...]:
        """The 15 cells in the order of the official form."""
        return tuple(self.cell(k, r) for k, _ in APPEAL_KINDS for r, _ in APPEAL_RESULTS)

    def rows(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for kind, label in APPEAL_KINDS:
            yield label, tuple(self.cell(kind, r) for r, _ in APPEAL_RESULTS)

    def check(self) -> list[str]:
        """Per kind 总计 = 维持 + 纠正 + 其他 + 尚未审结; the kinds' 总计 add up to every case counted."""
        out = []
        for kind, label in APPEAL_KINDS:
            parts = sum(self.cell(kind, r) for r, _ in APPEAL_RESULTS[:4])
            if parts != self.cell(kind, TOTAL):
                out.append(f"{label}：总计为{self.cell(kind, TOTAL)}，各项结果之和为{parts}")
        kinds_total = sum(self.cell(kind, TOTAL) for kind, _ in APPEAL_KINDS)
        if kinds_total != self.cases:
            out.append(f"本年度统计的复议、诉讼案件共{self.cases}件，三类总计之和为{kinds_total}")
        return out

    def require_balanced(self) -> None:
        problems = self.check()
        if problems:
            raise TableImbalance(problems + self.anomalies)


def _table4_result(record: AppealRecord, end: date) -> str | None:
    """The result column of `record` at the end of the year, None if it fits none."""
    if record.decided_on is None or record.decided_on > end:
        return "pending"
    return record.result if record.result in _DECIDED_RESULTS else None


def _table4_anomaly(record: AppealRecord) -> str | None:
    what = record.describe()
    if record.kind not in _KIND_LABEL:
        return f"{what}的类型“{record.kind}”不是表四的一类"
    if record.decided_on is not None and record.result not in _DECIDED_RESULTS:
        return f"{what}已于{record.decided_on:%Y-%m-%d}审结但结果为“{record.result}”"
    if record.decided_on is None and record.result != "pending":
        return f"{what}的结果为“{record.result}”但没有审结日期，按尚未审结统计"
    return None


def build_table4(records: Iterable[AppealRecord], year: int) -> Table4:
    """Count `records` into 表四 of `year`'s report.

    A case counts if it was open at some time in the year (filed by 31 December, not decided
    before 1 January); decided by 31 December → its result, otherwise 尚未审结.
    """
    start, end = _year_bounds(year)
    table = Table4(year)
    for record in records:
        if record.filed_on > end or (record.decided_on is not None and record.decided_on < start):
            continue
        table.cases += 1
        if record.kind in _KIND_LABEL:
            table.cells[(record.kind, TOTAL)] += 1
            result = _table4_result(record, end)
            if result:
                table.cells[(record.kind, result)] += 1
        anomaly = _table4_anomaly(record)
        if anomaly:
            table.anomalies.append(anomaly)
    return table
