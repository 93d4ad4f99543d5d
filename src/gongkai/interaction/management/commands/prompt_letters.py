"""Find concentrations of messages and draft a prompt letter (民意诉求反馈提示函) for each new one.

Run once a day (cron or the task worker), e.g. 07:00: `gongkai prompt_letters`. Idempotent: a
concentration is drafted once; later runs add newly arrived messages to a draft that is still
waiting, and alert nobody again. `--dry-run` lists the new concentrations and records nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.interaction.actions.letters import detect_prompt_letters


class Command(BaseCommand):
    help = "发现同一单位短期内集中的相似或同主题留言，生成民意诉求反馈提示函草稿（每个集中问题一次）。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出新发现的集中问题，不生成、不记录")
        parser.add_argument("--today", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{today}") from None
        found = detect_prompt_letters(day, dry_run=dry_run)
        names = Agency.objects.in_bulk({c.agency_id for c in found})
        for c in found:
            basis = "相似留言" if c.basis == "near_duplicate" else "同一主题"
            self.stdout.write(f"{names[c.agency_id]}：{basis}“{c.topic}”{len(c.message_ids)}件")
        if dry_run:
            self.stdout.write(f"演练：发现{len(found)}个新的集中问题，未生成提示函。")
            return
        self.stdout.write(self.style.SUCCESS(f"已生成{len(found)}份提示函草稿。"))
