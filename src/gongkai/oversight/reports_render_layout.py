"""The annual report's tables as grids of merged cells, shared by the three renderers (HTML, .docx,
.xlsx) so the page, the Word file and the workbook merge exactly the same cells.

The layout follows the official format (国办公开办函〔2021〕30号): 表二 is four small tables, one per
item of 条例第二十条 (（一）（五）（六）（八）项), each four columns wide; 表三 has the 申请人情况 header
spanning the seven applicant columns, 法人或其他组织 spanning its five, and the row labels merged
down (三、本年度办理结果, （三）不予公开 …); 表四 has 行政复议 and 行政诉讼 over 未经复议直接起诉 /
复议后起诉, one row of fifteen figures. Pure: no Django, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .report_data import (
    TABLE2_DECISION_ROWS,
    TABLE2_DOCUMENT_COLUMNS,
    TABLE2_DOCUMENT_ROWS,
    TABLE2_FEE_ROW,
    Figure,
    ReportFigures,
    Table,
)

# The header of 表三 as the format draws it (text, colspan, rowspan). The corner cell carries the
# identity the format prints there.
TABLE3_CORNER = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"
TABLE3_ORGANISATIONS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
OFFICIAL_TABLE3_HEADER: tuple[tuple[tuple[str, int, int], ...], ...] = (
    ((TABLE3_CORNER, 3, 3), ("申请人情况", 7, 1)),
    (("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)),
    tuple((label, 1, 1) for label in TABLE3_ORGANISATIONS),
)
APPEAL_RESULT_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
OFFICIAL_TABLE4_HEADER: tuple[tuple[tuple[str, int, int], ...], ...] = (
    (("行政复议", 5, 1), ("行政诉讼", 10, 1)),
    (
        *((label, 1, 2) for label in APPEAL_RESULT_LABELS),
        ("未经复议直接起诉", 5, 1),
        ("复议后起诉", 5, 1),
    ),
    tuple((label, 1, 1) for label in APPEAL_RESULT_LABELS * 2),
)
TABLE2_DECISION_HEADING = "本年处理决定数量"
TABLE2_FEE_HEADING = "本年收费金额（单位：万元）"
TABLE2_CONTENT_HEADING = "信息内容"

# 六's figures: labels of the keys the report builder (reports_figures.OTHER_FIGURES) uses; any other
# key is shown as it is (a builder may use the Chinese label itself as the key).
OTHER_FIGURE_LABELS = {
    "fees.notices": "依据《政府信息公开信息处理费管理办法》发出收费通知的件数",
    "fees.amount": "依据《政府信息公开信息处理费管理办法》收取信息处理费的总金额（元）",
    "plans.total": "年度政务公开工作要点任务数",
    "plans.done": "工作要点任务已完成数",
    "plans.overdue": "工作要点任务超期未完成数",
    "npc_suggestions": "办理人大代表建议件数",
    "cppcc_proposals": "办理政协提案件数",
}

HEAD, ROW_HEAD, DATA, CORNER = "head", "row_head", "data", "corner"


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: str = DATA  # HEAD (column header), ROW_HEAD (row label), DATA (a figure), CORNER
    figure: Figure | None = None


@dataclass(frozen=True)
class Grid:
    """A table: `header_rows` rows of column headers, then the body; cells carry their spans and
    every position of the grid is covered by exactly one cell."""

    key: str
    caption: str
    n_rows: int
    n_cols: int
    header_rows: int
    cells: tuple[Cell, ...]
    label_cols: int = 0

    def by_row(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            rows[cell.row].append(cell)
        for row in rows:
            row.sort(key=lambda c: c.col)
        return rows

    def merges(self) -> list[Cell]:
        return [c for c in self.cells if c.rowspan > 1 or c.colspan > 1]


def format_value(value) -> str:
    """A figure as printed: integers plainly, amounts with their decimals (12.50 stays 12.50)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def is_draft(figures: ReportFigures, today: date | None = None) -> bool:
    """A report for a year not yet ended is a draft (allowed, clearly marked)."""
    if today is None:
        from django.utils import timezone

        today = timezone.localdate()
    return figures.year >= today.year


def _place_header(
    header: tuple[tuple[tuple[str, int, int], ...], ...], n_cols: int, label_cols: int = 0
) -> tuple[list[Cell], int]:
    """Header cells on the grid (the HTML table algorithm: each cell takes the next free column).
    A header narrower than the table gets a corner cell 项目 over the label columns."""
    cells: list[Cell] = []
    n_rows = len(header)
    width = sum(colspan for _, colspan, _ in header[0]) if header else 0
    taken: set[tuple[int, int]] = set()
    if width < n_cols:
        pad = n_cols - width
        cells.append(Cell("项目", 0, 0, max(n_rows, 1), pad, CORNER))
        taken |= {(r, c) for r in range(max(n_rows, 1)) for c in range(pad)}
    for r, row in enumerate(header):
        col = 0
        for text, colspan, rowspan in row:
            while (r, col) in taken:
                col += 1
            role = HEAD
            if r == 0 and col == 0 and rowspan == n_rows and label_cols and colspan == label_cols:
                role = CORNER  # over the row labels: 表三's note of its identity

            cells.append(Cell(text, r, col, rowspan, colspan, role))
            taken |= {(r + i, col + j) for i in range(rowspan) for j in range(colspan)}
            col += colspan
    return cells, max(n_rows, 1)


