"""`gongkai report applications --agency 示范县财政局 --year 2026 [--subtree] [--csv F] [--xlsx F]`

表三 and 表四 of the annual report (国办公开办函〔2021〕30号), counted from the recorded outcomes.
A table whose identities do not hold is refused: the messages are printed and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.applications import exports
from gongkai.applications.queries import table3_for, table4_for
from gongkai.applications.report import TableImbalance


class Command(BaseCommand):
    help = "计算政府信息公开年度报告表三、表四（依申请公开），可导出 CSV 和 XLSX。"

    def add_arguments(self, parser):
        parser.add_argument("subject", choices=["applications"], help="报表主题：applications（表三、表四）")
        parser.add_argument("--agency", required=True, help="机关全称、简称或编号")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--subtree", action="store_true", help="汇总本机关及全部下级机关")
        parser.add_argument("--csv", help="导出 CSV 文件路径")
        parser.add_argument("--xlsx", help="导出 XLSX 文件路径")

    def handle(self, *args, subject, agency, year, subtree, csv=None, xlsx=None, **options):
        lookup = Q(name=agency) | Q(short_name=agency)
        if agency.isdigit():
            lookup |= Q(pk=int(agency))
        found = list(Agency.objects.filter(lookup)[:2])
        if len(found) != 1:
            raise CommandError(f"找不到唯一的机关“{agency}”")
        target = found[0]
        table3 = table3_for(target, year, subtree=subtree)
        table4 = table4_for(target, year, subtree=subtree)
        try:
            exports.require_balanced(table3, table4)
        except TableImbalance as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("表格不平衡，已拒绝输出") from None
        scope = "（含下级机关）" if subtree else ""
        self.stdout.write(f"{target.name}{scope} {year}年度")
        self.stdout.write("三、收到和处理政府信息公开申请情况")
        for row in table3.csv_rows():
            self.stdout.write("\t".join(row))
        self.stdout.write("四、政府信息公开行政复议、行政诉讼情况")
        for row in exports.table4_rows(table4):
            self.stdout.write("\t".join(row))
        for anomaly in table3.anomalies + table4.anomalies:
            self.stderr.write(f"提示：{anomaly}")
        title = f"{target.name}{scope}{year}年度政府信息公开申请情况"
        if csv:
            Path(csv).write_text(exports.report_csv(table3, table4), encoding="utf-8-sig")
            self.stdout.write(f"已导出 {csv}")
        if xlsx:
            Path(xlsx).write_bytes(exports.report_xlsx(table3, table4, title))
            self.stdout.write(f"已导出 {xlsx}")
