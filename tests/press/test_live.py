"""The live text of a conference reuses gongkai.common.live: staff type, open public pages poll a
small JSON feed (304 without a query when nothing changed), withdrawn paragraphs disappear, and
the feed says done once the conference has ended."""

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.press import actions
from gongkai.press.models import LiveEntry
from tests.press.conftest import at, conference


@pytest.fixture
def live_now(li_ming, today):
    item = conference(li_ming, at(2026, 12, 3, 10), held=False)
    return actions.start_conference(li_ming, item)


def test_only_while_live(li_ming, today):
    item = conference(li_ming, at(2026, 12, 3, 15), held=False)
    with pytest.raises(ActionRefused, match="发布会当前状态为“计划召开”，请先开始文字直播"):
        actions.post_live_entry(li_ming, item, body="各位记者朋友，上午好。")
    assert not LiveEntry.objects.exists()


def test_entries_reach_the_public_feed_and_withdrawn_ones_leave_it(
    client, li_ming, live_now, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = actions.post_live_entry(
        li_ming, live_now, speaker="主持人", body="各位记者朋友，上午好。<script>x</script>"
    )
    page = client.get(f"/press/{live_now.pk}/").content.decode()
    assert f'data-live-url="/press/{live_now.pk}/live.json"' in page
    assert "主持人：" in page and "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    response = client.get(f"/press/{live_now.pk}/live.json")
    body = response.json()
    assert [e["id"] for e in body["entries"]] == [str(first.pk)] and body["done"] is False
    cursor, etag = body["cursor"], response["ETag"]
    with django_assert_num_queries(0):
        again = client.get(f"/press/{live_now.pk}/live.json?after={cursor}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):  # the version moves when the writes commit
        second = actions.post_live_entry(li_ming, live_now, body="下面请县财政局局长介绍情况。")
        actions.hide_live_entry(li_ming, first)
    body = client.get(f"/press/{live_now.pk}/live.json?after={cursor}", HTTP_IF_NONE_MATCH=etag).json()
    shown = {e["id"]: e["html"] for e in body["entries"]}
    assert shown[str(first.pk)] is None and "县财政局局长" in shown[str(second.pk)]


def test_the_feed_is_done_when_the_conference_ends(client, li_ming, live_now):
    actions.post_live_entry(li_ming, live_now, body="发布会到此结束。")
    actions.finish_conference(li_ming, live_now)
    assert client.get(f"/press/{live_now.pk}/live.json").json()["done"] is True
    page = client.get(f"/press/{live_now.pk}/").content.decode()
    assert "发布会到此结束。" in page and "data-live-url" not in page


def test_staff_type_on_the_conference_page_and_the_transcript_starts_from_the_live_text(
    client, li_ming, live_now
):
    client.force_login(li_ming)
    response = client.post(
        f"/workbench/press/{live_now.pk}/", {"part": "live", "speaker": "主持人", "body": ""}
    )
    assert "请填写直播内容" in response.content.decode()
    client.post(f"/workbench/press/{live_now.pk}/", {"part": "live", "speaker": "主持人", "body": "上午好。"})
    client.post(f"/workbench/press/{live_now.pk}/", {"part": "live", "body": "今年预算执行良好。"})
    actions.finish_conference(li_ming, live_now)
    page = client.get(f"/workbench/press/{live_now.pk}/").content.decode()
    assert "主持人：上午好。\n今年预算执行良好。</textarea>" in page


def test_another_agency_cannot_type(chen_jing, live_now):
    with pytest.raises(ActionRefused, match="只有示范县财政局的工作人员可以发布文字直播"):
        actions.post_live_entry(chen_jing, live_now, body="x")