def table_grid(key: str, caption: str, table: Table, default_header) -> Grid:
    """A `Table` of the report as a grid: its header (the official one when the table has none),
    the row labels merged down where consecutive rows share them and stretched across the label
    columns where a row has fewer labels than the deepest."""
    n_figures = max((len(figures) for _, figures in table.rows), default=0)
    depth = max((len(labels) for labels, _ in table.rows), default=0)
    n_cols = depth + n_figures
    header = table.header or default_header
    cells, header_rows = _place_header(header, n_cols, depth)
    rows = table.rows
    for i, (labels, figures) in enumerate(rows):
        r = header_rows + i
        for j, text in enumerate(labels):
            last = j == len(labels) - 1
            if not last:
                prefix = labels[: j + 1]
                if i and tuple(rows[i - 1][0][: j + 1]) == tuple(prefix):
                    continue  # merged into the cell above
                span = 1
                while i + span < len(rows) and tuple(rows[i + span][0][: j + 1]) == tuple(prefix):
                    span += 1
                cells.append(Cell(text, r, j, span, 1, ROW_HEAD))
            else:
                cells.append(Cell(text, r, j, 1, depth - j, ROW_HEAD))
        for k, figure in enumerate(figures):
            cells.append(Cell(format_value(figure.value), r, depth + k, figure=figure))
    return Grid(key, caption, header_rows + len(rows), n_cols, header_rows, tuple(cells), depth)


def _figure(figures: ReportFigures, key: str) -> Figure:
    return figures.table2.get(key) or Figure(None)


def table2_grids(figures: ReportFigures) -> list[Grid]:
    """表二 as the format's four small tables, four columns each (one figure column spans three)."""
    grids = []
    cells = [Cell(TABLE2_CONTENT_HEADING, 0, 0, role=HEAD)]
    cells += [Cell(label, 0, 1 + j, role=HEAD) for j, (_, label) in enumerate(TABLE2_DOCUMENT_COLUMNS)]
    for i, (row_key, row_label) in enumerate(TABLE2_DOCUMENT_ROWS):
        cells.append(Cell(row_label, 1 + i, 0, role=ROW_HEAD))
        for j, (col_key, _) in enumerate(TABLE2_DOCUMENT_COLUMNS):
            fig = _figure(figures, f"{row_key}.{col_key}")
            cells.append(Cell(format_value(fig.value), 1 + i, 1 + j, figure=fig))
    grids.append(Grid("documents", "第二十条第（一）项", 3, 4, 1, tuple(cells), 1))

    by_item: dict[str, list[tuple[str, str]]] = {}
    for row_key, item, label in TABLE2_DECISION_ROWS:
        by_item.setdefault(item, []).append((row_key, label))
    key_of = {"第二十条第（五）项": "licensing", "第二十条第（六）项": "enforcement"}
    fee_key, fee_item, fee_label = TABLE2_FEE_ROW
    items = [(item, rows, TABLE2_DECISION_HEADING) for item, rows in by_item.items()]
    items.append((fee_item, [(fee_key, fee_label)], TABLE2_FEE_HEADING))
    for item, rows, heading in items:
        cells = [Cell(TABLE2_CONTENT_HEADING, 0, 0, role=HEAD), Cell(heading, 0, 1, 1, 3, HEAD)]
        for i, (row_key, label) in enumerate(rows):
            fig = _figure(figures, row_key)
            cells.append(Cell(label, 1 + i, 0, role=ROW_HEAD))
            cells.append(Cell(format_value(fig.value), 1 + i, 1, 1, 3, figure=fig))
        key = key_of.get(item, rows[0][0])
        grids.append(Grid(key, item, 1 + len(rows), 4, 1, tuple(cells), 1))
    return grids


def table3_grid(figures: ReportFigures) -> Grid | None:
    if figures.table3 is None:
        return None
    return table_grid("table3", "收到和处理政府信息公开申请情况", figures.table3, OFFICIAL_TABLE3_HEADER)


def table4_grid(figures: ReportFigures) -> Grid | None:
    if figures.table4 is None:
        return None
    return table_grid("table4", "政府信息公开行政复议、行政诉讼情况", figures.table4, OFFICIAL_TABLE4_HEADER)


def other_figure_rows(figures: ReportFigures) -> list[tuple[str, Figure]]:
    return [(OTHER_FIGURE_LABELS.get(key, key), fig) for key, fig in figures.other_figures.items()]


def paragraphs(text: str) -> list[str]:
    """Staff text as paragraphs: one per non-blank line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
