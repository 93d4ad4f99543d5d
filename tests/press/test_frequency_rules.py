"""The frequency rules of RULES.md §7 across quarter and year boundaries (pure, no database)."""

from datetime import date

import pytest

from gongkai.press.frequency import (
    EXEMPT,
    FUTURE,
    MET,
    MISSED,
    OPEN,
    Held,
    Rule,
    effective_rules,
    evaluate,
    next_due,
    period_of,
    periods,
)

QUARTERLY = Rule("any", 3, 1)
BIMONTHLY = Rule("any", 2, 1)  # seed 004
HEAD_YEARLY = Rule("head", 12, 1)
ECONOMIC_TWICE = Rule("economic", 12, 2)
LONG_AGO = date(2000, 1, 1)


@pytest.mark.parametrize(
    ("day", "months", "start", "end", "label"),
    [
        (date(2026, 3, 31), 3, date(2026, 1, 1), date(2026, 3, 31), "2026年第一季度"),
        (date(2026, 4, 1), 3, date(2026, 4, 1), date(2026, 6, 30), "2026年第二季度"),
        (date(2026, 12, 31), 3, date(2026, 10, 1), date(2026, 12, 31), "2026年第四季度"),
        (date(2027, 1, 1), 3, date(2027, 1, 1), date(2027, 3, 31), "2027年第一季度"),
        (date(2028, 2, 29), 2, date(2028, 1, 1), date(2028, 2, 29), "2028年1—2月"),  # leap year
        (date(2027, 2, 28), 2, date(2027, 1, 1), date(2027, 2, 28), "2027年1—2月"),
        (date(2026, 3, 1), 2, date(2026, 3, 1), date(2026, 4, 30), "2026年3—4月"),
        (date(2026, 6, 30), 6, date(2026, 1, 1), date(2026, 6, 30), "2026年上半年"),
        (date(2026, 7, 1), 6, date(2026, 7, 1), date(2026, 12, 31), "2026年下半年"),
        (date(2026, 8, 15), 12, date(2026, 1, 1), date(2026, 12, 31), "2026年"),
        (date(2026, 2, 10), 1, date(2026, 2, 1), date(2026, 2, 28), "2026年2月"),
        (date(2026, 5, 10), 4, date(2026, 5, 1), date(2026, 8, 31), "2026年5—8月"),
    ],
)
def test_period_of(day, months, start, end, label):
    period = period_of(day, months)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_a_period_that_does_not_divide_the_year_is_refused():
    with pytest.raises(ValueError, match="does not divide the year"):
        Rule("any", 5, 1)


def test_periods_over_a_year_boundary():
    got = [p.label for p in periods(date(2026, 11, 15), date(2027, 2, 1), 3)]
    assert got == ["2026年第四季度", "2027年第一季度"]


