"""A press conference whose transcript is published is released like a document; before that it cannot be."""

from __future__ import annotations

import pytest
import time_machine
from django.test import TestCase

from gongkai.common.errors import ActionRefused
from gongkai.newmedia import actions
from gongkai.newmedia.models import ChannelKind, OutboxState
from gongkai.press import actions as press_actions
from tests.newmedia.conftest import make_account
from tests.press.conftest import at


@pytest.fixture
def held_conference(li_ming):
    item = press_actions.create_conference(
        li_ming,
        topic="2026年财政预算执行情况新闻发布会",
        starts_at=at(2026, 11, 20),
        place="县政府新闻发布厅",
        kind="regular",
        speakers=[("周婷", "县财政局新闻发言人", False)],
    )
    with time_machine.travel(at(2026, 11, 20, 20), tick=False):
        press_actions.record_conference(li_ming, item)
    item.refresh_from_db()
    return item


def test_an_unpublished_conference_cannot_be_released(held_conference, li_ming):
    with pytest.raises(ActionRefused, match="只有已在门户网站公开发布的内容才能多渠道发布"):
        actions.release_to_channels(li_ming, held_conference, ["feed"])


def test_a_published_conference_goes_to_the_feed_and_an_account(held_conference, li_ming, wang_fang):
    press_actions.update_transcript(li_ming, held_conference, transcript="主持人：各位记者朋友，上午好。")
    press_actions.publish_conference(li_ming, held_conference)
    wechat = make_account(li_ming, wang_fang)
    with TestCase.captureOnCommitCallbacks(execute=True):
        release, added = actions.release_to_channels(
            li_ming, held_conference, ["feed", f"account:{wechat.pk}"]
        )
    assert [(i.kind, i.state) for i in added] == [
        (ChannelKind.FEED, OutboxState.SENT),
        (ChannelKind.PACKAGE, OutboxState.AWAITING),
    ]
    assert release.title == "2026年财政预算执行情况新闻发布会"
    assert release.url.endswith(held_conference.get_absolute_url())
