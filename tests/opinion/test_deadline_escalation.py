"""Hour deadlines by grade run on the wall clock; a missed one is escalated to the supervising office
once (gongkai opinion_escalate), audited, and shows on the 待办 of the analyst, the agency and the office."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from gongkai.audit.models import AuditEntry
from gongkai.common import registry
from gongkai.opinion import actions_handling as actions
from gongkai.opinion.models import Escalation
from gongkai.opinion.queries_handling import todo_items
from tests.opinion.handling_helpers import make_event

pytestmark = pytest.mark.django_db
SAT_NIGHT = datetime(2026, 3, 7, 22, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # hours count over the weekend


def _escalate() -> str:
    out = StringIO()
    call_command("opinion_escalate", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("grade", "hours"), [("1", 5), ("2", 5), ("3", 48), ("4", 48)])
def test_deadline_and_escalation_by_grade(county, zhou_min, zhao_qiang, liu_yang, grade, hours):
    with time_machine.travel(SAT_NIGHT, tick=False) as clock:
        event = make_event(county.office, hours_ago=0, proposed_grade=grade)
        event = actions.confirm_grade(zhou_min, event, grade=grade)
        event = actions.assign_event(zhou_min, event, agency=county.housing)
        assert event.deadline_at == SAT_NIGHT + timedelta(hours=hours)
        clock.move_to(SAT_NIGHT + timedelta(hours=hours, minutes=-1))
        assert "已上报0个" in _escalate()
        assert [i.title for i in todo_items(liu_yang)] == [f"舆情事件待回应：{event.title}"]
        clock.move_to(SAT_NIGHT + timedelta(hours=hours, minutes=1))
        assert "已上报1个" in _escalate()
        assert "已上报0个" in _escalate()  # once per deadline
    esc = Escalation.objects.get(event=event)
    assert esc.to_agency == county.office and esc.deadline_at == event.deadline_at
    assert AuditEntry.objects.filter(action="opinion.event.escalate").count() == 1
    items = todo_items(zhao_qiang)
    assert [(i.title, i.urgency.value) for i in items] == [(f"舆情事件超时未回应：{event.title}", "overdue")]


def test_an_unassigned_event_escalates_on_its_proposed_grade(county, zhou_min):
    with time_machine.travel(SAT_NIGHT, tick=False) as clock:
        event = make_event(
            county.office, "县城关中学学生食堂食物中毒", hours_ago=0, heat=99, negative_share=0.9
        )
        actions.propose_grade(event)
        event.refresh_from_db()
        assert event.deadline_at is not None and not event.grade
        assert todo_items(zhou_min)[0].title == f"舆情事件：{event.title}"
        clock.move_to(event.deadline_at + timedelta(minutes=1))
        assert "已上报1个" in _escalate()
    assert Escalation.objects.get(event=event).to_agency == county.office


def test_dry_run_records_nothing(county, zhou_min):
    event = actions.confirm_grade(
        zhou_min, make_event(county.office, hours_ago=50, proposed_grade="4"), grade="4"
    )
    out = StringIO()
    call_command("opinion_escalate", "--dry-run", stdout=out)
    assert f"将上报：{event.title}" in out.getvalue() and not Escalation.objects.exists()


def test_job_and_todo_are_registered():
    assert "opinion_escalate" in [job.command for job in registry.jobs() if job.group == "frequent"]
    assert todo_items in registry.todo_providers()


def test_the_clock_of_a_back_filled_event_starts_when_gongkai_found_it(county, zhou_min):
    """Posts collected long after they appeared (a source connected with its history): the hours before
    the event could be seen do not count against the agency; the response time still counts them."""
    with time_machine.travel(SAT_NIGHT, tick=False):
        event = make_event(county.office, hours_ago=100, proposed_grade="4")
        event.created_at = SAT_NIGHT  # found now, first appeared 100 hours ago
        event.save(update_fields=["created_at"])
        event = actions.confirm_grade(zhou_min, event, grade="4")
        assert event.clock_start == SAT_NIGHT
        assert event.deadline_at == SAT_NIGHT + timedelta(hours=48)
        assert "已上报0个" in _escalate()
