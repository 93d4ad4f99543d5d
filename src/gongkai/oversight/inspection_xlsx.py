"""The inspection report as .xlsx: a sheet of the findings, a sheet of the score by check."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .inspection_queries import FindingState, finding_state
from .models import Inspection


def _title_row(ws, text: str, width: int) -> None:
    ws.append([text])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")


def _header(ws, row: list[str]) -> None:
    ws.append(row)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _widths(ws, widths: list[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def inspection_xlsx(inspection: Inspection, findings, base_url: str = "") -> bytes:
    """`findings`: those the user may see (already scoped)."""
    when = timezone.localtime(inspection.started_at)
    title = f"{inspection.site.name}网站检查报告（{when:%Y-%m-%d %H:%M}）"
    summary = inspection.summary or {}
    wb = Workbook()

    ws = wb.active
    ws.title = "问题清单"
    heads = [
        "序号",
        "检查项",
        "问题",
        "类别",
        "扣分",
        "数量",
        "页面地址",
        "责任机关",
        "整改期限",
        "状态",
        "说明",
    ]
    _title_row(ws, title, len(heads))
    _header(ws, heads)
    labels = {code: row.get("label", code) for code, row in summary.get("checks", {}).items()}
    for n, f in enumerate(findings, start=1):
        url = f.url
        if url.startswith("/") and base_url:
            url = base_url.rstrip("/") + url
        ws.append(
            [
                n,
                labels.get(f.check_code, f.check_code),
                f.title,
                "单项否决" if f.vetoes else ("扣分" if f.deduction else "提示"),
                float(f.deduction),
                f.count,
                url,
                f.agency.name if f.agency_id else "",
                f.fix_by,
                FindingState.LABELS[finding_state(f)],
                f.detail,
            ]
        )
        if url.startswith("http"):
            ws.cell(ws.max_row, 7).hyperlink = url
        ws.cell(ws.max_row, 9).number_format = "yyyy-mm-dd"
    _widths(ws, [6, 14, 40, 10, 8, 8, 40, 24, 12, 14, 40])
    ws.freeze_panes = "A3"

    ws2 = wb.create_sheet("分项得分")
    heads2 = ["检查项", "依据指标", "类别", "问题数", "单项否决", "扣分"]
    _title_row(ws2, title, len(heads2))
    _header(ws2, heads2)
    for row in summary.get("checks", {}).values():
        ws2.append(
            [
                row.get("label", ""),
                row.get("indicator", ""),
                "单项否决" if row.get("kind") == "veto" else "扣分",
                row.get("items", 0),
                "是" if row.get("vetoed") else "否",
                float(row.get("deduction", 0)),
            ]
        )
    ws2.append([])
    ws2.append(["得分", "", "", "", "", float(inspection.score or 0)])
    ws2.append(["结论", "", "", "", "", conclusion(inspection)])
    for r in (ws2.max_row - 1, ws2.max_row):
        ws2.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        ws2.cell(r, 1).font = Font(bold=True)
    for row in ws2.iter_rows(min_row=3, max_col=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    _widths(ws2, [16, 60, 10, 8, 10, 8])

    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def conclusion(inspection: Inspection) -> str:
    if inspection.state != Inspection.State.DONE:
        return inspection.get_state_display()
    if inspection.vetoed:
        return "单项否决，不合格"
    if not inspection.passed:
        return "不合格"
    return "合格（达到加分线）" if (inspection.summary or {}).get("bonus") else "合格"
