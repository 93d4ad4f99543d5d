"""The events part of the demo places every collected post in an event, once."""

from datetime import timedelta
from io import StringIO

import pytest

from gongkai.demo import opinion_events
from gongkai.opinion.models import Event, Post
from tests.opinion.events_helpers import T0, posts, source
from tests.opinion.events_texts import CANTEEN, ROADWORK

pytestmark = pytest.mark.django_db


def test_the_demo_clusters_the_posts_left_outside_events_and_adds_nothing_the_second_time(county):
    src = source(county.finance)
    posts(src, CANTEEN * 3, step=timedelta(minutes=5))
    posts(src, ROADWORK, start=T0 + timedelta(days=1))
    out = StringIO()
    opinion_events.build({}, out)
    assert not Post.objects.filter(event__isnull=True).exists()
    assert Event.objects.count() == 2
    assert Event.objects.filter(is_burst=True).count() == 1
    assert "新聚类11条信息" in out.getvalue()
    opinion_events.build({}, out)
    assert Event.objects.count() == 2 and "新聚类0条信息" in out.getvalue()
