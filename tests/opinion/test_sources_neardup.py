"""Near-duplicates (stage 30): a repost with a few words changed points at the earliest original, in
the same batch, in a later batch, and after the process's index was lost (warmed from the stored
signatures); different posts stay apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from gongkai.opinion.collect import actions, neardup
from gongkai.opinion.models import Post
from tests.opinion import sources_helpers
from tests.opinion.sources_helpers import make_source, raw

analyst = sources_helpers.analyst
fresh_neardup_index = sources_helpers.fresh_neardup_index
pytestmark = pytest.mark.usefixtures("fresh_neardup_index")

STORY = "城关镇第二小学食堂饭菜有异味，多名学生出现腹痛，家长要求教育局和市场监管局尽快调查并公布结果"
REPOST = "转发：城关镇第二小学食堂饭菜有异味，多名学生出现腹痛，家长要求教育局和市场监管局尽快调查公布结果！"
OTHER = "幸福路改造工地每天晚上十一点以后还在打桩，附近小区居民睡不着，希望住建局管一管施工时间"


def _at(minutes: int):
    return timezone.now() - timedelta(hours=2) + timedelta(minutes=minutes)


def test_near_duplicates_point_at_the_earliest_original(analyst):
    forum = make_source(analyst, name="论坛")
    weibo = make_source(analyst, name="微博")
    actions.ingest_posts(None, forum, [raw(1, STORY, published_at=_at(0), title="")], how="push")
    result = actions.ingest_posts(
        None,
        weibo,
        [raw(2, REPOST, published_at=_at(5), title=""), raw(3, OTHER, published_at=_at(6), title="")],
        how="push",
    )
    original = Post.objects.get(external_id="t-1")
    assert Post.objects.get(external_id="t-2").duplicate_of == original
    assert Post.objects.get(external_id="t-3").duplicate_of is None
    assert all(p.signature for p in Post.objects.all())
    assert len(result.posts) == 2

    # A new process (the index lost) finds the original from the stored signatures.
    neardup.reset()
    actions.ingest_posts(None, weibo, [raw(4, REPOST + "顶", published_at=_at(9), title="")], how="push")
    assert Post.objects.get(external_id="t-4").duplicate_of == original


def test_in_one_batch_the_earlier_post_is_the_original(analyst):
    source = make_source(analyst)
    actions.ingest_posts(
        None, source, [raw(2, REPOST, published_at=_at(5)), raw(1, STORY, published_at=_at(0))], how="push"
    )
    assert Post.objects.get(external_id="t-2").duplicate_of == Post.objects.get(external_id="t-1")


def test_posts_older_than_the_window_are_not_candidates(analyst, settings):
    settings.GONGKAI_OPINION_NEARDUP_HOURS = 72
    source = make_source(analyst)
    actions.ingest_posts(
        None, source, [raw(1, STORY, published_at=datetime(2026, 1, 1, tzinfo=UTC))], how="push"
    )
    neardup.reset()
    actions.ingest_posts(None, source, [raw(2, REPOST, published_at=_at(0))], how="push")
    assert Post.objects.get(external_id="t-2").duplicate_of is None
