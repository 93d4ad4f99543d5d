"""The working-day calculator against the real 2025–2026 calendar (spec/RULES.md §1), no database.

Each expected date is counted by hand in the comment next to it, so a reader can check it against
the State Council's notices: the start day is never counted, day 1 is the next working day.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.workdays.calendar import Override, add_workdays, is_workday, package_calendar, workdays_between

D = date.fromisoformat


def test_2026_working_weekends_are_the_state_council_ones():
    cal = package_calendar()
    assert sorted(d for d in cal.working_weekends if d.year == 2026) == [
        D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-05-09"), D("2026-09-20"), D("2026-10-10"),
    ]  # fmt: skip


def test_2025_working_weekends():
    cal = package_calendar()
    assert sorted(d for d in cal.working_weekends if d.year == 2025) == [
        D("2025-01-26"), D("2025-02-08"), D("2025-04-27"), D("2025-09-28"), D("2025-10-11"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2026-01-01", "元旦"),
        ("2026-02-17", "春节"),
        ("2026-04-06", "清明节"),
        ("2026-05-05", "劳动节"),
        ("2026-06-19", "端午节"),
        ("2026-09-25", "中秋节"),
        ("2026-10-07", "国庆节"),
        ("2025-10-06", "中秋节"),
    ],
)
def test_holiday_names_in_chinese(day, name):
    info = package_calendar().day(D(day))
    assert not info.is_workday
    assert info.reason == name


def test_known_years_end_with_2026():
    cal = package_calendar()
    assert cal.knows(2004) and cal.knows(2026) and not cal.knows(2027)
    assert cal.known_through == 2026


CASES = [
    # National Day 2026. Received Mon 09-28. 09-29, 09-30 = 2; 10-01..10-07 国庆节; 10-08, 10-09 = 4;
    # Sat 10-10 调休上班 = 5; 10-12..10-16 = 10; 10-19..10-23 = 15; 10-26..10-30 = 20.
    ("2026-09-28", 20, "2026-10-30", False),
    # Spring Festival 2026. Received Mon 02-09. 02-10..02-13 = 4; Sat 02-14 调休上班 = 5; 02-15..02-23
    # 春节; 02-24..02-27 = 9; Sat 02-28 调休上班 = 10; 03-02..03-06 = 15; 03-09..03-13 = 20.
    ("2026-02-09", 20, "2026-03-13", False),
    # Into 2027, whose schedule is unknown: 12-16..12-18 = 3; 12-21..12-25 = 8; 12-28..12-31 = 12;
    # Fri 2027-01-01 元旦 is fixed by the 放假办法, not counted; 01-04..01-08 = 17; 01-11..01-13 = 20.
    ("2026-12-15", 20, "2027-01-13", True),
    # Labour Day 2026: Thu 04-30; 05-01..05-05 劳动节; 05-06, 05-07, 05-08 = 3.
    ("2026-04-30", 3, "2026-05-08", False),
    # ... and the 4th day is Sat 05-09, 调休上班.
    ("2026-04-30", 4, "2026-05-09", False),
    # New Year 2026: Wed 2025-12-31; 01-01..01-03 元旦; Sun 01-04 调休上班 = 1.
    ("2025-12-31", 1, "2026-01-04", False),
    # Fri 09-18: Sat 09-19 weekend; Sun 09-20 调休上班 = 1.
    ("2026-09-18", 1, "2026-09-20", False),
    # Dragon Boat 2026: Thu 06-18; 06-19..06-21 端午节; Mon 06-22 = 1.
    ("2026-06-18", 1, "2026-06-22", False),
    # Mid-autumn 2026: Thu 09-24; 09-25..09-27 中秋节; Mon 09-28 = 1.
    ("2026-09-24", 1, "2026-09-28", False),
    # Received on a holiday: 10-02..10-07 国庆节; Thu 10-08 = 1.
    ("2026-10-01", 1, "2026-10-08", False),
    # Received on a Saturday: Sun skipped; Mon 10-19 = 1.
    ("2026-10-17", 1, "2026-10-19", False),
    # National Day 2025: Fri 09-26; Sat 09-27 weekend; Sun 09-28 调休上班 = 1; 09-29, 09-30 = 3;
    # 10-01..10-08 国庆节/中秋节; 10-09, 10-10 = 5.
    ("2025-09-26", 5, "2025-10-10", False),
    # Spring Festival 2025: Fri 01-24; Sat 01-25 weekend; Sun 01-26 调休上班 = 1; Mon 01-27 = 2;
    # 01-28..02-04 春节; Wed 02-05 = 3.
    ("2025-01-24", 3, "2025-02-05", False),
    # Zero days: due the same day.
    ("2026-09-28", 0, "2026-09-28", False),
]


@pytest.mark.parametrize(("start", "n", "due", "provisional"), CASES)
def test_add_workdays(start, n, due, provisional):
    deadline = add_workdays(D(start), n)
    assert deadline.due == D(due)
    assert deadline.provisional is provisional
    assert sum(s.counted for s in deadline.steps) == n
    if n:
        assert workdays_between(D(start), D(due)) == n


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # The start day counts as day 1 when it is a working day: 09-28 = 1 ... 10-29 = 20.
        ("2026-09-28", 20, "2026-10-29"),
        # ... but not when it is a holiday: 10-08 = 1.
        ("2026-10-01", 1, "2026-10-08"),
        ("2026-09-28", 1, "2026-09-28"),
    ],
)
def test_count_start_day(start, n, due):
    assert add_workdays(D(start), n, count_start_day=True).due == D(due)


def test_explanation_names_every_skipped_and_working_weekend_day():
    lines = add_workdays(D("2026-09-28"), 20).explain()
    assert lines[0] == "2026-09-28（周一） 不计 — 起算日，不计入"
    assert "2026-10-01（周四） 不计 — 国庆节" in lines
    assert "2026-10-10（周六） 第5个工作日 — 调休上班（国庆节）" in lines
    assert "2026-10-11（周日） 不计 — 周末" in lines
    assert lines[-1] == "2026-10-30（周五） 第20个工作日 — 工作日"


def test_provisional_days_are_marked_in_the_explanation():
    deadline = add_workdays(D("2026-12-15"), 20)
    assert deadline.unknown_years == [2027]
    assert (
        "2027-01-01（周五） 不计 — 元旦（法定固定假日，未知年份，按周末和法定固定假日推算）"
        in deadline.explain()
    )
    assert "2027-01-04（周一） 第13个工作日 — 未知年份，按周末和法定固定假日推算" in deadline.explain()
    assert "2027-01-02（周六） 不计 — 周末（未知年份，按周末和法定固定假日推算）" in deadline.explain()


# A year whose schedule is unknown (spec/RULES.md §1): weekends and the days the 放假办法 fixes by
# date (元旦 1-1, 劳动节 5-1 and 5-2, 国庆 10-1 to 10-3) are off; the lunar festivals (春节, 清明,
# 端午, 中秋) and the 调休 days wait for the State Council's notice, so they are counted.
UNKNOWN_YEAR_CASES = [
    # Fri 2027-12-31: 2028-01-01 Sat 元旦 / weekend, 01-02 Sun; Mon 01-03 = 1.
    ("2027-12-31", 1, "2028-01-03"),
    # Fri 2028-04-28: 04-29, 04-30 weekend; Mon 05-01, Tue 05-02 劳动节; Wed 05-03 = 1.
    ("2028-04-28", 1, "2028-05-03"),
    # Fri 2028-09-29: 09-30 Sat, 10-01 Sun; Mon 10-02, Tue 10-03 国庆节; Wed 10-04 = 1; 10-05 = 2.
    ("2028-09-29", 2, "2028-10-05"),
    # Thu 2027-09-30: Fri 10-01 国庆节; 10-02, 10-03 weekend; Mon 10-04 = 1.
    ("2027-09-30", 1, "2027-10-04"),
    # Tue 2027-05-04 is not a fixed holiday: Mon 05-03 = 1, Tue 05-04 = 2 (after Sat/Sun 05-01/02).
    ("2027-04-30", 2, "2027-05-04"),
    # 清明 2027 (Mon 04-05) is not fixed by date: Fri 04-02 → Mon 04-05 = 1.
    ("2027-04-02", 1, "2027-04-05"),
    # 春节 2027 (02-06 初一) waits for the notice: Fri 02-05 → Mon 02-08 = 1.
    ("2027-02-05", 1, "2027-02-08"),
]


@pytest.mark.parametrize(("start", "n", "due"), UNKNOWN_YEAR_CASES)
def test_unknown_year_skips_the_fixed_date_holidays(start, n, due):
    deadline = add_workdays(D(start), n)
    assert (deadline.due, deadline.provisional) == (D(due), True)
    assert workdays_between(D(start), D(due)) == n


@pytest.mark.parametrize(
    ("day", "name"),
    [("2027-01-01", "元旦"), ("2028-05-01", "劳动节"), ("2028-05-02", "劳动节"),
     ("2028-10-01", "国庆节"), ("2028-10-02", "国庆节"), ("2028-10-03", "国庆节")],
)  # fmt: skip
def test_fixed_holidays_are_named_in_an_unknown_year(day, name):
    info = package_calendar().day(D(day))
    assert (info.is_workday, info.known) == (False, False)
    assert info.reason.startswith(f"{name}（法定固定假日")


def test_a_loaded_year_replaces_the_fixed_holiday_guess():
    # Once a year is known its data decides, even against the fixed list (e.g. a deployment
    # loading an exceptional schedule); an override wins in an unknown year too.
    cal = package_calendar().with_overrides(known_years=[2027])
    assert cal.is_workday(D("2027-01-01"))
    local = package_calendar().with_overrides(
        overrides={D("2028-05-02"): Override(is_workday=True, name="补班")}
    )
    assert local.is_workday(D("2028-05-02"))


def test_a_deadline_ending_before_the_unknown_year_is_not_provisional():
    # 12-16..12-18 = 3, 12-21..12-25 = 8, 12-28..12-31 = 12: still inside 2026.
    assert add_workdays(D("2026-12-15"), 12).provisional is False
    assert add_workdays(D("2026-12-15"), 13).provisional is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-10-10", True),  # 调休上班
        ("2026-10-01", False),  # 国庆节
        ("2026-10-11", False),  # Sunday
        ("2026-10-12", True),
        ("2027-01-01", False),  # unknown year: a Friday, but 元旦 is fixed by the 放假办法
        ("2027-01-04", True),  # unknown year: a Monday
        ("2027-01-02", False),  # unknown year: a Saturday
    ],
)
def test_is_workday(day, expected):
    assert is_workday(D(day)) is expected


def test_workdays_between_is_signed():
    assert workdays_between(D("2026-09-28"), D("2026-10-30")) == 20
    assert workdays_between(D("2026-10-30"), D("2026-09-28")) == -20
    assert workdays_between(D("2026-10-01"), D("2026-10-01")) == 0


def test_agrees_with_chinese_calendar_on_every_start_day_of_2025_and_2026():
    day = D("2025-01-01")
    while day.year < 2027:
        for n in (1, 7, 15, 20):
            due = add_workdays(day, n).due
            if due.year > 2026:
                continue
            assert chinese_calendar.is_workday(due)
            assert len(chinese_calendar.get_workdays(day + timedelta(days=1), due)) == n, (day, n)
        day += timedelta(days=1)


# Pauses (条例33: consulting time is not counted). Received Mon 2026-11-02, 5 working days.
# Without a pause: 11-03..11-06 = 4, 11-09 = 5.


def test_pause_day_counts_resume_day_does_not():
    cal = package_calendar()
    # Paused Tue 11-03 (counts, = 1), resumed Thu 11-05: 11-04 and 11-05 not counted;
    # Fri 11-06 = 2, 11-09 = 3, 11-10 = 4, 11-11 = 5.
    deadline = cal.add_workdays(D("2026-11-02"), 5, pauses=[(D("2026-11-03"), D("2026-11-05"))])
    assert deadline.due == D("2026-11-11")
    by_day = {s.date: s for s in deadline.steps}
    assert by_day[D("2026-11-03")].counted
    assert not by_day[D("2026-11-04")].counted and "暂停计时" in by_day[D("2026-11-04")].reason
    assert not by_day[D("2026-11-05")].counted and "恢复计时日" in by_day[D("2026-11-05")].reason
    assert cal.add_workdays(D("2026-11-02"), 5).due == D("2026-11-09")


def test_resume_day_counts_when_the_start_day_counts():
    # count_start_day: 11-02 = 1, 11-03 = 2 (pause day), 11-04 paused, 11-05 = 3 (resume day),
    # 11-06 = 4, 11-09 = 5.
    deadline = package_calendar().add_workdays(
        D("2026-11-02"), 5, count_start_day=True, pauses=[(D("2026-11-03"), D("2026-11-05"))]
    )
    assert deadline.due == D("2026-11-09")


def test_open_pause_holds_the_count():
    deadline = package_calendar().add_workdays(D("2026-11-02"), 5, pauses=[(D("2026-11-03"), None)])
    assert deadline.due is None
    assert deadline.counted == 1


def test_pause_and_resume_the_same_day_removes_nothing():
    deadline = package_calendar().add_workdays(
        D("2026-11-02"), 5, pauses=[(D("2026-11-03"), D("2026-11-03"))]
    )
    assert deadline.due == D("2026-11-09")


def test_overrides_win_over_the_national_calendar():
    cal = package_calendar().with_overrides(
        overrides={D("2026-10-12"): Override(is_workday=False, name="本地节日")}
    )
    # 10-12 was the 6th working day: everything after moves by one; the 20th is Mon 11-02.
    deadline = cal.add_workdays(D("2026-09-28"), 20)
    assert deadline.due == D("2026-11-02")
    assert "2026-10-12（周一） 不计 — 本地节日（本地调整：放假）" in deadline.explain()


def test_an_override_in_an_unknown_year_keeps_the_deadline_provisional():
    cal = package_calendar().with_overrides(
        overrides={D("2027-01-04"): Override(is_workday=False, name="本地节日")}
    )
    # As the provisional count above, with Mon 01-04 a local holiday too: 01-14 = 20.
    deadline = cal.add_workdays(D("2026-12-15"), 20)
    assert deadline.due == D("2027-01-14")
    assert deadline.provisional


def test_negative_days_are_an_error():
    with pytest.raises(ValueError):
        add_workdays(D("2026-09-28"), -1)
