"""Fetch the RSS/Atom feeds of running accounts: each at most once per `--every` minutes (default
60), with the timeout GONGKAI_NEWMEDIA_FETCH_TIMEOUT and conditional requests (ETag, Last-Modified).
Run by `gongkai scheduled frequent` (every 5 minutes). A failing feed keeps its Chinese error on the
account and is tried again next time; nothing already stored is lost."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from gongkai.newmedia import actions
from gongkai.newmedia.models import AccountState, MediaAccount


class Command(BaseCommand):
    help = "抓取政务新媒体账号的RSS/Atom订阅（带超时和条件请求）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将抓取的账号")
        parser.add_argument("--every", type=int, default=60, help="同一账号两次抓取的最短间隔（分钟）")

    def handle(self, *args, dry_run=False, every=60, **options):
        due_before = timezone.now() - timedelta(minutes=max(every, 0))
        accounts = (
            MediaAccount.objects.filter(state=AccountState.ACTIVE)
            .exclude(feed_url="")
            .filter(Q(feed_checked_at__isnull=True) | Q(feed_checked_at__lte=due_before))
            .order_by("feed_checked_at", "pk")
        )
        fetched = failed = added = 0
        for account in accounts:
            if dry_run:
                self.stdout.write(f"将抓取：{account}（{account.feed_url}）")
                continue
            n, error = actions.fetch_account_feed(account)
            fetched += 1
            added += n
            if error:
                failed += 1
                self.stdout.write(f"{account}：{error}")
        if not dry_run:
            self.stdout.write(f"抓取{fetched}个订阅，新增{added}条，失败{failed}个。")
