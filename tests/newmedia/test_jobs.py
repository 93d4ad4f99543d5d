"""The scheduled commands (fetch frequent, outbox frequent, watch daily): --dry-run changes nothing,
a second run changes nothing; and the 待办 of the agency's staff."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command

from gongkai.common import registry
from gongkai.newmedia import actions
from gongkai.newmedia.models import MediaAccount, MediaPost
from gongkai.newmedia.todo import todo_items
from tests.newmedia.conftest import make_account

SH = ZoneInfo("Asia/Shanghai")


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_jobs_are_registered():
    lines = {(job.line, job.group) for job in registry.jobs()}
    assert {
        ("gongkai newmedia_fetch", "frequent"),
        ("gongkai newmedia_outbox", "frequent"),
        ("gongkai newmedia_watch", "daily"),
    } <= lines


def test_fetch_command_fetches_each_feed_once_an_hour(server, li_ming, wang_fang):
    account = make_account(li_ming, wang_fang, feed_url=server.url("/account.rss"))
    assert "将抓取：示范县财政（微信公众号）" in run("newmedia_fetch", "--dry-run")
    assert MediaPost.objects.count() == 0
    assert run("newmedia_fetch") == "抓取1个订阅，新增3条，失败0个。\n"
    assert run("newmedia_fetch") == "抓取0个订阅，新增0条，失败0个。\n"  # not due yet
    assert len(server.hits("/account.rss")) == 1
    account.refresh_from_db()
    assert account.feed_checked_at is not None


def test_watch_command_around_the_boundary(li_ming, wang_fang):
    with time_machine.travel(datetime(2026, 11, 1, 9, 0, tzinfo=SH), tick=False):
        account = make_account(li_ming, wang_fang, offers_interaction=False)
        actions.record_post(
            li_ming, account, title="十一月第一条", published_at=datetime(2026, 11, 1, 8, tzinfo=SH)
        )
    assert run("newmedia_watch", "--today", "2026-11-15") == "已检查1个运营中的账号，0个未达标。\n"
    assert (
        run("newmedia_watch", "--today", "2026-11-16", "--dry-run")
        == "演练：将检查1个运营中的账号，未记录。\n"
    )
    assert MediaAccount.objects.get().breaches == []
    assert run("newmedia_watch", "--today", "2026-11-16") == "已检查1个运营中的账号，1个未达标。\n"
    assert MediaAccount.objects.get().breaches[0]["since"] == "2026-11-16"


def test_outbox_command_dry_run_sends_nothing(db):
    assert run("newmedia_outbox", "--dry-run") == "演练：0项推送已到期，未发送。\n"
    assert run("newmedia_outbox") == "到期0项：成功0项，失败0项。\n"


def test_todo_of_the_reviewer_and_the_clerk(li_ming, wang_fang):
    pending = make_account(li_ming, wang_fang, approve=False)
    assert [i.title for i in todo_items(wang_fang)] == [f"政务新媒体账号待审核：{pending}"]
    assert todo_items(li_ming) == []
    account = actions.approve_account(wang_fang, pending)
    MediaAccount.objects.filter(pk=account.pk).update(approved_at=account.approved_at - timedelta(days=30))
    actions.run_watch()
    (item,) = todo_items(li_ming)
    assert item.title == f"政务新媒体未达标：{account}"
    assert item.status == "超过两周未更新"  # interaction: 30 days in operation, within 3 months
    assert item.css == "overdue"


def test_the_watch_does_not_make_public_pages_stale(server, li_ming, wang_fang):
    """Fetching and checking write bookkeeping no public page shows: no save signal for the cache."""
    from django.db.models.signals import post_save

    account = make_account(li_ming, wang_fang, feed_url=server.url("/account.rss"))
    saved = []

    def receiver(sender, instance, **kwargs):
        saved.append(instance)

    post_save.connect(receiver, sender=MediaAccount)
    try:
        actions.fetch_account_feed(account)
        actions.run_watch()
    finally:
        post_save.disconnect(receiver, sender=MediaAccount)
    assert saved == []
    account.refresh_from_db()
    assert account.last_post_at is not None and account.feed_etag
