"""gongkai publish_scheduled [--dry-run]: publish documents whose scheduled time has come.

Run every minute from cron or the task worker. Idempotent: a document is published once.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.publishing.actions import publish_scheduled


class Command(BaseCommand):
    help = "发布已到定时发布时间的政府信息（建议每分钟运行一次；可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发布的信息，不发布")

    def handle(self, *args, dry_run=False, **options):
        result = publish_scheduled(dry_run=dry_run)
        verb = "将发布" if dry_run else "已发布"
        for doc in result.published:
            self.stdout.write(f"{verb}：{doc.title}（{doc.index_number or '发布时编号'}）")
        for doc, reason in result.blocked:
            self.stderr.write(f"未能发布：{doc.title}：{reason}")
        self.stdout.write(f"{verb} {len(result.published)} 份，受阻 {len(result.blocked)} 份")
