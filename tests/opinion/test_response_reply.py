"""A published message reply may answer an event: listed with its masked subject, linked to its
portal page, never with the writer's personal data."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Role
from gongkai.interaction import actions as interaction
from gongkai.opinion import actions_handling as actions
from gongkai.opinion import responses
from tests.conftest import _person
from tests.interaction.conftest import answer, write
from tests.opinion.handling_helpers import make_event

pytestmark = pytest.mark.django_db


def test_a_published_reply_answers_the_event(county, county_box, monday, wu_lei, wang_fang, zhou_min):
    office_clerk = _person("office_clerk", "钱进", county.office, Role.CLERK)
    event = make_event(county.office, "补贴未到账引发网友关注", hours_ago=0.5, proposed_grade="4")
    event = actions.assign_event(
        zhou_min, actions.confirm_grade(zhou_min, event, grade="4"), agency=county.finance
    )
    message = write(county_box, subject="张三反映补贴未到账")
    answer(message, office=office_clerk, lead=county.finance, responder=wu_lei, reviewer=wang_fang,
           body="经核实补贴已于今日发放。")  # fmt: skip
    interaction.publish_reply(wang_fang, message)
    [candidate] = responses.candidates(event, ["interaction.reply"])
    assert candidate.url == f"/messages/{message.pk}/" and "张三" not in candidate.title
    actions.record_response(wu_lei, event, key=candidate.key)
    event.refresh_from_db()
    assert event.state == "responded" and event.responded_at == candidate.published_at
