"""Multi-channel release: one item per release×channel; the webhook is signed (checked by the test
server as a receiver would), a 500 or a timeout fails with the reason and is kept for retry with
backoff; retrying a sent item sends nothing; a package is marked as posted with its link."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from gongkai.common.errors import ActionRefused
from gongkai.newmedia import actions
from gongkai.newmedia.models import ChannelKind, OutboxItem, OutboxState, Release
from gongkai.newmedia.queries import channels_for
from tests.newmedia.conftest import SECRET, make_account, webhook_account
from tests.publishing.builders import Team, published


@pytest.fixture
def document(li_ming, wang_fang, zhang_wei, sun_li):
    return published(
        Team(li_ming, wang_fang, zhang_wei, sun_li), title="示范县财政局关于2027年预算公开的通知"
    )


def _release(actor, doc, *accounts, feed=True):
    """Release as a request does: the webhook goes out once the transaction commits."""
    keys = (["feed"] if feed else []) + [f"account:{a.pk}" for a in accounts]
    with TestCase.captureOnCommitCallbacks(execute=True):
        release, added = actions.release_to_channels(actor, doc, keys)
    return release, added


def test_three_channels_in_one_step(server, document, li_ming, wang_fang):
    hook = webhook_account(li_ming, wang_fang, server.url("/hook"))
    wechat = make_account(li_ming, wang_fang)
    release, added = _release(li_ming, document, hook, wechat)
    assert [(i.kind, i.state) for i in added] == [
        (ChannelKind.FEED, OutboxState.SENT),
        (ChannelKind.WEBHOOK, OutboxState.PENDING),  # as built; sent after commit
        (ChannelKind.PACKAGE, OutboxState.AWAITING),
    ]
    items = {i.kind: i for i in release.items.all()}
    assert items["feed"].remote_url == release.url == "http://127.0.0.1:8000" + document.get_absolute_url()
    sent = items["webhook"]
    assert (sent.state, sent.attempts, sent.last_error) == (OutboxState.SENT, 1, "")
    assert sent.remote_url.startswith("https://rmt.example.cn/post/")
    (hit,) = server.hits("/hook")
    assert hit["verified"] is True
    assert b'"title": "\\u793a' not in hit["body"]  # UTF-8 JSON, not escaped
    assert "示范县财政局关于2027年预算公开的通知".encode() in hit["body"]


def test_the_signature_covers_body_and_timestamp(server):
    from gongkai.newmedia import channels

    body = b'{"title":"x"}'
    stamp = str(int(timezone.now().timestamp()))
    headers = {
        channels.TIMESTAMP_HEADER: stamp,
        channels.SIGNATURE_HEADER: channels.signature(SECRET, stamp, body),
    }
    assert channels.verify(SECRET, headers, body)
    assert not channels.verify(SECRET, headers, body + b" ")
    assert not channels.verify("另一个密钥", headers, body)
    old = str(int(stamp) - 301)
    replayed = {
        channels.TIMESTAMP_HEADER: old,
        channels.SIGNATURE_HEADER: channels.signature(SECRET, old, body),
    }
    assert not channels.verify(SECRET, replayed, body)


def test_choosing_a_channel_again_adds_nothing(server, document, li_ming, wang_fang):
    hook = webhook_account(li_ming, wang_fang, server.url("/hook"))
    release, added = _release(li_ming, document, hook)
    again, added_again = _release(li_ming, document, hook)
    assert (again.pk, len(added), added_again) == (release.pk, 2, [])
    assert OutboxItem.objects.count() == 2
    assert len(server.hits("/hook")) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxItem.objects.create(release=release, channel="feed", kind="feed")


def test_retrying_a_sent_item_sends_nothing(server, document, li_ming, wang_fang):
    hook = webhook_account(li_ming, wang_fang, server.url("/hook"))
    release, _ = _release(li_ming, document, hook, feed=False)
    item = release.items.get()
    with pytest.raises(ActionRefused, match="该渠道已发布，无需重试"):
        actions.retry_item(li_ming, item)
    assert actions.deliver_item(item.pk, force=True) is None
    assert actions.run_outbox(timezone.now() + timedelta(days=1))["due"] == 0
    assert len(server.hits("/hook")) == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/hook-500", "接口返回错误（HTTP 500），已保留待重试"),
        ("/hook-hang", "接口超过1秒没有响应，已保留待重试"),
    ],
)
def test_a_failing_endpoint_keeps_the_item_and_backs_off(
    server, short_timeouts, settings, document, li_ming, wang_fang, path, reason
):
    settings.GONGKAI_NEWMEDIA_RETRY_BASE_MINUTES = 5
    settings.GONGKAI_NEWMEDIA_MAX_ATTEMPTS = 3
    hook = webhook_account(li_ming, wang_fang, server.url(path))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        release, _ = _release(li_ming, document, hook, feed=False)
    item = release.items.get()
    item.refresh_from_db()
    assert (item.state, item.attempts, item.last_error) == (OutboxState.FAILED, 1, reason)
    assert item.next_attempt_at == start + timedelta(minutes=5)

    # Not due yet: the job leaves it alone; then the 2nd try at +5 min, the 3rd at +15 min (5, then 10).
    assert actions.run_outbox(start + timedelta(minutes=4))["due"] == 0
    assert actions.run_outbox(start + timedelta(minutes=5)) == {"due": 1, "sent": 0, "failed": 1}
    item.refresh_from_db()
    assert (item.attempts, item.next_attempt_at) == (2, start + timedelta(minutes=15))
    assert actions.run_outbox(start + timedelta(minutes=15))["failed"] == 1
    item.refresh_from_db()
    assert (item.attempts, item.next_attempt_at, item.state) == (3, None, OutboxState.FAILED)
    assert actions.run_outbox(start + timedelta(days=30))["due"] == 0  # only the button now
    assert Release.objects.count() == 1 and item.last_error == reason

    # The endpoint is fixed: the staff button sends it.
    hook = actions.update_account(li_ming, hook, webhook_url=server.url("/hook"))
    item = actions.retry_item(li_ming, item)
    assert (item.state, item.attempts, item.last_error) == (OutboxState.SENT, 4, "")


def test_a_package_is_marked_as_posted(document, li_ming, wang_fang, chen_jing):
    wechat = make_account(li_ming, wang_fang)
    release, (item,) = _release(li_ming, document, wechat, feed=False)
    assert item.state == OutboxState.AWAITING
    with pytest.raises(ActionRefused, match="请输入以 http:// 或 https:// 开头的发布后链接"):
        actions.mark_posted(li_ming, item, remote_url="mp.weixin.qq.com/s/abc")
    with pytest.raises(ActionRefused, match="只能处理本单位（或督查范围内单位）的发布"):
        actions.mark_posted(chen_jing, item, remote_url="https://mp.weixin.qq.com/s/abc")
    item = actions.mark_posted(li_ming, item, remote_url="https://mp.weixin.qq.com/s/abc")
    assert (item.state, item.remote_url) == (OutboxState.SENT, "https://mp.weixin.qq.com/s/abc")
    with pytest.raises(ActionRefused, match="该渠道已登记为已发布"):
        actions.mark_posted(li_ming, item, remote_url="https://mp.weixin.qq.com/s/def")


def test_only_published_pages_of_ones_scope_are_released(document, li_ming, wang_fang, chen_jing):
    from tests.publishing.builders import draft

    with pytest.raises(ActionRefused, match="只有已在门户网站公开发布的内容才能多渠道发布"):
        actions.release_to_channels(li_ming, draft(li_ming, title="草稿"), ["feed"])
    with pytest.raises(ActionRefused, match="只能发布本单位（或督查范围内单位）的内容"):
        actions.release_to_channels(chen_jing, document, ["feed"])
    with pytest.raises(ActionRefused, match="请至少选择一个发布渠道"):
        actions.release_to_channels(li_ming, document, [])
    with pytest.raises(ActionRefused, match="所选渠道已不可用"):
        actions.release_to_channels(li_ming, document, ["account:99999"])
    assert not Release.objects.exists()


def test_channels_are_the_agencys_and_its_governments_running_accounts(
    county, li_ming, wang_fang, zhao_qiang
):
    own = make_account(li_ming, wang_fang)
    county_app = make_account(
        zhao_qiang, None, approve=False, agency=county.government, platform="app", name="示范县发布"
    )
    labels = [c.key for c in channels_for(county.finance)]
    assert labels == ["feed", f"account:{own.pk}"]  # the county's app still waits for review
    assert county_app.state == "pending"
