"""The responsible agency links what answered the event — here a published document — and the event
shows the time from first appearance to that response, which feeds the registered metrics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.opinion import actions_handling as actions
from gongkai.opinion import responses
from gongkai.opinion.models import Escalation, EventState, Response
from gongkai.opinion.queries_handling import response_hours
from tests.opinion.handling_helpers import make_event
from tests.publishing.builders import published

pytestmark = pytest.mark.django_db


def _assigned(county, analyst, *, hours_ago: float, grade: str = "2"):
    event = make_event(
        county.office, "县财政局惠民补贴发放延迟引关注", hours_ago=hours_ago, proposed_grade=grade
    )
    event = actions.confirm_grade(analyst, event, grade=grade)
    return actions.assign_event(analyst, event, agency=county.finance)


def test_a_published_document_answers_the_event(county, zhou_min, team, zhao_qiang):
    event = _assigned(county, zhou_min, hours_ago=3)
    doc = published(team, title="关于惠民补贴发放进度的说明")
    [candidate] = [c for c in responses.candidates(event) if c.kind == "publishing.document"]
    assert (candidate.object_id, candidate.title) == (doc.pk, "关于惠民补贴发放进度的说明")
    response = actions.record_response(team.clerk, event, key=candidate.key, note="已在门户网站发布")
    event.refresh_from_db()
    assert event.state == EventState.RESPONDED and event.responded_at == doc.published_at
    assert response.url == doc.get_absolute_url()
    assert 2.9 <= response_hours(event) <= 3.1
    with pytest.raises(ActionRefused, match="已登记为本事件的回应"):
        actions.record_response(team.clerk, event, key=candidate.key)
    actions.close_event(zhou_min, event)
    event.refresh_from_db()
    assert event.state == EventState.CLOSED

    today = timezone.localdate()
    metrics = registry.metrics()
    args = (today - timedelta(days=1), today, [county.finance.pk])
    assert metrics["opinion.events.total"].fn(*args) == {county.finance.pk: 1}
    assert metrics["opinion.events.responded_on_time"].fn(*args) == {county.finance.pk: 1}
    assert metrics["opinion.events.overdue"].fn(*args) == {county.finance.pk: 0}
    assert 2.9 <= metrics["opinion.response_hours.median"].fn(*args)[county.finance.pk] <= 3.1


def test_a_late_response_counts_as_overdue_and_closes_the_escalation(county, zhou_min, team):
    event = _assigned(county, zhou_min, hours_ago=6)  # 重大: 5 hours, already missed
    actions.escalate_event(event)
    doc = published(team, title="关于惠民补贴的情况通报")
    actions.record_response(team.clerk, event, key=f"publishing.document:{doc.pk}")
    assert Escalation.objects.get(event=event).closed_at is not None
    today = timezone.localdate()
    args = (today - timedelta(days=1), today, None)
    assert registry.metrics()["opinion.events.overdue"].fn(*args)[county.finance.pk] == 1
    assert registry.metrics()["opinion.events.responded_on_time"].fn(*args)[county.finance.pk] == 0


def test_what_was_published_before_the_event_cannot_answer_it(county, zhou_min, team):
    doc = published(team, title="早先发布的文件")
    event = _assigned(county, zhou_min, hours_ago=0)
    event.first_seen_at = doc.published_at + timedelta(seconds=1)
    event.save()
    assert responses.candidates(event) == []
    with pytest.raises(ActionRefused, match="请选择责任单位或其上级政府在事件首次出现后发布的"):
        actions.record_response(team.clerk, event, key=f"publishing.document:{doc.pk}")
    assert not Response.objects.exists()


def test_only_the_responsible_agency_responds(county, zhou_min, team, liu_yang):
    event = _assigned(county, zhou_min, hours_ago=1)
    doc = published(team, title="说明")
    with pytest.raises(ActionRefused, match="只有责任单位县财政局可以登记权威回应"):
        actions.record_response(liu_yang, event, key=f"publishing.document:{doc.pk}")
