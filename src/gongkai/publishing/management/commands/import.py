"""gongkai import PATH... --user USERNAME: import files or folders as draft documents.

Each file is atomic: it is imported whole or not at all. A per-file line reports what happened.
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Staff
from gongkai.common.dbstats import analyse, tables_of
from gongkai.publishing.importing import import_file, iter_files, warning_label


def progress(done: int, total: int, started: float, stream=sys.stderr) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    rate = done / max(time.monotonic() - started, 1e-6)
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  {rate:.1f} 份/秒")
    stream.flush()


class Command(BaseCommand):
    help = "导入 txt、md、docx、pdf、html 文件（或文件夹）为政府信息草稿，识别公文要素并筛查。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="文件或文件夹")
        parser.add_argument("--user", required=True, help="以该工作人员（信息公开工作人员）的名义导入")
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, paths, user, quiet=False, **options):
        actor = Staff.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"找不到工作人员“{user}”")
        files = list(iter_files(paths))
        if not files:
            raise CommandError("没有找到可导入的文件（支持 .txt .md .docx .pdf .html）")
        started, ok, failed = time.monotonic(), 0, 0
        lines = []
        for i, path in enumerate(files, start=1):
            result = import_file(actor, path)
            if result.ok:
                ok += 1
                extra = f"，另含转发文件{len(result.forwarded)}份" if result.forwarded else ""
                notes = "；".join(warning_label(w) for w in result.warnings)
                lines.append(
                    f"成功  {path}：{result.document.title}（编号 {result.document.pk}{extra}）"
                    f"{'，筛查发现' + str(result.open_findings) + '项' if result.open_findings else ''}"
                    f"{'　提示：' + notes if notes else ''}"
                )
            else:
                failed += 1
                lines.append(f"失败  {path}：{result.message}")
            if not quiet:
                progress(i, len(files), started)
        if not quiet:
            sys.stderr.write("\n")
        for line in lines:
            self.stdout.write(line)
        elapsed = time.monotonic() - started
        self.stdout.write(f"共 {len(files)} 个文件：成功 {ok}，失败 {failed}，用时 {elapsed:.1f} 秒")
        if ok:
            analyse(tables_of(["publishing", "search"]))  # a new catalog is not planned blind
        if failed:
            raise CommandError(f"{failed} 个文件导入失败")
