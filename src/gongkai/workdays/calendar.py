"""The working-day calendar and the counting of statutory deadlines (spec/RULES.md §1).

Pure Python, no Django: a `WorkCalendar` is built from data — national holidays, working weekends
(调休上班), deployment overrides and the set of years whose official schedule is known — and answers
"is this a working day?" and "what is the N-th working day after this date, and why?".

Counting rule: "自收到申请之日起 N 个工作日" — the start day is not counted, day 1 is the next working
day (`count_start_day=False`, the default). With `count_start_day=True` the start day is day 1 when it
is itself a working day.

A year whose schedule is unknown (2027 before the State Council's notice, any year outside the
`chinesecalendar` package) is counted with weekends and the fixed-date holidays that the 放假办法
itself fixes (`FIXED_HOLIDAYS`: 元旦 1-1, 劳动节 5-1/5-2, 国庆 10-1..10-3) — those are law, not the
yearly notice; only the lunar festivals and 调休 days wait for it. A deadline that touches such a
day is `provisional` and must be recomputed when the year is loaded.

Pauses (条例33: time spent consulting third parties or other agencies is not counted) are given as
`(paused_on, resumed_on)` pairs, `resumed_on=None` for a pause still open:

- the pause day itself counts like any other day (work was done on the case that day);
- working days after it, up to the resume day, do not count;
- the resume day is treated like a start day: not counted, unless `count_start_day=True`.

So a clock paused on Monday and resumed on Wednesday counts Monday, skips Tuesday and Wednesday, and
goes on counting from Thursday.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

HOLIDAY = "holiday"
WORKDAY = "workday"

# chinesecalendar's Holiday enum values, in Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

WEEKDAYS_ZH = "一二三四五六日"

REASON_WORKDAY = "工作日"
REASON_WEEKEND = "周末"
REASON_UNKNOWN_YEAR = "未知年份，按周末和法定固定假日推算"

# (month, day) → festival: the days《全国年节及纪念日放假办法》fixes by date (spec/RULES.md §1).
# 春节、清明、端午、中秋 follow the lunar calendar / solar terms and 调休 follows the yearly notice,
# so those are not guessed for an unknown year.
FIXED_HOLIDAYS: dict[tuple[int, int], str] = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (5, 2): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}
REASON_START = "起算日，不计入"
REASON_PAUSED = "暂停计时，不计入"
REASON_RESUMED = "恢复计时日，不计入"

# A deadline that has not advanced in this many calendar days means a calendar with no working days.
_MAX_IDLE_DAYS = 366


@dataclass(frozen=True)
class Override:
    """A deployment's own day: a local holiday (`is_workday=False`) or an extra working day."""

    is_workday: bool
    name: str


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says about one date, with the reason in Chinese."""

    date: date
    is_workday: bool
    reason: str
    known: bool  # the year's official schedule is known; False = guessed from weekends only


@dataclass(frozen=True)
class Step:
    """One calendar day examined while counting a deadline."""

    date: date
    counted: bool
    reason: str
    ordinal: int | None = None  # 1 for the first counted working day, …
    provisional: bool = False  # the day lies in a year whose schedule is unknown

    def describe(self) -> str:
        weekday = "周" + WEEKDAYS_ZH[self.date.weekday()]
        head = f"{self.date.isoformat()}（{weekday}）"
        if self.counted:
            return f"{head} 第{self.ordinal}个工作日 — {self.reason}"
        return f"{head} 不计 — {self.reason}"


@dataclass(frozen=True)
class Deadline:
    """The result of counting `n` working days from `start`.

    `due` is None only when the count is held by a pause that has not been resumed; `counted` then
    says how many working days had elapsed before it.
    """

    start: date
    n: int
    due: date | None
    provisional: bool
    steps: list[Step] = field(default_factory=list)
    counted: int = 0

    @property
    def unknown_years(self) -> list[int]:
        return sorted({s.date.year for s in self.steps if s.provisional})

    def explain(self) -> list[str]:
        """The day-by-day reasoning, one Chinese line per examined day."""
        return [s.describe() for s in self.steps]


class WorkCalendar:
    """Working days of the Chinese administration, from data.

    `holidays` and `working_weekends` map dates to names (the festival they belong to); `overrides`
    map dates to `Override`s and win over both; `known_years` are the years whose official schedule
    the data covers. Days in other years are working days from Monday to Friday, except the
    `FIXED_HOLIDAYS`.
    """

    def __init__(
        self,
        *,
        holidays: Mapping[date, str],
        working_weekends: Mapping[date, str],
        known_years: Iterable[int],
        overrides: Mapping[date, Override] | None = None,
    ) -> None:
        self.holidays = dict(holidays)
        self.working_weekends = dict(working_weekends)
        self.known_years = frozenset(known_years)
        self.overrides = dict(overrides or {})

    def __repr__(self) -> str:
        years = sorted(self.known_years)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        return f"<WorkCalendar known {span}, {len(self.overrides)} overrides>"

    @property
    def known_through(self) -> int | None:
        """The latest year whose schedule is known."""
        return max(self.known_years) if self.known_years else None

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def with_overrides(
        self,
        *,
        holidays: Mapping[date, str] | None = None,
        working_weekends: Mapping[date, str] | None = None,
        replace_years: Iterable[int] = (),
        known_years: Iterable[int] = (),
        overrides: Mapping[date, Override] | None = None,
    ) -> WorkCalendar:
        """A new calendar: the schedule of `replace_years` is dropped, then the given data added."""
        replace = frozenset(replace_years)
        hol = {d: n for d, n in self.holidays.items() if d.year not in replace}
        ww = {d: n for d, n in self.working_weekends.items() if d.year not in replace}
        hol.update(holidays or {})
        ww.update(working_weekends or {})
        ov = dict(self.overrides)
        ov.update(overrides or {})
        return WorkCalendar(
            holidays=hol,
            working_weekends=ww,
            known_years=self.known_years | replace | frozenset(known_years),
            overrides=ov,
        )

    def day(self, d: date) -> DayInfo:
        known = d.year in self.known_years
        override = self.overrides.get(d)
        if override is not None:
            kind = "本地调整：工作日" if override.is_workday else "本地调整：放假"
            return DayInfo(d, override.is_workday, f"{override.name}（{kind}）", known)
        if known:
            if d in self.holidays:
                return DayInfo(d, False, self.holidays[d], True)
            if d in self.working_weekends:
                return DayInfo(d, True, f"调休上班（{self.working_weekends[d]}）", True)
            if d.weekday() >= 5:
                return DayInfo(d, False, REASON_WEEKEND, True)
            return DayInfo(d, True, REASON_WORKDAY, True)
        fixed = FIXED_HOLIDAYS.get((d.month, d.day))
        if fixed is not None:
            return DayInfo(d, False, f"{fixed}（法定固定假日，{REASON_UNKNOWN_YEAR}）", False)
        if d.weekday() >= 5:
            return DayInfo(d, False, f"{REASON_WEEKEND}（{REASON_UNKNOWN_YEAR}）", False)
        return DayInfo(d, True, REASON_UNKNOWN_YEAR, False)

    def is_workday(self, d: date) -> bool:
        return self.day(d).is_workday

    def add_workdays(
        self,
        start: date,
        n: int,
        *,
        count_start_day: bool = False,
        pauses: Sequence[tuple[date, date | None]] = (),
    ) -> Deadline:
        """The `n`-th working day counted from `start`, with every examined day explained.

        `pauses` are `(paused_on, resumed_on)` pairs in order; see the module docstring for which
        days they remove from the count.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        steps: list[Step] = []
        counted = 0
        provisional = False
        d = start
        idle = 0
        pause_list = sorted(pauses, key=lambda p: p[0])
        while True:
            info = self.day(d)
            paused_by = _pause_covering(pause_list, d, count_start_day)
            is_start = d == start and not count_start_day
            if is_start:
                if n == 0:
                    steps.append(Step(d, False, REASON_START))
                    return Deadline(start, n, d, False, steps, 0)
                steps.append(Step(d, False, REASON_START))
            elif paused_by is not None:
                reason = REASON_RESUMED if paused_by[1] == d else REASON_PAUSED
                if paused_by[1] is None:
                    # Held by an open pause: nothing after the pause day can be counted yet.
                    return Deadline(start, n, None, provisional, steps, counted)
                steps.append(Step(d, False, f"{reason}（{info.reason}）"))
                d += timedelta(days=1)
                continue
            elif info.is_workday:
                counted += 1
                provisional = provisional or not info.known
                steps.append(Step(d, True, info.reason, counted, provisional=not info.known))
                idle = 0
                if counted >= n:
                    return Deadline(start, n, d, provisional, steps, counted)
            else:
                provisional = provisional or not info.known
                steps.append(Step(d, False, info.reason, provisional=not info.known))
            idle += 1
            if idle > _MAX_IDLE_DAYS:
                raise ValueError("calendar has no working day for a whole year")
            d += timedelta(days=1)

    def workdays_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`.

        Consistent with `add_workdays`: `workdays_between(s, add_workdays(s, n).due) == n` for n > 0.
        """
        if b < a:
            return -self.workdays_between(b, a)
        total = 0
        d = a + timedelta(days=1)
        while d <= b:
            total += self.is_workday(d)
            d += timedelta(days=1)
        return total


def _pause_covering(
    pauses: Sequence[tuple[date, date | None]], d: date, count_start_day: bool
) -> tuple[date, date | None] | None:
    """The pause that keeps `d` from being counted, if any."""
    for paused_on, resumed_on in pauses:
        if d <= paused_on:
            continue
        if resumed_on is None:
            return (paused_on, None)
        if d < resumed_on or (d == resumed_on and not count_start_day):
            return (paused_on, resumed_on)
    return None


@functools.cache
def package_calendar() -> WorkCalendar:
    """The national calendar shipped with the `chinesecalendar` package (2004 to its last year)."""
    from chinese_calendar import constants

    def zh(value: object) -> str:
        text = str(getattr(value, "value", value))
        return HOLIDAY_NAMES_ZH.get(text, text)

    holidays = {d: zh(name) for d, name in constants.holidays.items()}
    working_weekends = {d: zh(name) for d, name in constants.workdays.items()}
    years = {d.year for d in holidays} | {d.year for d in working_weekends}
    return WorkCalendar(holidays=holidays, working_weekends=working_weekends, known_years=years)


def add_workdays(start: date, n: int, *, count_start_day: bool = False) -> Deadline:
    """`package_calendar().add_workdays(...)`: the national calendar without deployment data."""
    return package_calendar().add_workdays(start, n, count_start_day=count_start_day)


def workdays_between(a: date, b: date) -> int:
    return package_calendar().workdays_between(a, b)


def is_workday(d: date) -> bool:
    return package_calendar().is_workday(d)
