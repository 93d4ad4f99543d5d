"""The event list (filters, heat order, query count) and the event page (curve, sources, first
post, sentiment, posts) for analysts and supervisors; clerks are refused and outsiders see nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.common import registry
from gongkai.opinion.actions_events import cluster_posts
from gongkai.opinion.models import Event, EventState, Grade
from tests.opinion.events_helpers import T0, analyst, post, posts, source
from tests.opinion.events_texts import CANTEEN, PENSION, ROADWORK

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(county):
    src = source(county.finance)
    paper = source(county.finance, "示范日报", weight=3.0, category="local")
    canteen = [
        *posts(src, CANTEEN * 2, step=timedelta(minutes=5)),
        post(paper, *CANTEEN[0], external_id="p1"),
    ]
    road = posts(src, ROADWORK, start=T0 + timedelta(days=1))
    pension = posts(src, PENSION, start=T0 + timedelta(days=2))
    neighbour = posts(
        source(county.neighbour, "邻县论坛"), [("邻县水库垂钓者溺水", "邻县水库有垂钓者溺水。")]
    )
    cluster_posts([*canteen, *road, *pension, *neighbour])
    return {
        name: Event.objects.get(posts=rows[0])
        for name, rows in (
            ("canteen", canteen),
            ("road", road),
            ("pension", pension),
            ("neighbour", neighbour),
        )
    }


def shown(page: str, events) -> set[str]:
    return {name for name, event in events.items() if event.title in page}


def test_an_analyst_sees_the_events_of_the_agency_by_heat(client, county, events):
    client.force_login(analyst(county))
    page = client.get(reverse("opinion_staff:events")).content.decode()
    assert shown(page, events) == {"canteen", "road", "pension"}
    assert page.index(events["canteen"].title) < page.index(events["road"].title)  # the hottest first
    assert "突发" in page  # 7 posts in the canteen's first hour


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("burst=yes", {"canteen"}),
        ("burst=no", {"road", "pension"}),
        ("state=merged", set()),
        ("grade=2", {"road"}),
        ("state=bogus&grade=%00", {"canteen", "road", "pension"}),
    ],
)
def test_the_list_filters(client, county, events, query, expected):
    Event.objects.filter(pk=events["road"].pk).update(grade=Grade.MAJOR)
    client.force_login(analyst(county))
    page = client.get(reverse("opinion_staff:events") + "?" + query).content.decode()
    assert shown(page, events) == expected


def test_the_time_filter_counts_from_the_last_post(client, county, events):
    Event.objects.filter(pk=events["pension"].pk).update(last_seen_at=T0 + timedelta(days=30))
    with time_machine.travel(T0 + timedelta(days=30, hours=1), tick=False):
        client.force_login(analyst(county))
        page = client.get(reverse("opinion_staff:events") + "?since=24h").content.decode()
    assert shown(page, events) == {"pension"}


def test_the_list_query_count_does_not_grow_with_the_events(client, county, events):
    client.force_login(analyst(county))
    url = reverse("opinion_staff:events")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    src = source(county.finance)
    more = [
        post(src, f"第{i}件不相干的事情{word}", f"{word}{word}", at=T0 + timedelta(days=3, hours=i))
        for i, word in enumerate(["水管爆裂", "路灯不亮", "垃圾清运", "公交改线"])
    ]
    cluster_posts(more)
    assert Event.objects.count() >= 8
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_event_page_shows_curve_sources_first_post_sentiment_and_posts(
    client, county, events, zhao_qiang
):
    event = events["canteen"]
    client.force_login(zhao_qiang)  # a supervisor reads
    response = client.get(reverse("opinion_staff:event", args=[event.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="chart heat-curve"' in page and 'class="mark"' in page  # the burst hour marked
    assert "示范日报" in page and "示范论坛" in page and "传播来源（2个）" in page
    assert "首发" in page and "家长反映实验小学食堂午餐饭菜变质" in page
    assert "食堂" in page  # keywords
    assert "未分类：7条（100.0%）" in page
    assert page.count('rel="noopener noreferrer"') == 0  # posts without a link are not links
    assert "本事件已并入" not in page


def test_the_event_page_pages_its_posts_and_keeps_its_query_count(client, county, events):
    event = events["canteen"]
    client.force_login(analyst(county))
    url = reverse("opinion_staff:event", args=[event.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    src = source(county.finance)
    cluster_posts(posts(src, CANTEEN * 10, start=T0 + timedelta(hours=2), step=timedelta(minutes=3)))
    event.refresh_from_db()
    assert event.post_count == 37
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert len(after) == len(before)
    assert "第 1 / 2 页（共 37 条）" in page


def test_a_merged_event_points_to_the_event_it_went_into(client, county, events):
    into, gone = events["canteen"], events["road"]
    Event.objects.filter(pk=gone.pk).update(state=EventState.MERGED, merged_into=into)
    client.force_login(analyst(county))
    page = client.get(reverse("opinion_staff:event", args=[gone.pk])).content.decode()
    assert f'本事件已并入<a href="{reverse("opinion_staff:event", args=[into.pk])}">' in page


def test_a_clerk_is_refused_the_list_and_an_outsider_sees_no_event(
    client, county, li_ming, chen_jing, events
):
    event = events["canteen"]
    client.force_login(li_ming)
    assert client.get(reverse("opinion_staff:events")).status_code == 403
    client.force_login(chen_jing)
    assert client.get(reverse("opinion_staff:event", args=[event.pk])).status_code == 404
    assert event.title not in client.get(reverse("opinion_staff:events")).content.decode()


def test_the_responsible_agency_opens_the_page_of_an_event_assigned_to_it(client, county, liu_yang, events):
    event = events["canteen"]
    url = reverse("opinion_staff:event", args=[event.pk])
    client.force_login(liu_yang)  # 县住建局's responder
    assert client.get(url).status_code == 404
    Event.objects.filter(pk=event.pk).update(agency=county.housing, state=EventState.ASSIGNED)
    page = client.get(url).content.decode()
    assert event.title in page and "研判与处置" in page  # the handling part is included


def test_the_menu_entry_is_for_analysts_and_supervisors(county, li_ming, zhao_qiang):
    keys = lambda user: [e.key for e in registry.menu("workbench", user)]  # noqa: E731
    assert "opinion_events" in keys(analyst(county))
    assert "opinion_events" in keys(zhao_qiang)
    assert "opinion_events" not in keys(li_ming)
