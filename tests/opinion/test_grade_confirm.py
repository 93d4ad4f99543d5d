"""The rules propose a grade on the events a batch touched; the analyst confirms or changes it with a
reason (audited), which sets the deadline; only then may the event be assigned."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.opinion import actions_handling as actions
from gongkai.opinion.models import EventState, GradeDecision, Post
from gongkai.opinion.stages import run_stages, stages
from gongkai.press.models import ConferenceRequirement
from tests.opinion.handling_helpers import make_event

pytestmark = pytest.mark.django_db


def test_grade_stage_is_registered_at_50():
    assert (50, "grade") in [(order, name) for order, name, _fn in stages()]


def test_stage_proposes_once_and_starts_the_clock(county):
    event = make_event(county.office, "县城关中学学生食堂食物中毒多名学生送医", heat=50, negative_share=0.8)
    run_stages(list(Post.objects.filter(event=event)))
    event.refresh_from_db()
    proposal = GradeDecision.objects.get(event=event)
    assert proposal.is_proposal and proposal.grade == event.proposed_grade
    assert any("食品安全" in r for r in proposal.reasons) and any("校园" in r for r in proposal.reasons)
    hours = 5 if event.proposed_grade in ("1", "2") else 48
    assert event.deadline_at == event.first_seen_at + timedelta(hours=hours)
    run_stages(list(Post.objects.filter(event=event)))  # the same facts propose nothing new
    assert GradeDecision.objects.filter(event=event).count() == 1
    assert AuditEntry.objects.filter(action="opinion.event.propose_grade").count() == 1


def test_changing_the_proposal_needs_a_reason(county, zhou_min):
    event = make_event(county.office, proposed_grade="3")
    with pytest.raises(ActionRefused, match="等级与建议等级（较大）不同，请填写定级理由"):
        actions.confirm_grade(zhou_min, event, grade="2", reason="")
    event.refresh_from_db()
    assert event.grade == "" and not GradeDecision.objects.filter(event=event).exists()
    event = actions.confirm_grade(zhou_min, event, grade="2", reason="涉及饮水安全，影响三千户")
    assert (event.grade, event.grade_reason) == ("2", "涉及饮水安全，影响三千户")
    assert event.deadline_at == event.first_seen_at + timedelta(hours=5)
    entry = AuditEntry.objects.filter(action="opinion.event.grade").latest("seq")
    assert entry.actor_id == zhou_min.pk and entry.note == "涉及饮水安全，影响三千户"


def test_confirming_the_proposal_needs_no_reason(county, zhou_min):
    event = actions.confirm_grade(zhou_min, make_event(county.office, proposed_grade="4"), grade="4")
    assert event.grade == "4" and event.deadline_at == event.first_seen_at + timedelta(hours=48)


def test_assign_needs_a_grade_first(county, zhou_min):
    event = make_event(county.office)
    with pytest.raises(ActionRefused, match="请先确认等级再交办"):
        actions.assign_event(zhou_min, event, agency=county.housing)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("liu_yang", "确认等级需要以下角色之一：舆情员、主管部门"),
        ("chen_jing", "只有县政府办公室的舆情员可以确认等级"),
    ],
)
def test_only_the_owners_analyst_grades(county, who, message, request):
    county.office.short_name = "县政府办公室"
    county.office.save()
    person = request.getfixturevalue(who)
    with pytest.raises(ActionRefused, match=message):
        actions.confirm_grade(person, make_event(county.office), grade="4")


def test_assigning_a_major_event_requires_a_press_conference_once(county, zhou_min):
    event = actions.confirm_grade(zhou_min, make_event(county.office, proposed_grade="2"), grade="2")
    event = actions.assign_event(zhou_min, event, agency=county.housing, note="请24小时内召开发布会")
    assert (event.state, event.agency) == (EventState.ASSIGNED, county.housing)
    actions.assign_event(zhou_min, event, agency=county.housing)  # re-assigned: still one requirement
    item = ConferenceRequirement.objects.get(agency=county.housing)
    assert item.due_at == event.first_seen_at + timedelta(hours=24)


def test_assign_refuses_an_agency_of_another_government(county, zhou_min):
    event = actions.confirm_grade(zhou_min, make_event(county.office, proposed_grade="4"), grade="4")
    with pytest.raises(ActionRefused, match="请选择本级政府及其下属的责任单位"):
        actions.assign_event(zhou_min, event, agency=county.neighbour)
