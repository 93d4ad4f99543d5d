"""`gongkai scheduled frequent|daily`: run the registered jobs of a group, each once per slot.

cron may run this on every worker machine (see README, 生产部署): a job runs on the machine that takes
its lease for the slot (common/leases.py) and is skipped on the others.
"""

from __future__ import annotations

import io
import traceback

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongkai.common import leases
from gongkai.common.models import ScheduledRun
from gongkai.common.registry import jobs


class Command(BaseCommand):
    help = "运行定时任务：frequent（建议每5分钟）或 daily（建议每天凌晨），--list 列出全部任务；多台机器同时运行时每个任务每个时段只运行一次"

    def add_arguments(self, parser):
        parser.add_argument("group", nargs="?", choices=["frequent", "daily"])
        parser.add_argument(
            "--list", action="store_true", dest="show", help="列出已登记的定时任务及最近一次运行"
        )
        parser.add_argument("--dry-run", action="store_true", help="只报告将要做什么，不做任何修改")

    def handle(self, *args, group=None, show=False, dry_run=False, **options):
        if show or not group:
            self._list()
            return
        slot = leases.slot_of(group)
        failed = []
        for job in (j for j in jobs() if j.group == group):
            flags = ["--dry-run"] if dry_run and not job.read_only else []
            if dry_run:
                self.stdout.write(f"==> {' '.join([job.line, *flags])}")
                call_command(job.command, *job.args, *flags, stdout=self.stdout, stderr=self.stderr)
                continue
            run = leases.take(job.line, slot)
            if run is None:
                other = leases.holder(job.line, slot)
                self.stdout.write(
                    f"--- {job.line}：本时段（{slot}）已由 {other.host if other else '其他机器'} 运行，跳过"
                )
                continue
            self.stdout.write(f"==> {job.line}（时段 {slot}）")
            out = io.StringIO()
            try:
                call_command(job.command, *job.args, stdout=out, stderr=out)
            except Exception as exc:  # one failing job must not stop the others of its group
                out.write(traceback.format_exc())
                failed.append(f"{job.line}：{exc}")
                leases.finish(run, ok=False, message=out.getvalue())
            else:
                leases.finish(run, ok=True, message=out.getvalue())
            self.stdout.write(out.getvalue())
        if group == "daily" and not dry_run:
            leases.prune()
        if failed:
            raise CommandError("以下定时任务失败：\n" + "\n".join(failed))

    def _list(self) -> None:
        for job in jobs():
            last = ScheduledRun.objects.filter(job=job.line).first()
            seen = f"最近：{last.slot} {last.get_outcome_display()}（{last.host}）" if last else "尚未运行"
            self.stdout.write(f"{job.group:<9} {job.line:<34} {job.description}  [{seen}]")
