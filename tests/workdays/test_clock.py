"""Clocks: pause, resume, restart, extend, stop (条例30, 33) and their refusals.

Case: 县财政局 receives an application on Mon 2026-11-02; 20 working days. Counted by hand:
11-03..11-06 = 4, 11-09..11-13 = 9, 11-16..11-20 = 14, 11-23..11-27 = 19, Mon 11-30 = 20.
"""

from datetime import date

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.workdays.actions import (
    extend_clock,
    pause_clock,
    restart_clock,
    resume_clock,
    start_clock,
    stop_clock,
)
from gongkai.workdays.models import Clock, ClockEvent

D = date.fromisoformat


@pytest.fixture
def clock(county, li_ming) -> Clock:
    return start_clock(li_ming, agency=county.finance, label="依申请公开 2026-0001 答复期限", limit_days=20,
                       started_on=D("2026-11-02"))  # fmt: skip


def audit_actions(clock: Clock) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="workdays.clock", object_id=str(clock.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_start(clock, li_ming, county):
    assert clock.due_on == D("2026-11-30")
    assert clock.provisional is False
    assert clock.state == Clock.State.RUNNING
    assert clock.max_extension_days == 20
    assert [e.kind for e in clock.events.all()] == ["start"]
    entry = AuditEntry.objects.get(action="workdays.clock.start")
    assert entry.actor == li_ming and entry.agency == county.finance


@pytest.mark.parametrize(
    ("today", "remaining", "due_soon", "overdue"),
    [
        ("2026-11-02", 20, False, False),
        # 11-03..11-24 = 16 counted: 4 left.
        ("2026-11-24", 4, False, False),
        # 11-25 = 17 counted: 3 left — GONGKAI_DUE_SOON_WORKDAYS.
        ("2026-11-25", 3, True, False),
        ("2026-11-28", 1, True, False),  # Saturday: 19 counted
        ("2026-11-30", 0, True, False),  # due today
        ("2026-12-02", -2, False, True),  # 12-01 and 12-02 past the due date
    ],
)
def test_status_on_a_day(clock, today, remaining, due_soon, overdue):
    status = clock.status(D(today))
    assert status.due_on == D("2026-11-30")
    assert (status.remaining_workdays, status.due_soon, status.overdue) == (remaining, due_soon, overdue)


def test_due_soon_threshold_is_a_setting(clock, settings):
    settings.GONGKAI_DUE_SOON_WORKDAYS = 5
    assert clock.status(D("2026-11-23")).due_soon is True  # 11-23 = 15 counted: 5 left


def test_pause_and_resume(clock, li_ming):
    # Third party asked Tue 11-03 (counts, = 1); answer received Thu 11-05: 11-04 and 11-05 are not
    # counted; 11-06 = 2 ... the due date moves two working days, from Mon 11-30 to Wed 12-02.
    pause_clock(li_ming, clock, on=D("2026-11-03"), note="征求第三方意见")
    assert clock.state == Clock.State.PAUSED
    assert clock.due_on is None
    status = clock.status(D("2026-11-20"))
    assert status.paused and status.due_on is None
    assert status.remaining_workdays == 19  # only 11-03 had been counted
    assert not status.due_soon and not status.overdue

    resume_clock(li_ming, clock, on=D("2026-11-05"), note="第三方已答复")
    assert clock.state == Clock.State.RUNNING
    assert clock.due_on == D("2026-12-02")
    explanation = "\n".join(clock.status(D("2026-11-05")).explain())
    assert "2026-11-04（周三） 不计 — 暂停计时，不计入（工作日）" in explanation
    assert "2026-11-05（周四） 不计 — 恢复计时日，不计入（工作日）" in explanation
    assert audit_actions(clock) == ["workdays.clock.start", "workdays.clock.pause", "workdays.clock.resume"]


def test_two_pauses_add_up(clock, li_ming):
    pause_clock(li_ming, clock, on=D("2026-11-03"))
    resume_clock(li_ming, clock, on=D("2026-11-05"))  # 11-04, 11-05 not counted
    pause_clock(li_ming, clock, on=D("2026-11-10"))
    resume_clock(li_ming, clock, on=D("2026-11-11"))  # 11-11 not counted
    # Three working days out: 11-30 -> 12-01, 12-02, 12-03.
    assert clock.due_on == D("2026-12-03")


def test_restart_counts_anew_and_drops_pauses(clock, li_ming):
    pause_clock(li_ming, clock, on=D("2026-11-03"))
    # 补正 received Mon 11-09: 11-10..11-13 = 4, 11-16..11-20 = 9, 11-23..11-27 = 14,
    # 11-30..12-04 = 19, Mon 12-07 = 20.
    restart_clock(li_ming, clock, on=D("2026-11-09"), note="收到补正材料")
    assert clock.state == Clock.State.RUNNING
    assert clock.started_on == D("2026-11-09")
    assert clock.pauses() == []
    assert clock.due_on == D("2026-12-07")


def test_extend(clock, li_ming, zhang_wei):
    # 20 more: 12-01..12-04 = 24, 12-07..12-11 = 29, 12-14..12-18 = 34, 12-21..12-25 = 39, Mon 12-28 = 40.
    extend_clock(li_ming, clock, days=20, approved_by=zhang_wei, reason="需调取档案", on=D("2026-11-20"))
    assert clock.due_on == D("2026-12-28")
    assert (clock.extension_days, clock.extension_count, clock.extension_approved_by) == (20, 1, zhang_wei)
    assert clock.extension_reason == "需调取档案"
    event = clock.events.get(kind=ClockEvent.Kind.EXTEND)
    assert event.note == "延长20个工作日：需调取档案"
    entry = AuditEntry.objects.get(action="workdays.clock.extend")
    assert entry.before["due_on"] == "2026-11-30" and entry.after["due_on"] == "2026-12-28"


def test_restart_keeps_an_approved_extension(clock, li_ming, zhang_wei):
    extend_clock(li_ming, clock, days=10, approved_by=zhang_wei, reason="需调取档案", on=D("2026-11-05"))
    restart_clock(li_ming, clock, on=D("2026-11-09"))
    assert clock.total_days == 30
    # 20 from 11-09 is 12-07; 10 more: 12-08..12-11 = 24, 12-14..12-18 = 29, Mon 12-21 = 30.
    assert clock.due_on == D("2026-12-21")


def test_stop_freezes_the_status(clock, li_ming):
    stop_clock(li_ming, clock, on=D("2026-11-27"), note="已答复")
    assert clock.state == Clock.State.STOPPED and clock.stopped_on == D("2026-11-27")
    status = clock.status(D("2027-03-01"))
    assert status.today == D("2026-11-27")
    assert status.remaining_workdays == 1 and not status.overdue and not status.due_soon


def test_answered_late_is_overdue_forever(clock, li_ming):
    stop_clock(li_ming, clock, on=D("2026-12-01"))
    assert clock.status(D("2027-03-01")).overdue is True


def snapshot_of(clock: Clock):
    clock.refresh_from_db()
    return (
        [getattr(clock, f.attname) for f in Clock._meta.concrete_fields],
        clock.events.count(),
        AuditEntry.objects.count(),
    )


REFUSALS = [
    # (setup steps, refused action, message fragment)
    ([], ("resume", {"on": "2026-11-05"}), "正在计时"),
    ([("pause", {"on": "2026-11-03"})], ("pause", {"on": "2026-11-04"}), "不能重复暂停"),
    ([], ("pause", {"on": "2026-11-01"}), "早于起算日"),
    ([("pause", {"on": "2026-11-05"})], ("resume", {"on": "2026-11-04"}), "早于上一次“暂停”"),
    ([], ("pause", {"on": "2026-12-01"}), "期限已于2026年11月30日届满"),
    ([], ("restart", {"on": "2026-10-30"}), "早于起算日"),
    ([("stop", {"on": "2026-11-20"})], ("pause", {"on": "2026-11-23"}), "已于2026年11月20日停止"),
    ([("stop", {"on": "2026-11-20"})], ("resume", {"on": "2026-11-23"}), "停止"),
    ([("stop", {"on": "2026-11-20"})], ("restart", {"on": "2026-11-23"}), "停止"),
    ([("stop", {"on": "2026-11-20"})], ("stop", {"on": "2026-11-23"}), "停止"),
    ([("stop", {"on": "2026-11-20"})], ("extend", {"days": 5, "on": "2026-11-23"}), "不能延长"),
    (
        [("extend", {"days": 20, "on": "2026-11-10"})],
        ("extend", {"days": 1, "on": "2026-11-11"}),
        "只能延长一次",
    ),
    ([], ("extend", {"days": 21, "on": "2026-11-10"}), "不能超过20个工作日"),
    ([], ("extend", {"days": 0, "on": "2026-11-10"}), "必须大于0"),
    ([], ("extend", {"days": -3, "on": "2026-11-10"}), "必须大于0"),
    ([], ("extend", {"days": 5, "on": "2026-12-01"}), "届满，不能再延长"),
    ([], ("extend", {"days": 5, "on": "2026-11-10", "reason": " "}), "说明理由"),
    ([], ("extend", {"days": 5, "on": "2026-11-10", "approved_by": None}), "批准人"),
]


def _do(kind, clock, actor, approver, params):
    params = {k: D(v) if k == "on" else v for k, v in params.items()}
    if kind == "extend":
        params.setdefault("reason", "需调取档案")
        params.setdefault("approved_by", approver)
        return extend_clock(actor, clock, **params)
    fn = {"pause": pause_clock, "resume": resume_clock, "restart": restart_clock, "stop": stop_clock}[kind]
    return fn(actor, clock, **params)


@pytest.mark.parametrize(("setup", "refused", "message"), REFUSALS)
def test_refusals_change_nothing(clock, li_ming, zhang_wei, setup, refused, message):
    for kind, params in setup:
        _do(kind, clock, li_ming, zhang_wei, params)
    before = snapshot_of(clock)
    with pytest.raises(ActionRefused, match=message):
        _do(refused[0], clock, li_ming, zhang_wei, refused[1])
    assert snapshot_of(clock) == before


def test_more_extensions_when_the_deployment_allows_them(clock, li_ming, zhang_wei, settings):
    settings.GONGKAI_MAX_EXTENSIONS = 2
    extend_clock(li_ming, clock, days=10, approved_by=zhang_wei, reason="一", on=D("2026-11-10"))
    extend_clock(li_ming, clock, days=10, approved_by=zhang_wei, reason="二", on=D("2026-11-11"))
    assert clock.extension_days == 20 and clock.extension_count == 2
    with pytest.raises(ActionRefused, match="已达上限（2次）"):
        extend_clock(li_ming, clock, days=1, approved_by=zhang_wei, reason="三", on=D("2026-11-12"))


def test_start_refusals(county, li_ming):
    with pytest.raises(ActionRefused, match="正整数"):
        start_clock(li_ming, agency=county.finance, label="x", limit_days=0, started_on=D("2026-11-02"))
    with pytest.raises(ActionRefused, match="名称不能为空"):
        start_clock(li_ming, agency=county.finance, label=" ", limit_days=20, started_on=D("2026-11-02"))
    assert not Clock.objects.exists()


def test_status_of_a_list_uses_prefetched_events(clock, county, li_ming, django_assert_num_queries):
    start_clock(li_ming, agency=county.finance, label="另一件", limit_days=20, started_on=D("2026-11-03"))
    from gongkai.workdays.services import current_calendar

    current_calendar()  # built once per process, not per clock
    with django_assert_num_queries(2):
        statuses = [c.status(D("2026-11-20")) for c in Clock.objects.prefetch_related("pause_records")]
    assert len(statuses) == 2
