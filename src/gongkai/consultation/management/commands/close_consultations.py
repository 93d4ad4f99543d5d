"""Close every open consultation past its close date. Run every few minutes (idempotent)."""

from django.core.management.base import BaseCommand

from gongkai.consultation.actions import close_due_consultations


class Command(BaseCommand):
    help = "结束已过截止日期的征求意见（建议每5分钟运行一次，可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将结束的征求意见，不做修改")

    def handle(self, *args, dry_run=False, **options):
        due = close_due_consultations(dry_run=dry_run)
        verb = "将结束" if dry_run else "已结束"
        for c in due:
            self.stdout.write(f"{verb}：{c.title}（截止{c.closes_on}）")
        self.stdout.write(f"共{len(due)}项")
