"""Recompute the precomputed scorecard rows (`AgencyDay`) of 留言办理 from the messages.

Run once a day (cron or the task worker), e.g. 02:30: `gongkai message_scorecards --days 120`.
Each action already refreshes its day on commit; the nightly run repairs anything that missed that
(a crash between commit and refresh, a changed holiday calendar). Idempotent: it recomputes rows
from the records and writes the same rows however often it runs. `--all` rebuilds every day;
`--dry-run` only says how many days it would recompute.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.interaction import scorecard
from gongkai.interaction.models import Message


class Command(BaseCommand):
    help = "重新计算留言办理统计（记分卡、督办看板）。建议每天运行一次；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=120, help="重新计算最近多少天收到的留言（默认120）")
        parser.add_argument("--all", action="store_true", help="重新计算全部日期")
        parser.add_argument("--dry-run", action="store_true", help="只说明将要计算多少天，不写入")

    def handle(self, *args, days=120, all=False, dry_run=False, **options):
        since = None if all else timezone.localdate() - timedelta(days=max(days, 0))
        if dry_run:
            qs = Message.objects.all() if since is None else Message.objects.filter(received_on__gte=since)
            n = qs.values("received_on").distinct().count()
            self.stdout.write(f"演练：将重新计算{n}天的统计，未写入。")
            return
        rows = scorecard.rebuild(since)
        self.stdout.write(self.style.SUCCESS(f"已重新计算留言办理统计：{rows}行。"))
