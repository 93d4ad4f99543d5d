from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai.common.registry import jobs


class Command(BaseCommand):
    help = "运行定时任务：frequent（建议每5分钟）或 daily（建议每天凌晨），--list 列出全部任务"

    def add_arguments(self, parser):
        parser.add_argument("group", nargs="?", choices=["frequent", "daily"])
        parser.add_argument("--list", action="store_true", dest="show", help="列出已登记的定时任务")
        parser.add_argument("--dry-run", action="store_true", help="只报告将要做什么，不做任何修改")

    def handle(self, *args, group=None, show=False, dry_run=False, **options):
        if show or not group:
            for job in jobs():
                self.stdout.write(f"{job.group:<9} {job.line:<34} {job.description}")
            return
        for job in (j for j in jobs() if j.group == group):
            flags = ["--dry-run"] if dry_run and not job.read_only else []
            self.stdout.write(f"==> {' '.join([job.line, *flags])}")
            call_command(job.command, *job.args, *flags, stdout=self.stdout, stderr=self.stderr)
