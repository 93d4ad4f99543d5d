"""Scheduled jobs on several machines: each job runs once per slot, a dead run is taken over later."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.common import leases, registry
from gongkai.common.models import ScheduledRun

pytestmark = pytest.mark.django_db

MORNING = dt.datetime(2026, 12, 3, 7, 27, 40, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.mark.parametrize(
    "group, when, slot",
    [
        ("frequent", MORNING, "2026-12-03T07:25"),
        ("frequent", MORNING.replace(minute=30, second=0), "2026-12-03T07:30"),
        ("frequent", MORNING.replace(minute=34, second=59), "2026-12-03T07:30"),
        ("daily", MORNING, "2026-12-03"),
        ("daily", dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.UTC), "2026-12-03"),  # 01:00 in Beijing
    ],
)
def test_slot_of(group, when, slot):
    assert leases.slot_of(group, when) == slot


def test_only_the_first_machine_gets_the_lease_of_a_slot():
    first = leases.take("gongkai publish_scheduled", "2026-12-03T07:25", host="app1:101")
    second = leases.take("gongkai publish_scheduled", "2026-12-03T07:25", host="app2:202")
    next_slot = leases.take("gongkai publish_scheduled", "2026-12-03T07:30", host="app2:202")
    assert first is not None and first.host == "app1:101"
    assert second is None
    assert next_slot is not None and next_slot.host == "app2:202"
    assert leases.holder("gongkai publish_scheduled", "2026-12-03T07:25").host == "app1:101"


def test_a_run_that_died_is_taken_over_only_once_it_is_stale():
    with time_machine.travel(MORNING, tick=False):
        leases.take("gongkai send_reminders", "2026-12-03", host="app1:101")  # app1 is lost mid-run
    with time_machine.travel(MORNING + dt.timedelta(minutes=30), tick=False):
        assert leases.take("gongkai send_reminders", "2026-12-03", host="app2:202") is None
    with time_machine.travel(MORNING + dt.timedelta(hours=3), tick=False):
        run = leases.take("gongkai send_reminders", "2026-12-03", host="app2:202")
        assert run is not None and (run.host, run.attempts) == ("app2:202", 2)
        leases.finish(run, ok=True)
    with time_machine.travel(MORNING + dt.timedelta(hours=6), tick=False):  # finished: never again
        assert leases.take("gongkai send_reminders", "2026-12-03", host="app3:303") is None


def test_running_the_group_twice_in_one_slot_runs_each_job_once(county, capsys):
    with time_machine.travel(MORNING, tick=False):
        call_command("scheduled", "frequent")
        first = capsys.readouterr().out
        call_command("scheduled", "frequent")
        second = capsys.readouterr().out
    assert "==> gongkai publish_scheduled（时段 2026-12-03T07:25）" in first
    assert "已发布 0 份" in first
    assert "gongkai publish_scheduled：本时段（2026-12-03T07:25）已由" in second and "跳过" in second
    assert "已发布" not in second
    run = ScheduledRun.objects.get(job="gongkai publish_scheduled")
    assert (run.slot, run.outcome, run.attempts) == ("2026-12-03T07:25", ScheduledRun.Outcome.OK, 1)
    assert "已发布 0 份" in run.message


def test_a_failing_job_is_recorded_and_the_others_still_run(county, capsys):
    with registry.restoring():
        registry.register_job("no_such_command", group="frequent", description="不存在的命令")
        with time_machine.travel(MORNING, tick=False), pytest.raises(CommandError, match="以下定时任务失败"):
            call_command("scheduled", "frequent")
    assert ScheduledRun.objects.get(job="gongkai no_such_command").outcome == ScheduledRun.Outcome.FAILED
    assert ScheduledRun.objects.get(job="gongkai publish_scheduled").outcome == ScheduledRun.Outcome.OK


def test_a_dry_run_takes_no_lease(county, capsys):
    call_command("scheduled", "frequent", "--dry-run")
    assert "==> gongkai publish_scheduled --dry-run" in capsys.readouterr().out
    assert not ScheduledRun.objects.exists()


def test_the_daily_group_forgets_runs_older_than_ninety_days(county, capsys):
    with time_machine.travel(MORNING - dt.timedelta(days=91), tick=False):
        leases.finish(leases.take("gongkai audit verify", "2026-09-03"), ok=True)
    with time_machine.travel(MORNING - dt.timedelta(days=89), tick=False):
        leases.finish(leases.take("gongkai audit verify", "2026-09-05"), ok=True)
    with time_machine.travel(MORNING, tick=False):
        call_command("scheduled", "daily")
    slots = set(ScheduledRun.objects.filter(job="gongkai audit verify").values_list("slot", flat=True))
    assert slots == {"2026-09-05", "2026-12-03"}
    assert timezone.now() > MORNING  # time travel ended


def test_the_list_shows_each_jobs_last_run(county, capsys):
    with time_machine.travel(MORNING, tick=False):
        call_command("scheduled", "frequent")
    capsys.readouterr()
    call_command("scheduled", "--list")
    lines = capsys.readouterr().out.splitlines()
    assert any(
        "gongkai publish_scheduled" in line and "最近：2026-12-03T07:25 完成" in line for line in lines
    )
    assert any("gongkai send_reminders" in line and "尚未运行" in line for line in lines)
