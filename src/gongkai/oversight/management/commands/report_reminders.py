"""Remind the responsible staff of the annual reports' deadlines (15, 7 and 3 days before).

Run once a day: `gongkai report_reminders`. Idempotent: each (agency, year, day) is reminded once.
`--dry-run` lists what would be sent and records nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.oversight import reports_reminders


class Command(BaseCommand):
    help = "在年度报告发布期限前15、7、3天提醒尚未发布的机关的信息公开工作人员。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送、不记录")
        parser.add_argument("--today", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today}") from None
        planned = reports_reminders.plan(day)
        for p in planned:
            self.stdout.write(f"{p.text} → {'、'.join(p.recipients) or '（无邮箱，仅记录）'}")
        if dry_run:
            self.stdout.write(f"演练：将发送{len(planned)}条提醒，未发送、未记录。")
            return
        count = reports_reminders.send(planned, day)
        self.stdout.write(self.style.SUCCESS(f"已发送{count}条提醒。"))
