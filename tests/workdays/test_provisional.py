"""A deadline running into 2027 is provisional until 2027's schedule is loaded, then recomputed.

Received Tue 2026-12-15, 20 working days. Provisionally (weekends and the fixed-date holidays of
the 放假办法): 12-16..12-18 = 3, 12-21..12-25 = 8, 12-28..12-31 = 12, Fri 2027-01-01 元旦 not
counted, 01-04..01-08 = 17, 01-11..01-13 = 20. The example 2027 schedule (01-01..01-03 元旦) agrees,
so loading it only makes the date firm.

Received Fri 2027-01-29, 5 working days. Provisionally: 02-01..02-05 = 5. With the example schedule
(Sun 01-31 调休上班 for 春节): 01-31 = 1, 02-01..02-04 = 5.
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
    assert (december_clock.due_on, december_clock.provisional) == (D("2027-01-13"), True)
    assert december_clock.status(D("2026-12-20")).provisional
    january_clock = start_clock(
        li_ming, agency=december_clock.agency, label="春节前", limit_days=5, started_on=D("2027-01-29")
    )
    assert (january_clock.due_on, january_clock.provisional) == (D("2027-02-05"), True)

    with django_capture_on_commit_callbacks(execute=True):
        load_calendar_year(li_ming, EXAMPLE)

    december_clock.refresh_from_db()
    january_clock.refresh_from_db()
    assert (december_clock.due_on, december_clock.provisional) == (D("2027-01-13"), False)
    assert (january_clock.due_on, january_clock.provisional) == (D("2027-02-04"), False)
    assert current_calendar().knows(2027)
    assert CalendarYear.objects.get(year=2027).loaded_by == li_ming
    entries = {e.object_id: e for e in AuditEntry.objects.filter(action="workdays.clock.recompute")}
    assert entries[str(december_clock.pk)].before == {"due_on": "2027-01-13", "provisional": True}
    assert entries[str(december_clock.pk)].after == {"due_on": "2027-01-13", "provisional": False}
    assert entries[str(january_clock.pk)].before == {"due_on": "2027-02-05", "provisional": True}
    assert entries[str(january_clock.pk)].after == {"due_on": "2027-02-04", "provisional": False}


def test_stopped_provisional_clocks_are_recomputed_too(
    december_clock, li_ming, django_capture_on_commit_callbacks
):
    stop_clock(li_ming, december_clock, on=D("2027-01-12"))
    with django_capture_on_commit_callbacks(execute=True):
        load_calendar_year(li_ming, EXAMPLE)
    december_clock.refresh_from_db()
    assert (december_clock.due_on, december_clock.provisional) == (D("2027-01-13"), False)


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
