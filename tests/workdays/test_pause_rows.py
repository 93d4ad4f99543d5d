"""Pauses are rows beside the clock (`workdays.Pause`): one helper pauses and resumes every domain's
clock, the count reads the rows, a restart drops earlier pauses, and old event-only clocks migrate.

Case: 县财政局 receives an application on Mon 2026-11-02 (20 working days → 2026-11-30).
"""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from gongkai.applications import actions
from gongkai.applications.models import PauseKind, State
from gongkai.common.errors import ActionRefused
from gongkai.workdays.actions import pause_clock, restart_clock, resume_clock, start_clock, stop_clock
from gongkai.workdays.models import Clock, ClockEvent, Pause
from tests.applications.helpers import extend, register

D = date.fromisoformat


@pytest.fixture
def clock(county, li_ming) -> Clock:
    return start_clock(
        li_ming, agency=county.finance, label="答复期限", limit_days=20, started_on=D("2026-11-02")
    )


def test_pause_opens_a_row_and_resume_closes_it(clock, li_ming):
    pause = pause_clock(
        li_ming, clock, on=D("2026-11-06"), kind="third_party", due_on=D("2026-11-27"),
        detail="示范县恒达建材有限公司", resume_state="in_progress",
    )  # fmt: skip
    assert (pause.kind, pause.started_on, pause.ended_on, pause.resume_state) == (
        "third_party", D("2026-11-06"), None, "in_progress",
    )  # fmt: skip
    clock.refresh_from_db()
    assert clock.open_pause() == pause and clock.due_on is None
    ended = resume_clock(li_ming, clock, on=D("2026-11-10"))
    assert ended.pk == pause.pk and ended.ended_on == D("2026-11-10")
    clock.refresh_from_db()
    # 11-09 and 11-10 are not counted: two working days later than 11-30.
    assert clock.pauses() == [(D("2026-11-06"), D("2026-11-10"))] and clock.due_on == D("2026-12-02")


def test_one_open_pause_at_a_time(clock, li_ming):
    pause_clock(li_ming, clock, on=D("2026-11-06"), kind="fee")
    with pytest.raises(ActionRefused, match="该计时已暂停，不能重复暂停"):
        pause_clock(li_ming, clock, on=D("2026-11-09"), kind="third_party")
    assert Pause.objects.filter(clock=clock).count() == 1


def test_resume_cannot_predate_the_pause(clock, li_ming):
    pause_clock(li_ming, clock, on=D("2026-11-06"), kind="fee")
    with pytest.raises(ActionRefused, match="恢复计时日期（2026年11月5日）早于上一次“暂停”"):
        resume_clock(li_ming, clock, on=D("2026-11-05"))
    assert Pause.objects.get(clock=clock).ended_on is None


def test_restart_ends_the_open_pause_and_drops_earlier_ones(clock, li_ming):
    pause_clock(li_ming, clock, on=D("2026-11-03"), kind="correction")
    restart_clock(li_ming, clock, on=D("2026-11-16"))
    clock.refresh_from_db()
    assert Pause.objects.get(clock=clock).ended_on == D("2026-11-16")
    assert clock.pauses() == [] and clock.due_on == D("2026-12-14")  # 20 working days from 11-16


def test_stop_ends_an_open_pause(clock, li_ming):
    pause_clock(li_ming, clock, on=D("2026-11-06"), kind="fee")
    stop_clock(li_ming, clock, on=D("2026-12-04"))
    assert Pause.objects.get(clock=clock).ended_on == D("2026-12-04")


@pytest.mark.parametrize(
    ("before", "start", "kind"),
    [
        ("accepted", lambda a, p: actions.start_inquiry(p.clerk, a, kind=PauseKind.THIRD_PARTY, party="恒达公司",
                                                        on=D("2026-11-06")), "third_party"),
        ("extended", lambda a, p: actions.notify_fee(p.clerk, a, method="volume", pages=120, on=D("2026-11-06")),
         "fee"),
        ("accepted", lambda a, p: actions.ask_reasons(p.clerk, a, on=D("2026-11-06")), "reasons"),
        ("accepted", lambda a, p: actions.request_correction(p.clerk, a, items=["请写明年份"], on=D("2026-11-04")),
         "correction"),
    ],
)  # fmt: skip
def test_every_application_pause_is_a_row_that_remembers_the_state(
    county, li_ming, zhang_wei, before, start, kind
):
    class People:
        clerk, signer = li_ming, zhang_wei

    app = register(li_ming, county.finance, on=D("2026-11-02"))
    if before == "extended":
        extend(li_ming, zhang_wei, app, days=20, reason="档案多", on=D("2026-11-05"))
    start(app, People)
    app.refresh_from_db()
    pause = app.clock.open_pause()
    assert pause.kind == kind and pause.resume_state == before and pause.started_on <= D("2026-11-06")
    assert app.state in (State.PAUSED, State.FEE_PENDING, State.REASONS_PENDING, State.CORRECTION)


def test_the_case_returns_to_the_state_the_pause_remembered(county, li_ming, zhang_wei):
    app = register(li_ming, county.finance, on=D("2026-11-02"))
    extend(li_ming, zhang_wei, app, days=10, reason="档案多", on=D("2026-11-05"))
    actions.start_inquiry(li_ming, app, kind=PauseKind.AGENCY, party="县住建局", on=D("2026-11-06"))
    app.refresh_from_db()
    assert app.clock.open_pause().due_on == D("2026-11-27")  # 15 working days (条例第三十四条)
    actions.end_inquiry(li_ming, app, on=D("2026-11-10"), note="县住建局同意")
    app.refresh_from_db()
    assert app.state == State.EXTENDED and app.clock.open_pause() is None


def test_migration_rebuilds_rows_from_events(clock, li_ming):
    """Clocks made before pauses were rows: their PAUSE/RESUME/RESTART events become rows."""
    for kind, on in [("pause", "2026-11-03"), ("restart", "2026-11-09"), ("pause", "2026-11-12"),
                     ("resume", "2026-11-16"), ("pause", "2026-11-20")]:  # fmt: skip
        ClockEvent.objects.create(clock=clock, kind=kind, on=D(on))
    migration = import_module("gongkai.workdays.migrations.0002_pause_rows")
    migration.pauses_from_events(apps, None)
    rows = list(Pause.objects.filter(clock=clock).values_list("started_on", "ended_on"))
    assert rows == [
        (D("2026-11-03"), D("2026-11-09")),
        (D("2026-11-12"), D("2026-11-16")),
        (D("2026-11-20"), None),
    ]
