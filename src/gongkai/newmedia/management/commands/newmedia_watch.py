"""The daily check of 政务新媒体: every running account against the update rule (at least once in
two weeks) and the interaction rule (RULES.md §8). Run once a day, early morning:
`gongkai newmedia_watch`. Idempotent; `--dry-run` counts the accounts and records nothing."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.newmedia import actions


class Command(BaseCommand):
    help = "检查每个运营中的政务新媒体账号是否两周内更新、互动是否有回复（每天运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计将检查的账号，不记录")
        parser.add_argument("--today", help="按指定日期检查（YYYY-MM-DD），默认今天")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today}") from None
        result = actions.run_watch(day, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"演练：将检查{result['checked']}个运营中的账号，未记录。")
        else:
            self.stdout.write(f"已检查{result['checked']}个运营中的账号，{result['in_breach']}个未达标。")
