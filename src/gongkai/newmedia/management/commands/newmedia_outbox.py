"""Push the multi-channel releases whose time has come: webhook items pending, or failed with a
retry due (backoff doubling from GONGKAI_NEWMEDIA_RETRY_BASE_MINUTES). Run by `gongkai scheduled
frequent` (every 5 minutes). A sent item is never sent again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.newmedia import actions


class Command(BaseCommand):
    help = "推送到期的多渠道发布（接口推送的待发送和待重试项）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计到期的推送，不发送")

    def handle(self, *args, dry_run=False, **options):
        result = actions.run_outbox(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"演练：{result['due']}项推送已到期，未发送。")
        else:
            self.stdout.write(f"到期{result['due']}项：成功{result['sent']}项，失败{result['failed']}项。")
