"""The interview's states as a table: which step is allowed from which state, who may take it, and
when staff may type; the portal shows an interview only once it is announced."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.common.errors import ActionRefused
from gongkai.interviews import actions

from .conftest import make_interview

pytestmark = pytest.mark.django_db

STEPS = {
    "open_questions": actions.open_questions,
    "start": actions.start_interview,
    "finish": actions.finish_interview,
    "publish": actions.publish_transcript,
}
ALLOWED = {
    "planned": {"open_questions": "collecting", "start": "live"},
    "collecting": {"start": "live"},
    "live": {"finish": "finished"},
    "finished": {"publish": "published"},
    "published": {},
}


@pytest.mark.parametrize("state", list(ALLOWED))
@pytest.mark.parametrize("step", list(STEPS))
def test_state_table(county, li_ming, state, step):
    interview = make_interview(li_ming, county.finance, state=state)
    target = ALLOWED[state].get(step)
    if target:
        assert STEPS[step](li_ming, interview).state == target
    else:
        with pytest.raises(ActionRefused, match=f"访谈当前状态为“{interview.get_state_display()}”"):
            STEPS[step](li_ming, interview)


@pytest.mark.parametrize(
    ("state", "typing"),
    [("planned", False), ("collecting", False), ("live", True), ("finished", True), ("published", False)],
)
def test_staff_type_while_live_and_while_tidying_the_transcript(county, li_ming, state, typing):
    interview = make_interview(li_ming, county.finance, state=state)
    if typing:
        assert actions.post_entry(li_ming, interview, body="文字").pk
    else:
        with pytest.raises(ActionRefused, match="只有直播中或已结束（整理实录）时可以发布文字"):
            actions.post_entry(li_ming, interview, body="文字")


def test_a_reviewer_may_publish_but_not_start(county, li_ming, wang_fang):
    interview = make_interview(li_ming, county.finance, state="collecting")
    with pytest.raises(ActionRefused, match="开始直播需要以下角色之一"):
        actions.start_interview(wang_fang, interview)
    interview = make_interview(li_ming, county.finance, state="finished")
    assert actions.publish_transcript(wang_fang, interview).state == "published"


@pytest.mark.parametrize(
    ("state", "listed"),
    [("planned", False), ("collecting", True), ("live", True), ("finished", True), ("published", True)],
)
def test_the_portal_lists_announced_interviews(client, county, li_ming, state, listed):
    interview = make_interview(li_ming, county.finance, topic=f"状态{state}的访谈", state=state)
    assert (interview.topic in client.get(reverse("interviews:index")).content.decode()) is listed


def test_the_portal_list_query_count_does_not_grow(client, county, li_ming, django_assert_max_num_queries):
    for n in range(8):
        make_interview(
            li_ming, county.finance, topic=f"访谈{n}", state="collecting" if n % 2 else "published"
        )
    client.get(reverse("interviews:index"))
    with django_assert_max_num_queries(3):
        page = client.get(reverse("interviews:index"))
    assert page.content.decode().count("访谈7") == 1


def test_bad_times_and_empty_topics_are_refused(county, li_ming):
    from datetime import datetime

    from django.utils import timezone

    start = timezone.make_aware(datetime(2026, 12, 3, 15, 0))
    with pytest.raises(ActionRefused, match="结束时间应晚于开始时间"):
        actions.create_interview(li_ming, agency=county.finance, topic="访谈", starts_at=start, ends_at=start)
    with pytest.raises(ActionRefused, match="请填写访谈主题"):
        actions.create_interview(
            li_ming, agency=county.finance, topic="  ", starts_at=start, ends_at=start.replace(hour=16)
        )
