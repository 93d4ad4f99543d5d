"""The annual report as a Word file: A4, GB/T 9704 margins and fonts (gongkai.common.officialdoc),
the tables with the merged cells of the official format, page numbers in the footer.

Fonts: title 2号方正小标宋简体; body 3号仿宋_GB2312, first line indented two characters; first-level
headings (一、总体情况) 3号黑体; second-level (（一）主动公开) 3号楷体_GB2312; tables 5号宋体 (表四's
fifteen columns 小五). Page numbers "— 1 —" in 4号宋体 at the foot (GB/T 9704 §7.5: odd pages right,
even pages left, one character in from the edge of the 版心).
"""

from __future__ import annotations

import io
from copy import deepcopy
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from gongkai.common.officialdoc import (
    BODY_FONT,
    BODY_SIZE,
    LINE_PITCH,
    MARGINS,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TITLE_FONT,
    TITLE_SIZE,
)

from .report_data import OVERVIEW_HEADINGS, SECTIONS, ReportFigures
from .reports_render_layout import (
    DATA,
    HEAD,
    ROW_HEAD,
    Cell,
    Grid,
    format_value,
    is_draft,
    other_figure_rows,
    paragraphs,
    table2_grids,
    table3_grid,
    table4_grid,
)

HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TABLE_FONT, TABLE_SIZE, TABLE_SIZE_SMALL = "宋体", 10.5, 9  # 五号, 小五
PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE = "宋体", 14  # 四号
TEXT_WIDTH_MM = 156  # 版心
ENTERED_MARK = "注"
_XML_INVALID = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


_RUN_PROPERTIES: dict[tuple[str, float, bool], object] = {}


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    """Font, size and weight of a run, the East Asian font included (Word picks 仿宋 for Chinese text
    from w:eastAsia). One parsed <w:rPr> per combination, copied into each run: setting the three
    through python-docx's properties costs several element look-ups per run, and a report has ~600."""
    key = (name, size, bold)
    template = _RUN_PROPERTIES.get(key)
    if template is None:
        font = escape(name, {'"': "&quot;"})
        weight = "<w:b/>" if bold else '<w:b w:val="0"/>'
        half_points = round(size * 2)
        template = _RUN_PROPERTIES[key] = parse_xml(
            f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>'
            f'{weight}<w:sz w:val="{half_points}"/></w:rPr>'
        )
    r = run._r
    if r.rPr is not None:
        r.remove(r.rPr)
    r.insert(0, deepcopy(template))


def _exact(paragraph, pitch=LINE_PITCH) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = fmt.space_after = Pt(0)


def _para(doc, text: str, *, font=BODY_FONT, size=BODY_SIZE, align=None, indent=True, bold=False):
    p = doc.add_paragraph()
    _exact(p)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text.translate(_XML_INVALID)), font, size, bold=bold)
    return p


def _page_number(paragraph) -> None:
    _font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    run = paragraph.add_run()
    _font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    _font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _page_number_footers(doc, section) -> None:
    """单页码居右空一字，双页码居左空一字 (GB/T 9704 §7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    _page_number(even)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _write_cell(cell, grid_cell: Cell, size: float) -> None:
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    p = cell.paragraphs[0]
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure = grid_cell.figure
    _font(p.add_run(grid_cell.text.translate(_XML_INVALID)), TABLE_FONT, size, bold=grid_cell.role == HEAD)
    if figure is not None and figure.entered:
        mark = p.add_run(ENTERED_MARK)
        _font(mark, TABLE_FONT, size)
        mark.font.superscript = True


def _add_grid(doc, blocks: list[tuple[str | None, Grid]], widths_mm: list[float], size: float):
    """One Word table of `blocks` stacked: each block's optional heading row (merged across), then its
    grid with the grid's merges. Returns the table."""
    n_cols = len(widths_mm)
    n_rows = sum(g.n_rows + (1 if heading else 0) for heading, g in blocks)
    table = doc.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # One snapshot of the cells before any merge: table.cell() walks the whole table each call
    # (quadratic); the merge regions never overlap, so the snapshot's cells stay valid.
    snapshot = table._cells
    for j, column in enumerate(table.columns):  # w:gridCol (LibreOffice and WPS read these)
        column.width = Mm(widths_mm[j])
    for i, cell in enumerate(snapshot):
        cell.width = Mm(widths_mm[i % n_cols])

    def at(r: int, c: int):
        return snapshot[r * n_cols + c]

    offset = 0
    for heading, grid in blocks:
        if heading:
            merged = at(offset, 0).merge(at(offset, n_cols - 1))
            _write_cell(merged, Cell(heading, offset, 0, 1, n_cols, HEAD), size)
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            offset += 1
        elif offset == 0:
            for r in range(grid.header_rows):
                _repeat_header(table.rows[r])
        for c in grid.cells:
            target = at(offset + c.row, c.col)
            if c.rowspan > 1 or c.colspan > 1:
                target = target.merge(at(offset + c.row + c.rowspan - 1, c.col + c.colspan - 1))
            _write_cell(target, c, size)
            if c.role not in (DATA, HEAD):  # row labels and the corner read from the left
                target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
        offset += grid.n_rows
    return table


