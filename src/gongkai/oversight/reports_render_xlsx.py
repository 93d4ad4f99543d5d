"""The annual report as a workbook (openpyxl): 一 (text), 表二, 表三, 表四 and 五/六 each on its sheet;
the tables with the merged header cells of the official format, figures as numbers (万元 with two
decimals), figures entered by staff carry the comment 人工填报; A4 print setup, one page wide."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .report_data import OVERVIEW_HEADINGS, SECTIONS, ReportFigures
from .reports_render_layout import (
    DATA,
    HEAD,
    ROW_HEAD,
    Cell,
    Grid,
    is_draft,
    other_figure_rows,
    paragraphs,
    table2_grids,
    table3_grid,
    table4_grid,
)

FONT_NAME = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TEXT = Alignment(horizontal="left", vertical="top", wrap_text=True)
INT_FORMAT, AMOUNT_FORMAT = "0", "0.00"
SHEET_TEXT_COLUMNS = 8  # 一 and 五/六: text merged across A:H
ENTERED_NOTE = "人工填报：没有对应的业务记录"


def _print_setup(ws, *, landscape: bool = False, title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def _title(ws, row: int, text: str, width: int, *, size: int = 14) -> None:
    ws.cell(row=row, column=1, value=text).font = Font(name="黑体", size=size)
    ws.cell(row=row, column=1).alignment = CENTER if size > 14 else LEFT
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 30 if size > 14 else 22


def _write_grid(ws, grid: Grid, top: int) -> None:
    """`grid` with its first row at `top` (1-based): values, merges, borders, formats."""
    for c in grid.cells:
        row, col = top + c.row, 1 + c.col
        for r in range(row, row + c.rowspan):
            for k in range(col, col + c.colspan):
                ws.cell(row=r, column=k).border = BORDER
        cell = ws.cell(row=row, column=col)
        if c.role == DATA:
            value = c.figure.value if c.figure is not None else None
            cell.value = value
            if value is not None:
                cell.number_format = AMOUNT_FORMAT if isinstance(value, Decimal) else INT_FORMAT
            if c.figure is not None and c.figure.entered:
                cell.comment = Comment(ENTERED_NOTE, "gongkai")
            cell.alignment = CENTER
            cell.font = Font(name=FONT_NAME, size=11)
        else:
            cell.value = c.text
            cell.alignment = LEFT if c.role == ROW_HEAD else CENTER
            cell.font = Font(name=FONT_NAME, size=11, bold=c.role == HEAD)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(
                start_row=row, start_column=col, end_row=row + c.rowspan - 1, end_column=col + c.colspan - 1
            )


def _widths(ws, widths: list[float]) -> None:
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w


def _text_rows(ws, row: int, lines: list[str]) -> int:
    for line in lines or ["无。"]:
        ws.cell(row=row, column=1, value=line).alignment = TEXT
        ws.cell(row=row, column=1).font = Font(name="仿宋", size=12)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=SHEET_TEXT_COLUMNS)
        ws.row_dimensions[row].height = max(18, 16 * (len(line) // 45 + 1))  # ~45 characters a line
        row += 1
    return row


def report_xlsx(figures: ReportFigures) -> bytes:
    book = Workbook()
    book.properties.title = figures.title
    titles = dict(SECTIONS)

    ws = book.active
    ws.title = "一、总体情况"
    _title(ws, 1, figures.title + ("（草稿）" if is_draft(figures) else ""), SHEET_TEXT_COLUMNS, size=18)
    _title(ws, 2, titles["overview"], SHEET_TEXT_COLUMNS)
    row = 3
    for key, heading in OVERVIEW_HEADINGS:
        ws.cell(row=row, column=1, value=heading).font = Font(name="楷体", size=12, bold=True)
        row = _text_rows(ws, row + 1, paragraphs(figures.overview.get(key, "")))
    _widths(ws, [12] * SHEET_TEXT_COLUMNS)
    _print_setup(ws)

    ws = book.create_sheet("二、主动公开")
    _title(ws, 1, titles["proactive"], 4)
    row = 2
    for grid in table2_grids(figures):
        ws.cell(row=row, column=1, value=grid.caption).font = Font(name=FONT_NAME, size=11, bold=True)
        ws.cell(row=row, column=1).alignment = LEFT
        for k in range(1, 5):
            ws.cell(row=row, column=k).border = BORDER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        _write_grid(ws, grid, row + 1)
        row += 1 + grid.n_rows
    _widths(ws, [22, 16, 16, 16])
    _print_setup(ws)

    for name, key, grid, widths in (
        ("三、依申请公开", "applications", table3_grid(figures), [8, 14, 34]),
        ("四、复议诉讼", "appeals", table4_grid(figures), [16]),
    ):
        ws = book.create_sheet(name)
        if grid is None:
            _title(ws, 1, titles[key], 8)
            ws.cell(row=2, column=1, value="无数据")
            _print_setup(ws)
            continue
        _title(ws, 1, titles[key], grid.n_cols)
        _write_grid(ws, grid, 2)
        labels = widths if len(widths) == grid.label_cols else [16] * grid.label_cols
        _widths(ws, labels + [11] * (grid.n_cols - grid.label_cols))
        _print_setup(ws, landscape=True, title_rows=f"1:{1 + grid.header_rows}")

    ws = book.create_sheet("五、六、问题及其他")
    _title(ws, 1, titles["problems"], SHEET_TEXT_COLUMNS)
    row = _text_rows(ws, 2, paragraphs(figures.problems))
    _title(ws, row, titles["other"], SHEET_TEXT_COLUMNS)
    row = _text_rows(ws, row + 1, paragraphs(figures.other))
    others = other_figure_rows(figures)
    if others:
        cells = [Cell("事项", 0, 0, 1, 6, HEAD), Cell("数量", 0, 6, 1, 2, HEAD)]
        for i, (label, fig) in enumerate(others, start=1):
            value = "" if fig.value is None else str(fig.value)
            cells += [Cell(label, i, 0, 1, 6, ROW_HEAD), Cell(value, i, 6, 1, 2, figure=fig)]
        _write_grid(ws, Grid("other", "其他需要报告的数据", len(others) + 1, 8, 1, tuple(cells), 1), row + 1)
    _widths(ws, [12] * SHEET_TEXT_COLUMNS)
    _print_setup(ws)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
