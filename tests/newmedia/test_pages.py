"""The staff pages keep to the user's scope (陈静 of the neighbouring county gets 404 everywhere),
the list pages hold their query counts, the supervisor's dashboard shows the accounts in breach of
赵强's county only, and the public list shows running accounts with their QR codes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse

from gongkai.common import registry
from gongkai.newmedia import actions
from gongkai.newmedia.models import AccountState, MediaAccount
from tests.newmedia.conftest import make_account
from tests.publishing.builders import Team, published

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=SH)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def accounts(frozen, county, li_ming, wang_fang, zhao_qiang, chen_jing):
    """县财政局: a fresh WeChat account and a Weibo account stale for three weeks; the neighbour's
    account, stale too, which no one of this county may see."""
    fresh = make_account(li_ming, wang_fang)
    actions.record_post(li_ming, fresh, title="本周财政动态", published_at=NOW - timedelta(days=2))
    actions.record_post(
        li_ming, fresh, title="回复：补贴进度", published_at=NOW - timedelta(days=3), kind="reply"
    )
    stale = make_account(li_ming, wang_fang, platform="weibo", name="示范县财政微博")
    actions.record_post(li_ming, stale, title="三周前的消息", published_at=NOW - timedelta(days=21))
    actions.record_post(li_ming, stale, title="回复", published_at=NOW - timedelta(days=21), kind="reply")
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    neighbour_reviewer = _person("linxian", "林娴", chen_jing.agency, Role.REVIEWER)
    other = make_account(chen_jing, neighbour_reviewer, name="邻县发布")
    actions.record_post(chen_jing, other, title="很久以前", published_at=NOW - timedelta(days=40))
    actions.run_watch()
    return fresh, stale, other


def test_the_daily_check_finds_the_stale_account(accounts):
    fresh, stale, other = (MediaAccount.objects.get(pk=a.pk) for a in accounts)
    assert fresh.breaches == []
    assert [b["rule"] for b in stale.breaches] == ["update"]
    assert stale.breaches[0]["detail"] == "最近一次更新为2026-11-12，已21天未更新"
    assert actions.run_watch() == {"checked": 3, "in_breach": 2}  # again: nothing changes


def test_dashboard_panel_for_zhao_qiang_lists_his_county_only(client, accounts, zhao_qiang):
    client.force_login(zhao_qiang)
    page = client.get(reverse("workbench:dashboard")).content.decode()
    assert "政务新媒体更新和互动" in page
    assert "示范县财政微博" in page and "已21天未更新" in page
    assert 'class="overdue"' in page
    assert reverse("newmedia_staff:account", args=[accounts[1].pk]) in page
    assert "邻县发布" not in page
    assert "示范县财政（微信公众号）" not in page  # the fresh one is no breach


def test_metrics(accounts, county):
    metrics = registry.metrics()
    today = NOW.date()
    assert metrics["newmedia.accounts.active"].fn(today, today)[county.finance.pk] == 2
    assert metrics["newmedia.accounts.in_breach"].fn(today, today, [county.finance.pk]) == {
        county.finance.pk: 1
    }


@pytest.mark.parametrize(
    "url",
    [
        lambda a, r: reverse("newmedia_staff:account", args=[a.pk]),
        lambda a, r: reverse("newmedia_staff:act", args=[a.pk, "close"]),
        lambda a, r: reverse("newmedia_staff:release", args=[r.pk]),
        lambda a, r: reverse("newmedia_staff:release_new", args=["publishing.document", r.object_id]),
    ],
)
def test_an_outsider_gets_404(client, accounts, li_ming, wang_fang, zhang_wei, sun_li, chen_jing, url):
    doc = published(Team(li_ming, wang_fang, zhang_wei, sun_li))
    release, _ = actions.release_to_channels(li_ming, doc, ["feed"])
    client.force_login(chen_jing)
    assert client.get(url(accounts[0], release)).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        lambda a, i: reverse("newmedia_staff:post_new", args=[a.pk]),
        lambda a, i: reverse("newmedia_staff:item_posted", args=[i.pk]),
        lambda a, i: reverse("newmedia_staff:item_retry", args=[i.pk]),
    ],
)
def test_an_outsider_cannot_post_either(
    client, accounts, li_ming, wang_fang, zhang_wei, sun_li, chen_jing, url
):
    doc = published(Team(li_ming, wang_fang, zhang_wei, sun_li))
    _, (item,) = actions.release_to_channels(li_ming, doc, [f"account:{accounts[0].pk}"])
    client.force_login(chen_jing)
    assert (
        client.post(url(accounts[0], item), {"remote_url": "https://x.cn/1", "title": "x"}).status_code == 404
    )


def test_account_list_shows_scope_and_holds_its_query_count(
    client, accounts, li_ming, django_assert_max_num_queries
):
    client.force_login(li_ming)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("newmedia_staff:home")).content.decode()
    assert "示范县财政微博" in page and "邻县发布" not in page
    for platform in ("toutiao", "kuaishou", "app", "other", "douyin"):  # five more rows, same count
        make_account(li_ming, None, approve=False, platform=platform, name=f"财政{platform}")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("newmedia_staff:home")).content.decode()
    assert page.count("财政") >= 5


def test_release_pages_hold_their_query_counts(
    client, accounts, li_ming, wang_fang, zhang_wei, sun_li, django_assert_max_num_queries
):
    team = Team(li_ming, wang_fang, zhang_wei, sun_li)
    docs = [published(team, title=f"通知{n}") for n in range(3)]
    for doc in docs:
        actions.release_to_channels(li_ming, doc, ["feed", f"account:{accounts[0].pk}"])
    client.force_login(li_ming)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("newmedia_staff:releases")).content.decode()
    assert page.count("1/2个渠道已发布") == 3
    release = docs[0]
    from gongkai.newmedia.models import Release

    release = Release.objects.get(object_id=docs[0].pk)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("newmedia_staff:release", args=[release.pk])).content.decode()
    assert "待人工发布" in page and "<svg" in page


def test_release_through_the_form(client, accounts, li_ming, wang_fang, zhang_wei, sun_li):
    doc = published(Team(li_ming, wang_fang, zhang_wei, sun_li))
    client.force_login(li_ming)
    url = reverse("newmedia_staff:release_new", args=["publishing.document", doc.pk])
    assert "请至少选择一个发布渠道" in client.post(url, {}).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"channels": ["feed", f"account:{accounts[0].pk}"]})
    assert response.status_code == 302
    again = client.post(url, {"channels": ["feed"]})  # Back and resubmit: the feed is no longer offered
    assert again.status_code == 302
    from gongkai.newmedia.models import OutboxItem

    assert OutboxItem.objects.count() == 2


def test_registration_form_refuses_a_duplicate_in_chinese(client, accounts, li_ming):
    client.force_login(li_ming)
    response = client.post(
        reverse("newmedia_staff:account_new"),
        {
            "agency": li_ming.agency_id,
            "platform": "wechat",
            "name": "财政二号",
            "person_in_charge": "李明",
            "delivery": "package",
        },
    )
    assert "同一单位在同一平台只能开设一个政务新媒体账号" in response.content.decode()
    assert MediaAccount.objects.filter(name="财政二号").count() == 0


def test_public_list_shows_running_accounts_with_qr(client, accounts, li_ming, wang_fang):
    account = accounts[0]
    actions.update_account(li_ming, account, page_url="https://mp.example.cn/czj")
    pending = make_account(li_ming, wang_fang, platform="toutiao", name="待审的头条号", approve=False)
    page = client.get("/new-media/").content.decode()
    assert "示范县财政" in page and "邻县发布" in page
    assert pending.name not in page
    assert "<svg" in page and "二维码：https://mp.example.cn/czj" in page
    actions.close_account(li_ming, account, reason="停用", ended_on=NOW.date())
    page = client.get("/new-media/").content.decode()
    assert "访问示范县财政" not in page
    assert MediaAccount.objects.get(pk=account.pk).state == AccountState.CLOSED