# (rule, conference days, today, since) -> the statuses of the year's periods and held counts
CASES = [
    # A conference on 31 March counts for Q1, one on 1 April for Q2 (not both for Q1).
    ("31 March is Q1", QUARTERLY, [date(2026, 3, 31)], date(2026, 12, 31), LONG_AGO,
     [(1, MET), (0, MISSED), (0, MISSED), (0, OPEN)]),
    ("1 April is Q2", QUARTERLY, [date(2026, 4, 1)], date(2026, 12, 31), LONG_AGO,
     [(0, MISSED), (1, MET), (0, MISSED), (0, OPEN)]),
    # Today is the last day of Q1: still open, not missed; the day after it is missed.
    ("last day of the quarter is still open", QUARTERLY, [], date(2026, 3, 31), LONG_AGO,
     [(0, OPEN), (0, FUTURE), (0, FUTURE), (0, FUTURE)]),
    ("the day after, missed", QUARTERLY, [], date(2026, 4, 1), LONG_AGO,
     [(0, MISSED), (0, OPEN), (0, FUTURE), (0, FUTURE)]),
    # Every two months (seed 004): a conference on 29 February of a leap year counts for Jan–Feb.
    ("leap day counts for Jan-Feb", BIMONTHLY, [date(2028, 2, 29), date(2028, 3, 1)], date(2028, 5, 1), LONG_AGO,
     [(1, MET), (1, MET), (0, OPEN), (0, FUTURE), (0, FUTURE), (0, FUTURE)]),
    # An agency created on 15 May: Q1 and Q2 are exempt (Q2 partly before it existed), Q3 counts.
    ("created mid-year", QUARTERLY, [date(2026, 6, 1)], date(2026, 12, 1), date(2026, 5, 15),
     [(0, EXEMPT), (1, EXEMPT), (0, MISSED), (0, OPEN)]),
    # Created on the first day of a quarter: that quarter counts in full.
    ("created on a quarter's first day", QUARTERLY, [], date(2026, 12, 1), date(2026, 7, 1),
     [(0, EXEMPT), (0, EXEMPT), (0, MISSED), (0, OPEN)]),
    # The head at least once a year: a conference without the head does not count.
    ("head once a year", HEAD_YEARLY, [date(2026, 5, 1)], date(2027, 1, 1), LONG_AGO, [(0, MISSED)]),
    # Economic briefings at least twice a year: one is not enough.
    ("economic twice a year", ECONOMIC_TWICE, [date(2026, 5, 1)], date(2027, 1, 1), LONG_AGO, [(1, MISSED)]),
    ("two quarterly in one quarter", QUARTERLY, [date(2026, 1, 5), date(2026, 2, 5)], date(2026, 12, 31), LONG_AGO,
     [(2, MET), (0, MISSED), (0, MISSED), (0, OPEN)]),
]  # fmt: skip


def _held(rule, days):
    kind = "economic" if rule.measure == "economic" else "regular"
    return [Held(d, head=rule.measure == "head" and d.month != 5, kind=kind) for d in days]


@pytest.mark.parametrize(
    ("name", "rule", "days", "today", "since", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_periods_of_a_year(name, rule, days, today, since, expected):
    year = days[0].year if days else today.year
    result = evaluate(
        rule, _held(rule, days), start=date(year, 1, 1), end=date(year, 12, 31), since=since, today=today
    )
    assert [(c.held, c.status) for c in result.cells] == expected
    assert len(result.missed) == sum(1 for _, s in expected if s == MISSED)
    assert all(c.required == 0 for c in result.cells if c.status == EXEMPT)


NEXT_DUE = [
    # (rule, conference days, today, since, next due)
    ("nothing held this quarter: its last day", QUARTERLY, [], date(2026, 2, 10), LONG_AGO, date(2026, 3, 31)),
    ("held this quarter: next quarter's last day", QUARTERLY, [date(2026, 1, 5)], date(2026, 2, 10), LONG_AGO,
     date(2026, 6, 30)),
    ("held in Q4: due at the end of next year's Q1", QUARTERLY, [date(2026, 11, 5)], date(2026, 12, 31), LONG_AGO,
     date(2027, 3, 31)),
    ("leap-year Jan-Feb", BIMONTHLY, [], date(2028, 2, 1), LONG_AGO, date(2028, 2, 29)),
    ("created mid-quarter: the first full quarter", QUARTERLY, [], date(2026, 5, 20), date(2026, 5, 15),
     date(2026, 9, 30)),
    ("head yearly, not yet", HEAD_YEARLY, [], date(2026, 3, 1), LONG_AGO, date(2026, 12, 31)),
    ("economic twice, one held", ECONOMIC_TWICE, [date(2026, 3, 1)], date(2026, 4, 1), LONG_AGO,
     date(2026, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "rule", "days", "today", "since", "due"), NEXT_DUE, ids=[c[0] for c in NEXT_DUE]
)
def test_next_due(name, rule, days, today, since, due):
    held = [Held(d, head=True, kind="economic") for d in days]
    assert next_due(rule, held, since=since, today=today) == due


def test_an_agency_rule_replaces_its_class_rule_of_the_same_measure():
    rules = effective_rules([QUARTERLY, HEAD_YEARLY], [BIMONTHLY])
    assert rules == [HEAD_YEARLY, BIMONTHLY]
