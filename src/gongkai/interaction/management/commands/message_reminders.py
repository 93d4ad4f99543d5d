"""Remind responders of messages due soon, overdue, or approaching the 3-month veto line.

Run once a day (cron or the task worker), e.g. 08:00: `gongkai message_reminders`. Idempotent: a
message is reminded of each due date and of the veto line once, however often the command runs.
`--dry-run` lists what would be sent and records nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.interaction import reminders


class Command(BaseCommand):
    help = "向网络回应人发送留言即将到期、已超期和接近3个月未答复的提醒（每个期限一次）。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送、不记录")
        parser.add_argument("--today", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today}") from None
        if not dry_run:
            synced = reminders.sync_due_dates()
            if synced:
                self.stdout.write(f"按最新工作日历更新了{synced}条留言的答复期限。")
        planned = reminders.plan(day)
        for p in planned:
            who = p.message.responder or p.message.lead_agency or p.message.office
            self.stdout.write(f"留言 {p.message.receipt_code} → {who}：{p.text}")
        if dry_run:
            self.stdout.write(f"演练：将发送{len(planned)}条提醒，未发送、未记录。")
            return
        count = reminders.send(planned)
        self.stdout.write(self.style.SUCCESS(f"已发送{count}条提醒。"))
