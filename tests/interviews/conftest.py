"""Interviews of 县财政局 built through the real actions."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from gongkai.interviews import actions
from gongkai.interviews.models import Interview


def make_interview(
    actor, agency, *, topic: str = "2026年惠民惠农补贴政策解读", state: str = "planned"
) -> Interview:
    start = timezone.make_aware(datetime(2026, 12, 3, 15, 0))
    interview = actions.create_interview(
        actor,
        agency=agency,
        topic=topic,
        summary="县财政局负责人解读补贴发放流程，回答网友提问。",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    if state in ("collecting", "live", "finished", "published"):
        interview = actions.open_questions(actor, interview)
    if state in ("live", "finished", "published"):
        interview = actions.start_interview(actor, interview)
    if state in ("finished", "published"):
        interview = actions.finish_interview(actor, interview)
    if state == "published":
        interview = actions.publish_transcript(actor, interview)
    return interview


@pytest.fixture
def interview(county, li_ming):
    """A live interview with 王局长 of 县财政局 as its guest."""
    iv = make_interview(li_ming, county.finance, state="collecting")
    actions.add_guest(li_ming, iv, name="王建国", agency=county.finance, title="县财政局局长")
    return actions.start_interview(li_ming, iv)
