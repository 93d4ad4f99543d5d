"""A deadline running into 2027 is provisional until 2027's schedule is loaded, then recomputed.

Received Tue 2026-12-15, 20 working days. With weekends only for 2027: 12-16..12-18 = 3,
12-21..12-25 = 8, 12-28..12-31 = 12, Fri 2027-01-01 = 13, 01-04..01-08 = 18, 01-11 = 19, 01-12 = 20.
With the example 2027 schedule (01-01..01-03 元旦): 01-04..01-08 = 17, 01-11..01-13 = 20.
"""

from datetime import date
from pathlib import Path

import pytest

import gongkai.workdays
from gongkai.audit.models import AuditEntry
from gongkai.workdays.actions import (
    load_calendar_year,
    recompute_provisional_clocks,
    remove_calendar_override,
    set_calendar_override,
    start_clock,
    stop_clock,
)
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.services import current_calendar

D = date.fromisoformat
EXAMPLE = Path(gongkai.workdays.__file__).parent / "data" / "example-2027.yaml"


@pytest.fixture
def december_clock(county, li_ming):
    return start_clock(
        li_ming, agency=county.finance, label="跨年申请", limit_days=20, started_on=D("2026-12-15")
    )


def test_provisional_then_recomputed_when_2027_is_loaded(
    december_clock, li_ming, django_capture_on_commit_callbacks
):
    assert (december_clock.due_on, december_clock.provisional) == (D("2027-01-12"), True)
    assert december_clock.status(D("2026-12-20")).provisional

    with django_capture_on_commit_callbacks(execute=True):
        load_calendar_year(li_ming, EXAMPLE)

    december_clock.refresh_from_db()
    assert (december_clock.due_on, december_clock.provisional) == (D("2027-01-13"), False)
    assert current_calendar().knows(2027)
    assert CalendarYear.objects.get(year=2027).loaded_by == li_ming
    entry = AuditEntry.objects.get(action="workdays.clock.recompute")
    assert entry.before == {"due_on": "2027-01-12", "provisional": True}
    assert entry.after == {"due_on": "2027-01-13", "provisional": False}


def test_stopped_provisional_clocks_are_recomputed_too(
    december_clock, li_ming, django_capture_on_commit_callbacks
):
    stop_clock(li_ming, december_clock, on=D("2027-01-12"))
    with django_capture_on_commit_callbacks(execute=True):
        load_calendar_year(li_ming, EXAMPLE)
    december_clock.refresh_from_db()
    assert december_clock.due_on == D("2027-01-13")


def test_recompute_is_idempotent(december_clock):
    assert recompute_provisional_clocks() == []
    assert not AuditEntry.objects.filter(action="workdays.clock.recompute").exists()


def test_an_override_moves_running_deadlines(county, li_ming, django_capture_on_commit_callbacks):
    clock = start_clock(
        li_ming, agency=county.finance, label="国庆", limit_days=20, started_on=D("2026-09-28")
    )
    assert clock.due_on == D("2026-10-30")
    with django_capture_on_commit_callbacks(execute=True):
        set_calendar_override(li_ming, day=D("2026-10-12"), kind="holiday", name="本地民族节日")
    clock.refresh_from_db()
    assert clock.due_on == D("2026-11-02")  # one working day fewer before 10-30
    with django_capture_on_commit_callbacks(execute=True):
        remove_calendar_override(li_ming, day=D("2026-10-12"))
    clock.refresh_from_db()
    assert clock.due_on == D("2026-10-30")
    assert list(
        AuditEntry.objects.filter(action__startswith="workdays.calendar")
        .order_by("seq")
        .values_list("action", flat=True)
    ) == ["workdays.calendar.set_override", "workdays.calendar.remove_override"]
