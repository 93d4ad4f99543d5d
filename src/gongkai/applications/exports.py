"""表三 and 表四 as CSV and XLSX (the workbench page and `gongkai report applications`)."""

from __future__ import annotations

import csv
import io

from .report import APPEAL_RESULTS, Table3, Table4, TableImbalance


def require_balanced(table3: Table3, table4: Table4) -> None:
    """Refuse to present tables whose identities fail (with every message)."""
    problems = table3.check() + table4.check()
    if problems:
        raise TableImbalance(problems + table3.anomalies + table4.anomalies)


def table4_rows(table4: Table4) -> list[list[str]]:
    out = [["项目", *(label for _, label in APPEAL_RESULTS)]]
    out += [[label, *map(str, values)] for label, values in table4.rows()]
    return out


def report_csv(table3: Table3, table4: Table4) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["三、收到和处理政府信息公开申请情况"])
    writer.writerows(table3.csv_rows())
    writer.writerow([])
    writer.writerow(["四、政府信息公开行政复议、行政诉讼情况"])
    writer.writerows(table4_rows(table4))
    return out.getvalue()


def report_xlsx(table3: Table3, table4: Table4, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "表三"
    sheet.append([title])
    for row in table3.csv_rows():
        sheet.append([int(v) if v.isdigit() else v for v in row])
    sheet4 = book.create_sheet("表四")
    for row in table4_rows(table4):
        sheet4.append([int(v) if v.isdigit() else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
