"""The nightly merge pass: events whose keywords converged are merged (posts, hours and sources
moved, the merged event 已合并 with merged_into, audited); handled events are never merged away."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from gongkai.audit.models import AuditEntry
from gongkai.common import registry
from gongkai.opinion.actions_events import cluster_posts, merge_events, run_merge_pass
from gongkai.opinion.models import Event, EventHour, EventSource, EventState, Post
from tests.opinion.events_helpers import T0, posts, source
from tests.opinion.events_texts import CANTEEN, ROADWORK

pytestmark = pytest.mark.django_db


@pytest.fixture
def split(county, settings):
    """The canteen posts in three events (a strict threshold at collection time) and the road works in one."""
    settings.GONGKAI_OPINION_CLUSTER_SIMILARITY = 0.99
    src = source(county.finance)
    other = source(county.finance, "示范日报", weight=2.0, category="local")
    canteen = [*posts(src, CANTEEN[:2]), *posts(other, CANTEEN[2:], start=T0 + timedelta(hours=5))]
    road = posts(src, ROADWORK[:1], start=T0 + timedelta(hours=1))
    cluster_posts([*canteen, *road])
    settings.GONGKAI_OPINION_CLUSTER_SIMILARITY = 0.3
    return canteen, road


def test_the_merge_job_is_registered_as_a_daily_job():
    assert any(j.command == "opinion_merge_events" and j.group == "daily" for j in registry.jobs())


def test_converged_events_are_merged_into_the_largest_and_oldest(split):
    canteen, road = split
    assert Event.objects.count() == 4
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        result = run_merge_pass()
    assert result == {"checked": 4, "groups": 1, "merged": 2}
    into = Event.objects.get(pk=Post.objects.get(pk=canteen[0].pk).event_id)
    assert set(Post.objects.filter(pk__in=[p.pk for p in canteen]).values_list("event_id", flat=True)) == {
        into.pk
    }
    assert into.post_count == 3 and into.first_post_id == canteen[0].pk
    assert into.first_seen_at == canteen[0].published_at and into.last_seen_at == canteen[2].published_at
    assert sum(EventHour.objects.filter(event=into).values_list("posts", flat=True)) == 3
    assert dict(EventSource.objects.filter(event=into).values_list("source__name", "posts")) == {
        "示范论坛": 2,
        "示范日报": 1,
    }
    gone = Event.objects.filter(state=EventState.MERGED)
    assert {e.merged_into_id for e in gone} == {into.pk} and gone.count() == 2
    assert not EventHour.objects.filter(event__in=gone).exists()
    entries = AuditEntry.objects.filter(action="opinion.event.merge")
    assert sorted(int(e.object_id) for e in entries) == sorted(e.pk for e in gone)
    assert all(e.after["merged_into"] == into.pk and e.note == "关键词趋同，夜间合并" for e in entries)
    # The road works stay apart; a second run finds nothing.
    assert Event.objects.get(pk=Post.objects.get(pk=road[0].pk).event_id).state == EventState.NEW
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        assert run_merge_pass()["merged"] == 0


def test_a_handled_event_takes_the_others_and_is_never_merged_away(split):
    canteen, _road = split
    handled = Event.objects.get(pk=Post.objects.get(pk=canteen[2].pk).event_id)
    Event.objects.filter(pk=handled.pk).update(state=EventState.ASSIGNED)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        run_merge_pass()
    assert Event.objects.get(pk=handled.pk).state == EventState.ASSIGNED
    assert Event.objects.get(pk=handled.pk).post_count == 3
    assert merge_events(Event.objects.exclude(pk=handled.pk).first(), [handled]).pk != handled.pk
    assert Event.objects.get(pk=handled.pk).state == EventState.ASSIGNED


def test_events_last_seen_before_the_merge_window_are_left_alone(split, settings):
    settings.GONGKAI_OPINION_MERGE_DAYS = 2
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        assert run_merge_pass() == {"checked": 0, "groups": 0, "merged": 0}


def test_the_command_dry_run_changes_nothing(split, capsys):
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        call_command("opinion_merge_events", "--dry-run")
    assert "将合并2个（1组），未修改" in capsys.readouterr().out
    assert not Event.objects.filter(state=EventState.MERGED).exists()


def test_a_near_duplicate_of_a_merged_events_post_joins_the_surviving_event(split):
    canteen, _road = split
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        run_merge_pass()
    src = source(canteen[0].source.owner)
    copy = posts(src, [("转发", "")], start=T0 + timedelta(hours=8), duplicate_of=canteen[2])
    cluster_posts(copy)
    assert Post.objects.get(pk=copy[0].pk).event_id == Post.objects.get(pk=canteen[0].pk).event_id
