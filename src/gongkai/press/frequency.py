"""How often an agency must hold press conferences, and whether it did. Pure: no database, no Django.

A rule asks for at least `min_count` conferences of a measure (any conference, one the agency's head
attended, an economic briefing) in every calendar period of `months` months (1, 2, 3, 4, 6 or 12, so
periods never cross a year: quarters are Jan–Mar, Apr–Jun …). RULES.md §7: departments close to the
economy and livelihoods at least one per quarter, their heads at least once a year, the government's
economic briefings at least twice a year; seed 004: every two months.

Each period of a rule is:
- "exempt" when it began before the agency was subject to the rule (`since`: created or brought in
  mid-period) — a partial period is not held against it; conferences in it still show;
- "future" when it has not begun;
- "met" when it holds enough conferences (an ended period, or the current one already enough);
- "open" when it is the current period and not yet met (due by its last day);
- "missed" when it has ended without enough.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

ALLOWED_MONTHS = (1, 2, 3, 4, 6, 12)
QUARTERS = ("一", "二", "三", "四")

MET, MISSED, OPEN, FUTURE, EXEMPT = "met", "missed", "open", "future", "exempt"
STATUS_LABELS = {MET: "已达要求", MISSED: "未达要求", OPEN: "本期待召开", FUTURE: "未开始", EXEMPT: "不考核"}


@dataclass(frozen=True)
class Rule:
    measure: str  # "any" | "head" | "economic"
    months: int
    min_count: int

    def __post_init__(self) -> None:
        if self.months not in ALLOWED_MONTHS:
            raise ValueError(f"a period of {self.months} months does not divide the year")

    def counts(self, held: Held) -> bool:
        if self.measure == "head":
            return held.head
        if self.measure == "economic":
            return held.kind == "economic"
        return True


class Held(NamedTuple):
    """A conference that took place: its local date, whether the head attended, its kind."""

    day: date
    head: bool = False
    kind: str = "regular"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    months: int

    @property
    def label(self) -> str:
        y, m = self.start.year, self.start.month
        if self.months == 12:
            return f"{y}年"
        if self.months == 6:
            return f"{y}年{'上' if m == 1 else '下'}半年"
        if self.months == 3:
            return f"{y}年第{QUARTERS[(m - 1) // 3]}季度"
        if self.months == 1:
            return f"{y}年{m}月"
        return f"{y}年{m}—{self.end.month}月"

    @property
    def first_month(self) -> int:
        return self.start.month


@dataclass(frozen=True)
class Cell:
    period: Period
    held: int
    required: int  # 0 when exempt
    status: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Result:
    rule: Rule
    cells: list[Cell] = field(default_factory=list)
    next_due: date | None = None

    @property
    def missed(self) -> list[Period]:
        return [c.period for c in self.cells if c.status == MISSED]

    @property
    def held(self) -> int:
        return sum(c.held for c in self.cells)

    @property
    def required(self) -> int:
        return sum(c.required for c in self.cells)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def period_of(day: date, months: int) -> Period:
    """The period of `months` months that contains `day`."""
    if months not in ALLOWED_MONTHS:
        raise ValueError(f"a period of {months} months does not divide the year")
    first = (day.month - 1) // months * months + 1
    return Period(date(day.year, first, 1), _month_end(day.year, first + months - 1), months)


@lru_cache(maxsize=256)
def periods(start: date, end: date, months: int) -> tuple[Period, ...]:
    """Every period of `months` months that overlaps [start, end], in order."""
    out = []
    period = period_of(start, months)
    while period.start <= end:
        out.append(period)
        period = period_of(period.end + timedelta(days=1), months)
    return tuple(out)


def _slot(day: date, months: int) -> tuple[int, int]:
    return day.year, (day.month - 1) // months


def status(period: Period, held: int, rule: Rule, *, since: date, today: date) -> str:
    if period.start < since:
        return EXEMPT
    if period.start > today:
        return FUTURE
    if held >= rule.min_count:
        return MET
    return OPEN if period.end >= today else MISSED


def next_due(
    rule: Rule, held: Iterable[Held], *, since: date, today: date, counts: Counter | None = None
) -> date:
    """The last day by which the next conference this rule asks for must be held (`counts`: the
    held conferences per period slot, when the caller has them already)."""
    current = period_of(max(today, since), rule.months)
    if current.start < since:  # the partial first period is exempt: the first full one is due
        current = period_of(current.end + timedelta(days=1), rule.months)
    if counts is None:
        counts = Counter(_slot(h.day, rule.months) for h in held if rule.counts(h))
    count = counts[_slot(current.start, rule.months)]
    if count >= rule.min_count and current.start <= today:
        current = period_of(current.end + timedelta(days=1), rule.months)
    return current.end


def evaluate(rule: Rule, held: Iterable[Held], *, start: date, end: date, since: date, today: date) -> Result:
    """The periods of `rule` overlapping [start, end] with held / required and status each, and the
    next due date (counted from `today`; `held` must include the conferences of today's period)."""
    months = rule.months
    if rule.measure == "any":
        counts = Counter((h.day.year, (h.day.month - 1) // months) for h in held)  # one pass for all periods
    else:
        counts = Counter((h.day.year, (h.day.month - 1) // months) for h in held if rule.counts(h))
    result = Result(rule)
    for period in periods(start, end, rule.months):
        count = counts[_slot(period.start, rule.months)]
        state = status(period, count, rule, since=since, today=today)
        result.cells.append(Cell(period, count, 0 if state == EXEMPT else rule.min_count, state))
    result.next_due = next_due(rule, (), since=since, today=today, counts=counts)
    return result


def effective_rules(class_rules: Iterable[Rule], own_rules: Iterable[Rule]) -> list[Rule]:
    """An agency's own rules replace its class's rules of the same measure."""
    own = list(own_rules)
    replaced = {r.measure for r in own}
    return [r for r in class_rules if r.measure not in replaced] + own
