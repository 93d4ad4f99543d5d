"""Close the surveys whose close time has passed. Run every 5 minutes (`gongkai scheduled frequent`);
idempotent: a survey already closed is left alone."""

from django.core.management.base import BaseCommand

from gongkai.surveys.actions import close_expired


class Command(BaseCommand):
    help = "结束已到截止时间的网上调查"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要结束的调查，不做修改")

    def handle(self, *args, dry_run: bool = False, **options):
        for survey in close_expired(dry_run=dry_run):
            self.stdout.write(f"{'将结束' if dry_run else '已结束'}：{survey.title}（#{survey.pk}）")
