"""Posts arrive from a feed (fetched with a timeout and conditional requests), an export, or staff.
A feed that is not XML or never answers leaves a Chinese error on the account and loses nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.newmedia import actions
from gongkai.newmedia.models import MediaPost, PostKind, PostSource
from tests.newmedia.conftest import FILES, make_account

SH = ZoneInfo("Asia/Shanghai")


def test_feed_items_are_stored_once_and_the_next_fetch_is_conditional(server, li_ming, wang_fang):
    account = make_account(li_ming, wang_fang, feed_url=server.url("/account.rss"))
    added, error = actions.fetch_account_feed(account)
    assert (added, error) == (3, "")
    account.refresh_from_db()
    assert account.feed_etag == '"feed-v1"'
    assert account.feed_last_modified == "Tue, 01 Dec 2026 02:00:00 GMT"
    assert account.last_post_at == datetime(2026, 12, 1, 10, 0, tzinfo=SH)
    assert set(account.posts.values_list("remote_id", flat=True)) == {"czj-1001", "czj-1002", "czj-1003"}
    assert set(account.posts.values_list("source", flat=True)) == {PostSource.FEED}

    assert actions.fetch_account_feed(account) == (0, "")
    second = server.hits("/account.rss")[-1]
    assert second["headers"]["If-None-Match"] == '"feed-v1"'
    assert second["headers"]["If-Modified-Since"] == "Tue, 01 Dec 2026 02:00:00 GMT"
    assert second.get("not_modified")
    assert account.posts.count() == 3


def test_atom_feeds_too(server, li_ming, wang_fang):
    account = make_account(li_ming, wang_fang, feed_url=server.url("/account.atom"))
    assert actions.fetch_account_feed(account) == (1, "")
    post = account.posts.get()
    assert (post.title, post.url) == ("老旧小区改造项目开工", "https://weibo.example.cn/zjj/77")
    assert post.published_at == datetime(2026, 11, 28, 9, 0, tzinfo=SH)


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/not_a_feed.html", "订阅地址返回的不是RSS或Atom格式的XML（可能是网页或错误页面），请核对订阅地址"),
        ("/hang.rss", "超过1秒没有响应，已放弃本次抓取"),
        ("/missing.rss", "服务器返回错误（HTTP 404）"),
    ],
)
def test_a_bad_feed_leaves_a_chinese_error_and_loses_nothing(
    server, short_timeouts, li_ming, wang_fang, path, error
):
    account = make_account(li_ming, wang_fang, feed_url=server.url("/account.rss"))
    actions.fetch_account_feed(account)
    account = actions.update_account(li_ming, account, feed_url=server.url(path))
    assert actions.fetch_account_feed(account) == (0, error)
    account.refresh_from_db()
    assert account.feed_error == error
    assert account.feed_checked_at is not None
    assert account.posts.count() == 3  # what the good feed brought is still there

    # Back to the good feed: the error clears, nothing is doubled.
    account = actions.update_account(li_ming, account, feed_url=server.url("/account.rss"))
    assert actions.fetch_account_feed(account) == (0, "")
    account.refresh_from_db()
    assert (account.feed_error, account.posts.count()) == ("", 3)


def test_the_timeout_is_the_whole_exchange(server, short_timeouts, li_ming, wang_fang):
    import time

    account = make_account(li_ming, wang_fang, feed_url=server.url("/hang.rss"))
    started = time.monotonic()
    actions.fetch_account_feed(account)
    assert time.monotonic() - started < 2.5


def test_export_import_with_guessed_columns_is_idempotent(li_ming, wang_fang):
    account = make_account(li_ming, wang_fang)
    data = (FILES / "export.csv").read_bytes()
    assert actions.import_posts(li_ming, account, data=data, filename="export.csv") == (2, 0)
    assert actions.import_posts(li_ming, account, data=data, filename="export.csv") == (0, 2)
    reply = account.posts.get(remote_id="wx-2")
    assert reply.kind == PostKind.REPLY
    assert reply.asked_at == datetime(2026, 11, 29, 9, 0, tzinfo=SH)
    assert reply.published_at == datetime(2026, 12, 1, 16, 20, tzinfo=SH)


def test_xlsx_with_a_column_mapping(li_ming, wang_fang):
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["作品", "上线时间", "地址"])
    sheet.append(["短视频：预算怎么花", datetime(2026, 11, 30, 20, 0), "https://douyin.example.cn/v/88"])
    out = io.BytesIO()
    book.save(out)
    account = make_account(li_ming, wang_fang, platform="douyin", name="示范县财政抖音")
    with pytest.raises(
        ActionRefused, match="请指定“标题”“发布时间”对应的列（文件的列：作品、上线时间、地址）"
    ):
        actions.import_posts(li_ming, account, data=out.getvalue(), filename="douyin.xlsx")
    mapping = {"title": "作品", "published_at": "上线时间", "url": "地址"}
    added = actions.import_posts(
        li_ming, account, data=out.getvalue(), filename="douyin.xlsx", mapping=mapping
    )
    assert added == (1, 0)
    assert account.posts.get().url == "https://douyin.example.cn/v/88"


def test_a_bad_row_imports_nothing(li_ming, wang_fang):
    account = make_account(li_ming, wang_fang)
    data = (FILES / "bad_export.csv").read_bytes()
    with pytest.raises(
        ActionRefused, match="有1行无法导入，未导入任何数据：第3行：发布时间“昨天下午”无法识别"
    ):
        actions.import_posts(li_ming, account, data=data, filename="bad_export.csv")
    assert not MediaPost.objects.exists()


def test_staff_record_a_post_and_a_resubmit_finds_it(li_ming, wang_fang):
    account = make_account(li_ming, wang_fang)
    when = datetime(2026, 12, 2, 9, 30, tzinfo=SH)
    post, added = actions.record_post(li_ming, account, title="年终财政工作会议召开", published_at=when)
    again, added_again = actions.record_post(
        li_ming, account, title="年终财政工作会议召开", published_at=when
    )
    assert (added, added_again, again.pk) == (True, False, post.pk)
    assert account.posts.count() == 1


def test_an_outsider_cannot_record_posts(li_ming, wang_fang, chen_jing):
    account = make_account(li_ming, wang_fang)
    with pytest.raises(ActionRefused, match="只有示范县财政局的工作人员可以登记该账号的发布信息"):
        actions.record_post(chen_jing, account, title="x", published_at=datetime(2026, 12, 1, tzinfo=SH))
