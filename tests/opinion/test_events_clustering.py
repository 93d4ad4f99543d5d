"""Online clustering of posts into events (stage 40): similar posts join, different ones do not,
the 72-hour window, near-duplicates follow their original, owners stay apart, counts and burst."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.audit.models import AuditEntry
from gongkai.opinion.actions_events import cluster_posts
from gongkai.opinion.models import Event, EventHour, EventSource, Post
from gongkai.opinion.stages import stages
from tests.opinion.events_helpers import T0, post, posts, source
from tests.opinion.events_texts import CANTEEN, PENSION, ROADWORK

pytestmark = pytest.mark.django_db


def event_of(p: Post) -> int | None:
    return Post.objects.get(pk=p.pk).event_id


def test_clustering_is_the_registered_stage_40():
    assert (40, "cluster", cluster_posts) in stages()


def test_similar_posts_join_one_event_and_different_ones_do_not(county):
    src = source(county.finance)
    canteen, road, pension = posts(src, CANTEEN), posts(src, ROADWORK), posts(src, PENSION)
    touched = cluster_posts([*canteen, *road, *pension])
    assert len(touched) == 3 == Event.objects.count()
    assert len({event_of(p) for p in canteen}) == 1
    assert len({event_of(p) for p in road}) == 1
    assert len({event_of(p) for p in (canteen[0], road[0], pension[0])}) == 3
    event = Event.objects.get(pk=event_of(canteen[0]))
    assert event.owner == county.finance
    assert event.post_count == 3
    assert "食堂" in event.keywords and "腹泻" in event.keywords
    assert "食堂" in event.title
    assert event.first_post_id == canteen[0].pk
    assert (event.first_seen_at, event.last_seen_at) == (canteen[0].published_at, canteen[-1].published_at)


def test_a_post_joins_an_event_seen_within_72_hours_and_opens_a_new_one_after(county):
    src = source(county.finance)
    first = post(src, *CANTEEN[0])
    cluster_posts([first])
    within = post(src, *CANTEEN[1], at=T0 + timedelta(hours=71))
    cluster_posts([within])
    assert event_of(within) == event_of(first)
    # 72 hours after the event was last seen (the post above), not after it began.
    later = post(src, *CANTEEN[2], at=T0 + timedelta(hours=71 + 73))
    cluster_posts([later])
    assert event_of(later) != event_of(first)
    assert Event.objects.count() == 2


def test_the_threshold_comes_from_the_settings(county, settings):
    settings.GONGKAI_OPINION_CLUSTER_SIMILARITY = 0.99
    rows = posts(source(county.finance), CANTEEN)
    cluster_posts(rows)
    assert Event.objects.count() == 3


def test_a_near_duplicate_joins_its_originals_event_whatever_its_words(county):
    src = source(county.finance)
    original = post(src, *CANTEEN[0])
    cluster_posts([original])
    copy = post(src, "转：看看这个", "", at=T0 + timedelta(hours=1), duplicate_of=original)
    in_same_batch = [post(src, *ROADWORK[0], at=T0 + timedelta(hours=2))]
    in_same_batch.append(
        post(src, "又一个转载", "", at=T0 + timedelta(hours=3), duplicate_of=in_same_batch[0])
    )
    cluster_posts([copy, *in_same_batch])
    assert event_of(copy) == event_of(original)
    assert event_of(in_same_batch[1]) == event_of(in_same_batch[0]) != event_of(original)


def test_each_owner_agency_has_its_own_events(county):
    mine = posts(source(county.finance), CANTEEN[:2])
    theirs = posts(source(county.housing, "住建舆情监测"), CANTEEN[:2])
    cluster_posts([*mine, *theirs])
    assert Event.objects.filter(owner=county.finance).count() == 1
    assert Event.objects.filter(owner=county.housing).count() == 1
    assert event_of(mine[0]) != event_of(theirs[0])


def test_posts_already_in_an_event_stay_there(county):
    rows = posts(source(county.finance), CANTEEN)
    cluster_posts(rows)
    assert cluster_posts([Post.objects.get(pk=p.pk) for p in rows]) == []
    assert Event.objects.get().post_count == 3


def test_batches_one_by_one_give_the_same_events_as_one_batch(county):
    src = source(county.finance)
    rows = [*posts(src, CANTEEN), *posts(src, ROADWORK, start=T0 + timedelta(hours=1))]
    for p in rows:
        cluster_posts([p])
    assert sorted(Event.objects.values_list("post_count", flat=True)) == [2, 3]


def test_hours_sources_heat_and_sentiment_are_counted(county):
    forum = source(county.finance, weight=1.0)
    paper = source(county.finance, "示范日报", weight=3.0, category="local")
    a = post(forum, *CANTEEN[0], sentiment="negative")
    b = post(paper, *CANTEEN[1], at=T0 + timedelta(minutes=30), sentiment="negative", likes=0)
    c = post(forum, *CANTEEN[2], at=T0 + timedelta(hours=2), sentiment="neutral")
    cluster_posts([a, b, c])
    event = Event.objects.get()
    assert event.heat == pytest.approx(1 + 3 + 1)
    assert event.sentiments == {"negative": 2, "neutral": 1}
    assert event.negative_share == pytest.approx(2 / 3, abs=1e-3)
    assert list(EventHour.objects.filter(event=event).order_by("hour").values_list("posts", flat=True)) == [
        2,
        1,
    ]
    counts = dict(EventSource.objects.filter(event=event).values_list("source__name", "posts"))
    assert counts == {"示范论坛": 2, "示范日报": 1}
    # A later batch adds to the stored hour instead of recounting.
    d = post(forum, *CANTEEN[0], at=T0 + timedelta(hours=2, minutes=5), external_id="again")
    cluster_posts([d])
    assert list(EventHour.objects.filter(event=event).order_by("hour").values_list("posts", flat=True)) == [
        2,
        2,
    ]
    assert Event.objects.get().post_count == 4


def test_six_posts_in_the_first_hour_are_a_burst_and_two_are_not(county):
    src = source(county.finance)
    quiet = posts(src, ROADWORK)
    loud = posts(src, CANTEEN * 2, start=T0 + timedelta(hours=3), step=timedelta(minutes=5))
    cluster_posts([*quiet, *loud])
    burst = Event.objects.get(pk=event_of(loud[0]))
    assert burst.is_burst and burst.burst_at == T0 + timedelta(hours=3)
    assert not Event.objects.get(pk=event_of(quiet[0])).is_burst


def test_an_analysts_title_is_kept(county):
    src = source(county.finance)
    rows = posts(src, CANTEEN[:1])
    cluster_posts(rows)
    Event.objects.update(title="实验小学食堂事件", title_suggested=False)
    cluster_posts(posts(src, CANTEEN[1:], start=T0 + timedelta(hours=1)))
    assert Event.objects.get().title == "实验小学食堂事件"


def test_one_batch_is_audited_once(county):
    cluster_posts(posts(source(county.finance), [*CANTEEN, *ROADWORK]))
    entry = AuditEntry.objects.get(action="opinion.event.cluster")
    assert entry.after == {"posts": 5, "opened": 2, "joined": 0}


def test_the_work_per_batch_does_not_grow_with_its_posts(county):
    src = source(county.finance)
    warm = posts(src, CANTEEN[:1])
    cluster_posts(warm)

    def queries(n: int, start) -> int:
        rows = posts(src, (CANTEEN * 10)[:n], start=start, step=timedelta(minutes=1))
        with CaptureQueriesContext(connection) as ctx:
            cluster_posts(rows)
        return len(ctx.captured_queries)

    assert queries(3, T0 + timedelta(hours=1)) == queries(20, T0 + timedelta(hours=2))
