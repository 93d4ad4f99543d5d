"""The workbench pages of collection: analysts create, edit, enable and upload; supervisors read;
the health of each source is shown; the post list filters, pages and keeps its query count."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from gongkai.opinion.collect import actions
from gongkai.opinion.models import Post, Source, SourceKind
from tests.opinion import sources_helpers
from tests.opinion.sources_helpers import DATA, make_source, raw

analyst = sources_helpers.analyst


def test_an_analyst_creates_a_source_and_sees_every_error_at_once(client, analyst):
    client.force_login(analyst)
    url = reverse("opinion_staff:source_new")
    response = client.post(
        url, {"owner": analyst.agency_id, "name": "", "kind": "feed", "category": "x", "schedule_minutes": 1}
    )
    page = response.content.decode()
    assert response.status_code == 200 and Source.objects.count() == 0
    for message in ("此项必须填写", "请从列表中选择（“x”不是可选的选项）", "确保该值大于或等于5"):
        assert message in page
    response = client.post(
        url,
        {
            "owner": analyst.agency_id,
            "name": "示范县论坛",
            "kind": "feed",
            "category": "forum",
            "url": "https://bbs.example.cn/rss",
            "schedule_minutes": 15,
        },
    )
    source = Source.objects.get()
    assert response.status_code == 302 and (source.weight, source.schedule_minutes) == (0.8, 15)
    page = client.get(reverse("opinion_staff:source", args=[source.pk])).content.decode()
    assert "尚未采集" in page and "立即抓取" in page


def test_a_feed_without_url_is_refused_on_the_form(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("opinion_staff:source_new"),
        {
            "owner": analyst.agency_id,
            "name": "论坛",
            "kind": "feed",
            "category": "forum",
            "schedule_minutes": 30,
        },
    )
    assert "RSS/Atom订阅须填写以 http:// 或 https:// 开头的订阅地址" in response.content.decode()
    assert Source.objects.count() == 0


def test_the_health_shows_the_last_error_in_chinese(client, analyst, zhao_qiang):
    source = make_source(analyst, kind=SourceKind.FEED, url="http://127.0.0.1:9/feed.rss")
    actions.fetch_source(source)
    client.force_login(zhao_qiang)
    page = client.get(reverse("opinion_staff:sources")).content.decode()
    assert "连续失败1次" in page and "无法连接服务器" in page
    detail = client.get(reverse("opinion_staff:source", args=[source.pk])).content.decode()
    assert "无法连接服务器（连接被拒绝，对方服务未运行）" in detail
    assert "停用" not in detail  # supervisors read, they do not manage


def test_upload_errors_are_shown_on_the_page_and_nothing_is_imported(client, analyst):
    source = make_source(analyst)
    client.force_login(analyst)
    url = reverse("opinion_staff:source_import", args=[source.pk])
    with open(DATA / "vendor_missing_columns.csv", "rb") as f:
        response = client.post(url, {"file": f})
    assert response.status_code == 400
    assert "缺少“发布时间”列" in response.content.decode()
    with open(DATA / "vendor_gbk.csv", "rb") as f:
        response = client.post(url, {"file": f}, follow=True)
    assert "导入完成：新增3条，0条此前已有" in response.content.decode()
    assert Post.objects.count() == 3


def test_the_token_is_shown_once(client, analyst):
    source = make_source(analyst, kind=SourceKind.PUSH)
    client.force_login(analyst)
    page = client.post(reverse("opinion_staff:source_token", args=[source.pk])).content.decode()
    source.refresh_from_db()
    token = page.split('<code id="push-token">')[1].split("</code>")[0]
    assert actions.source_for_token(token) == source
    again = client.get(reverse("opinion_staff:source", args=[source.pk])).content.decode()
    assert token not in again and f"{source.push_token_prefix}…" in again


def test_toggle_and_refetch(client, analyst):
    source = make_source(analyst, kind=SourceKind.FEED)
    client.force_login(analyst)
    client.post(reverse("opinion_staff:source_toggle", args=[source.pk]))
    source.refresh_from_db()
    assert not source.enabled
    response = client.post(reverse("opinion_staff:source_refetch", args=[source.pk]), follow=True)
    assert "该来源已停用，请先启用" in response.content.decode()


@pytest.fixture
def many_posts(analyst):
    forum = make_source(analyst, name="论坛")
    weibo = make_source(analyst, name="微博")
    for source, offset in ((forum, 0), (weibo, 100)):
        actions.ingest_posts(
            None,
            source,
            [
                raw(
                    n + offset,
                    f"{'暴雨内涝' if n % 2 else '养老金发放'}第{n + offset}号帖子正文",
                    title=f"帖子{n + offset}",
                )
                for n in range(30)
            ],
            how="push",
        )
    return forum, weibo


def test_the_post_list_filters_and_pages_in_a_fixed_number_of_queries(
    client, analyst, many_posts, django_assert_max_num_queries
):
    forum, _weibo = many_posts
    client.force_login(analyst)
    url = reverse("opinion_staff:posts")
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "共 60 条" in page
    page = client.get(url, {"source": forum.pk, "q": "暴雨"}).content.decode()
    assert "帖子1<" in page and "帖子101" not in page and "帖子2<" not in page
    page = client.get(url, {"since": "2027-01-01"}).content.decode()
    assert "没有符合条件的信息。" in page


def test_the_post_list_is_scoped(client, many_posts, chen_jing, zhao_qiang):
    client.force_login(chen_jing)
    assert "帖子1<" not in client.get(reverse("opinion_staff:posts"), {"q": "暴雨"}).content.decode()
    client.force_login(zhao_qiang)
    assert "帖子1<" in client.get(reverse("opinion_staff:posts"), {"q": "暴雨"}).content.decode()


def test_others_are_refused(client, li_ming):
    client.force_login(li_ming)
    assert client.get(reverse("opinion_staff:sources")).status_code == 403


def test_published_time_is_kept(analyst):
    source = make_source(analyst)
    actions.ingest_posts(
        None, source, [raw(1, published_at=datetime(2026, 11, 30, 13, 15, tzinfo=UTC))], how="push"
    )
    assert Post.objects.get().published_at == datetime(2026, 11, 30, 13, 15, tzinfo=UTC)
