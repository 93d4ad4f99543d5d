"""Remind handlers and supervisors of due-soon and overdue applications.

Run once a day (cron or the task worker), e.g. 08:00: `gongkai send_reminders`. Idempotent: each
case gets at most one reminder per day, however often the command runs. `--dry-run` lists what
would be sent and records nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications import reminders


class Command(BaseCommand):
    help = "向承办人和主管部门发送依申请公开即将到期和已逾期提醒（每案每天一次）。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送、不记录")
        parser.add_argument("--today", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today}") from None
        planned = reminders.plan(day)
        for p in planned:
            who = "、".join(p.recipients) or "（无邮箱，仅记录）"
            self.stdout.write(f"{'逾期' if p.kind == 'overdue' else '将到期'} {p.text} → {who}")
        if dry_run:
            self.stdout.write(f"演练：将发送{len(planned)}条提醒，未发送、未记录。")
            return
        count = reminders.send(planned, day)
        self.stdout.write(self.style.SUCCESS(f"已发送{count}条提醒。"))