def _label_widths(grid: Grid, label_total: float) -> list[float]:
    figures = grid.n_cols - grid.label_cols
    fig_w = (TEXT_WIDTH_MM - label_total) / max(figures, 1)
    if grid.label_cols == 3:  # 表三: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密
        labels = [12.0, 20.0, label_total - 32.0]
    else:
        labels = [label_total / max(grid.label_cols, 1)] * grid.label_cols
    return labels + [fig_w] * figures


def report_docx(figures: ReportFigures) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for name, value in MARGINS.items():
        setattr(section, name, value)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _page_number_footers(doc, section)
    core = doc.core_properties
    core.title, core.language = figures.title, "zh-CN"

    _para(doc, figures.title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    if is_draft(figures):
        p = _para(
            doc,
            "（草稿：年度尚未结束，数字截至生成之日，不能发布）",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            indent=False,
        )
        p.runs[0].font.color.rgb = RGBColor(0xA8, 0x17, 0x1D)
    _para(doc, "", indent=False)
    _para(
        doc,
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
        "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        f"本报告所列数据的统计期限自{figures.year}年1月1日起至{figures.year}年12月31日止。",
    )
    if figures.consolidated:
        _para(doc, f"本报告汇总{figures.agency_name}及所属部门、下级政府的数据。")
    titles = dict(SECTIONS)

    def heading1(key: str) -> None:
        _para(doc, titles[key], font=HEADING1_FONT)

    def body(text: str) -> None:
        for line in paragraphs(text) or ["无。"]:
            _para(doc, line)

    heading1("overview")
    for key, heading in OVERVIEW_HEADINGS:
        _para(doc, heading, font=HEADING2_FONT)
        body(figures.overview.get(key, ""))

    heading1("proactive")
    grids2 = table2_grids(figures)
    _add_grid(doc, [(g.caption, g) for g in grids2], [42.0, 38.0, 38.0, 38.0], TABLE_SIZE)

    heading1("applications")
    grid3 = table3_grid(figures)
    if grid3:
        _add_grid(doc, [(None, grid3)], _label_widths(grid3, 64.0), TABLE_SIZE)
    else:
        body("")

    heading1("appeals")
    grid4 = table4_grid(figures)
    if grid4:
        label_total = 16.0 if grid4.label_cols else 0.0
        _add_grid(doc, [(None, grid4)], _label_widths(grid4, label_total), TABLE_SIZE_SMALL)
    else:
        body("")

    heading1("problems")
    body(figures.problems)
    heading1("other")
    body(figures.other)
    others = other_figure_rows(figures)
    if others:
        cells = [Cell("事项", 0, 0, role=HEAD), Cell("数量", 0, 1, role=HEAD)]
        for i, (label, fig) in enumerate(others, start=1):
            cells += [Cell(label, i, 0, role=ROW_HEAD), Cell(format_value(fig.value), i, 1, figure=fig)]
        grid = Grid("other", "其他需要报告的数据", len(others) + 1, 2, 1, tuple(cells), 1)
        _add_grid(doc, [(None, grid)], [110.0, 46.0], TABLE_SIZE)
    entered = any(
        c.figure is not None and c.figure.entered for g in [*grids2, grid3, grid4] if g for c in g.cells
    ) or any(fig.entered for _, fig in others)
    if entered:
        _para(doc, "", indent=False)
        _para(doc, "注：标有“注”字的数字由工作人员填报，没有对应的业务记录。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
