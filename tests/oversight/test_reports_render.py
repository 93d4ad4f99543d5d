"""The annual report's renderers (oversight.reports_render): the page in the official layout, the .docx
and the .xlsx, read back and checked against the hand-balanced fixtures of report_fixtures."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import load_workbook

from gongkai.oversight.report_data import OVERVIEW_HEADINGS, SECTIONS, Figure
from gongkai.oversight.reports_render import (
    is_public_url,
    render_html,
    report_docx,
    report_filename,
    report_xlsx,
)

from .report_fixtures import blank_draft, county_2025, finance_2025


class _Tables(HTMLParser):
    """Every <table> of a page: id -> rows of cells {tag, attrs, text, html}; also headings in order."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[dict]]] = {}
        self.headings: list[tuple[str, str]] = []
        self._table = None
        self._cell = None
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id", f"t{len(self.tables)}"), [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("th", "td") and self._table is not None:
            self._cell = {"tag": tag, "attrs": attrs, "text": "", "links": [], "sup": ""}
            self._table[-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell["links"].append(attrs["href"])
        elif tag == "sup" and self._cell is not None:
            self._cell["sup"] = "yes"
        elif tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("th", "td"):
            self._cell = None
        elif tag in ("h1", "h2", "h3", "h4") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        if self._heading is not None:
            self._heading[1] += data


def _parse(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(str(html))
    return parser


def _span(cell, name):
    return int(cell["attrs"].get(name, 1))


def _grid_width(rows: list[list[dict]]) -> list[int]:
    """The HTML table algorithm: each row's width once the cells spanning down from above are placed;
    fails on an overlap."""
    taken: set[tuple[int, int]] = set()
    widths = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            for i in range(_span(cell, "rowspan")):
                for j in range(_span(cell, "colspan")):
                    assert (r + i, col + j) not in taken, f"cells overlap at row {r + i}, column {col + j}"
                    taken.add((r + i, col + j))
            col += _span(cell, "colspan")
        widths.append(max(c for rr, c in taken if rr == r) + 1)
    return widths


def _by_text(rows, text):
    return next(c for row in rows for c in row if c["text"].strip() == text)


def _values(row) -> list[str]:
    return [c["text"].strip() for c in row if c["tag"] == "td"]


# --- the page -------------------------------------------------------------------------------------


def test_sections_and_overview_headings_in_official_order():
    page = _parse(render_html(finance_2025()))
    assert page.headings[0] == ("h1", "示范县财政局2025年政府信息公开工作年度报告")
    assert [text for tag, text in page.headings if tag == "h2"] == [label for _, label in SECTIONS]
    assert [text for tag, text in page.headings if tag == "h3"] == [label for _, label in OVERVIEW_HEADINGS]
    shifted = _parse(render_html(finance_2025(), heading_level=2))
    assert shifted.headings[0][0] == "h2" and {t for t, _ in shifted.headings[1:]} == {"h3", "h4"}


def test_table3_has_the_merged_header_and_row_labels_of_the_format():
    rows = _parse(render_html(finance_2025())).tables["report-table3"]
    assert set(_grid_width(rows)) == {10}  # 3 label columns + 6 applicant columns + 总计, every row
    corner = rows[0][0]
    assert corner["text"].startswith("本列数据的勾稽关系为") and (
        _span(corner, "colspan"),
        _span(corner, "rowspan"),
    ) == (3, 3)
    applicant = _by_text(rows, "申请人情况")
    assert (_span(applicant, "colspan"), applicant["attrs"]["scope"]) == (7, "colgroup")
    assert _span(_by_text(rows, "法人或其他组织"), "colspan") == 5
    assert _span(_by_text(rows, "自然人"), "rowspan") == 2 and _span(_by_text(rows, "总计"), "rowspan") == 2
    assert [c["text"] for c in rows[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    results = _by_text(rows, "三、本年度办理结果")
    assert (_span(results, "rowspan"), results["attrs"]["scope"]) == (22, "rowgroup")  # （一）…（七）
    assert _span(_by_text(rows, "（三）不予公开"), "rowspan") == 8
    assert _span(_by_text(rows, "（四）无法提供"), "rowspan") == 3
    assert _span(_by_text(rows, "（五）不予处理"), "rowspan") == 5
    assert _span(_by_text(rows, "（一）予以公开"), "colspan") == 2
    assert _span(_by_text(rows, "一、本年新收政府信息公开申请数量"), "colspan") == 3
    body = rows[3:]
    assert len(body) == 25  # 一, 二, 22 rows of 三 (（一）…（七）), 四
    assert _values(body[0]) == ["18", "4", "1", "0", "2", "1", "26"]  # 一、本年新收
    assert _values(body[-2]) == ["18", "4", "1", "0", "2", "1", "26"]  # （七）总计
    assert _values(body[-1]) == ["2", "1", "0", "0", "0", "0", "3"]  # 四、结转下年度
    assert all(c["attrs"]["scope"] in ("row", "rowgroup") for row in body for c in row if c["tag"] == "th")


def test_table4_is_fifteen_figures_under_review_and_litigation():
    rows = _parse(render_html(finance_2025())).tables["report-table4"]
    assert set(_grid_width(rows)) == {15}
    assert _span(_by_text(rows, "行政复议"), "colspan") == 5
    assert _span(_by_text(rows, "行政诉讼"), "colspan") == 10
    assert _span(_by_text(rows, "未经复议直接起诉"), "colspan") == 5
    assert _span(_by_text(rows, "复议后起诉"), "colspan") == 5
    assert [_span(c, "rowspan") for c in rows[1][:5]] == [2] * 5
    assert _values(rows[3]) == ["1", "1", "0", "0", "2", "0", "0", "0", "1", "1", "1", "0", "0", "0", "1"]


def test_table2_is_the_four_items_of_article_20():
    page = _parse(render_html(finance_2025()))
    docs = page.tables["report-t2-documents"]
    assert [c["text"] for c in docs[0]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [c["text"] for c in docs[1] + docs[2] if c["tag"] == "th"] == ["规章", "行政规范性文件"]
    assert _values(docs[2]) == ["3", "1", "12"]
    assert _values(page.tables["report-t2-licensing"][1]) == ["6"]
    enforcement = page.tables["report-t2-enforcement"]
    assert [r[0]["text"] for r in enforcement[1:]] == ["行政处罚", "行政强制"]
    fees = page.tables["report-t2-fees"]
    assert fees[0][1]["text"] == "本年收费金额（单位：万元）" and _span(fees[0][1], "colspan") == 3
    assert fees[1][1]["text"].startswith("3.60") and fees[1][1]["sup"]  # entered: marked 注
    html = str(render_html(finance_2025()))
    for caption in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        assert f">{caption}</caption>" in html


def test_figures_link_to_their_records_and_entered_ones_are_marked():
    figures = finance_2025(agency_id=7)
    page = _parse(render_html(figures))
    first = page.tables["report-table3"][3]
    assert all(
        c["links"] == ["/workbench/applications/?year=2025&agency=7"] for c in first if c["tag"] == "td"
    )
    fees = page.tables["report-t2-fees"][1][1]
    assert fees["links"] == [] and fees["sup"]  # typed by staff: nothing to link to
    other = page.tables["report-other-figures"]
    deputies = next(r for r in other if r[0]["text"] == "办理人大代表建议件数")
    assert deputies[1]["links"] == [] and deputies[1]["sup"]
    html = str(render_html(figures))
    assert "标有“注”字的数字由工作人员填报" in html
    unlinked = _parse(render_html(figures, links=False))
    assert all(not c["links"] for rows in unlinked.tables.values() for row in rows for c in row)


def test_public_page_links_only_public_targets_and_hides_checks():
    county = county_2025()
    page = _parse(render_html(county, public=True))
    links = {href for rows in page.tables.values() for row in rows for c in row for href in c["links"]}
    assert links == {"/zhengce/?kind=normative&year=2025"}  # the staff lists stay unlinked
    assert is_public_url("/zhengce/?kind=normative") and not is_public_url(
        "/workbench/applications/?year=2025"
    )
    draft = blank_draft(2025)
    staff, public = str(render_html(draft)), str(render_html(draft, public=True))
    assert "勾稽关系不成立" in staff and "自然人列" in staff
    assert "勾稽关系不成立" not in public and "自然人列" not in public


def test_blank_figures_are_a_visible_gap_in_the_preview():
    draft = blank_draft(2025)
    staff = _parse(render_html(draft))
    first = staff.tables["report-table3"][3]
    assert all(
        c["text"].startswith("待填") and "is-blank" in c["attrs"]["class"] for c in first if c["tag"] == "td"
    )
    fees = staff.tables["report-t2-fees"][1][1]
    assert fees["text"].startswith("待填")
    assert "（待填写）" in str(render_html(draft))  # empty texts too
    assert "（表四尚无数据）" in str(render_html(draft))
    public = _parse(render_html(draft, public=True))
    assert [c["text"] for c in public.tables["report-table3"][3] if c["tag"] == "td"] == ["—"] * 7


def test_a_year_not_ended_is_marked_draft():
    this_year = timezone.localdate().year
    assert "report-draft" in str(render_html(blank_draft(this_year)))
    assert "report-draft" not in str(render_html(finance_2025(year=this_year - 1)))
    assert report_filename(finance_2025(year=this_year), "docx").endswith("（草稿）.docx")


def test_staff_text_is_escaped_and_kept_in_paragraphs():
    figures = finance_2025()
    figures.problems = '第一段<script>alert(1)</script>\n\n第二段 <a href="x">链接</a>'
    html = str(render_html(figures))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert (
        "<p>第一段&lt;script&gt;alert(1)&lt;/script&gt;</p><p>第二段 &lt;a href=&quot;x&quot;&gt;链接&lt;/a&gt;</p>"
        in html
    )


def test_filename():
    figures = finance_2025(year=2025)
    assert report_filename(figures, "xlsx") == "示范县财政局2025年政府信息公开工作年度报告.xlsx"
    figures.title = '示范县/财政局:2025?年报"'
    assert report_filename(figures, ".docx") == "示范县财政局2025年报.docx"


# --- .docx ----------------------------------------------------------------------------------------


def _east_asian(run) -> str:
    return run._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )


def test_docx_layout_fonts_and_page_numbers():
    doc = Document(io.BytesIO(report_docx(finance_2025())))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]  # GB/T 9704
    paras = {p.text: p for p in doc.paragraphs if p.text}
    title = paras["示范县财政局2025年政府信息公开工作年度报告"]
    assert _east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    for _, label in SECTIONS:
        assert _east_asian(paras[label].runs[0]) == "黑体"
    for _, label in OVERVIEW_HEADINGS:
        assert _east_asian(paras[label].runs[0]) == "楷体_GB2312"
    body = next(p for text, p in paras.items() if text.startswith("全年收到政府信息公开申请26件"))
    assert _east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    order = [p.text for p in doc.paragraphs if p.text in dict(SECTIONS).values()]
    assert order == [label for _, label in SECTIONS]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert "PAGE" in footer._element.xml and 'w:fldCharType="begin"' in footer._element.xml
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        assert _east_asian(footer.runs[0]) == "宋体" and footer.runs[0].font.size == Pt(14)
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)


def test_docx_tables_merge_the_cells_of_the_format():
    doc = Document(io.BytesIO(report_docx(finance_2025())))
    t2, t3, t4, other = doc.tables
    # 表三: corner 3×3, 申请人情况 over seven, 法人或其他组织 over five, row labels merged down
    assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc and t3.cell(0, 0).text.startswith("本列数据的勾稽关系")
    assert t3.cell(0, 3)._tc is t3.cell(0, 9)._tc and t3.cell(0, 3).text == "申请人情况"
    assert t3.cell(1, 4)._tc is t3.cell(1, 8)._tc and t3.cell(1, 4).text == "法人或其他组织"
    assert t3.cell(1, 3)._tc is t3.cell(2, 3)._tc and t3.cell(1, 3).text == "自然人"
    assert t3.cell(5, 0)._tc is t3.cell(26, 0)._tc and t3.cell(5, 0).text == "三、本年度办理结果"
    assert t3.cell(7, 1)._tc is t3.cell(14, 1)._tc and t3.cell(7, 1).text == "（三）不予公开"
    assert t3.cell(3, 0)._tc is t3.cell(3, 2)._tc
    assert [t3.cell(3, c).text for c in range(3, 10)] == ["18", "4", "1", "0", "2", "1", "26"]
    assert [t3.cell(27, c).text for c in range(3, 10)] == ["2", "1", "0", "0", "0", "0", "3"]
    assert _east_asian(t3.cell(3, 3).paragraphs[0].runs[0]) == "宋体"
    for table in doc.tables:  # every table fills the 156 mm of the 版心 and no more
        assert round(sum(column.width.mm for column in table.columns)) == 156
    # 表四: 15 figures under 行政复议 (5) and 行政诉讼 (10)
    assert t4.cell(0, 0)._tc is t4.cell(0, 4)._tc and t4.cell(0, 5)._tc is t4.cell(0, 14)._tc
    assert t4.cell(1, 0)._tc is t4.cell(2, 0)._tc and t4.cell(1, 5)._tc is t4.cell(1, 9)._tc
    assert [t4.cell(3, c).text for c in range(15)] == "1 1 0 0 2 0 0 0 1 1 1 0 0 0 1".split()
    # 表二: four items stacked, each with its heading row across; the entered fee marked 注
    assert t2.cell(0, 0)._tc is t2.cell(0, 3)._tc and t2.cell(0, 0).text == "第二十条第（一）项"
    assert [t2.cell(3, c).text for c in range(4)] == ["行政规范性文件", "3", "1", "12"]
    fee_row = next(r for r in range(len(t2.rows)) if t2.cell(r, 0).text == "行政事业性收费")
    fee = t2.cell(fee_row, 1)
    assert fee._tc is t2.cell(fee_row, 3)._tc and fee.text == "3.60注"
    assert fee.paragraphs[0].runs[-1].font.superscript
    assert other.cell(5, 0).text == "办理人大代表建议件数" and other.cell(5, 1).text == "5注"


def test_docx_of_a_consolidated_report_and_of_a_blank_draft():
    doc = Document(io.BytesIO(report_docx(county_2025())))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "本报告汇总示范县人民政府及所属部门、下级政府的数据。" in text
    assert doc.tables[1].cell(3, 9).text == "300"  # 241+37+3+2+11+6
    this_year = timezone.localdate().year
    draft = Document(io.BytesIO(report_docx(blank_draft(this_year))))
    assert any(p.text.startswith("（草稿") for p in draft.paragraphs)
    assert len(draft.tables) == 2  # 表二, 表三; no 表四 yet
    assert draft.tables[1].cell(3, 3).text == ""


# --- .xlsx ----------------------------------------------------------------------------------------


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_xlsx_sheets_merges_values_and_identities():
    book = load_workbook(io.BytesIO(report_xlsx(finance_2025())))
    assert book.sheetnames == [
        "一、总体情况",
        "二、主动公开",
        "三、依申请公开",
        "四、复议诉讼",
        "五、六、问题及其他",
    ]
    ws = book["三、依申请公开"]
    assert ws["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A5:C5", "A7:A28", "B9:B16", "B7:C7"} <= _merged(ws)
    assert ws["D2"].value == "申请人情况" and ws["E4"].value == "商业企业"
    rows = {
        ws.cell(row=r, column=1).value or ws.cell(row=r, column=2).value or ws.cell(row=r, column=3).value: r
        for r in range(5, 30)
    }
    new, carried_in = rows["一、本年新收政府信息公开申请数量"], rows["二、上年结转政府信息公开申请数量"]
    carried_out = rows["四、结转下年度继续办理"]
    total = next(r for r in range(5, 30) if ws.cell(row=r, column=2).value == "（七）总计")
    for col in range(4, 11):  # D..J: the identities of the format hold in the workbook

        def v(r, col=col):
            return ws.cell(row=r, column=col).value

        assert v(new) + v(carried_in) == v(total) + v(carried_out)
        assert v(total) == sum(v(r) for r in range(total - 21, total))
    assert [ws.cell(row=new, column=c).value for c in range(4, 11)] == [18, 4, 1, 0, 2, 1, 26]
    assert all(isinstance(ws.cell(row=new, column=c).value, int) for c in range(4, 11))
    assert ws.cell(row=new, column=4).number_format == "0"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["C"].width == 34
    ws4 = book["四、复议诉讼"]
    assert {"A2:E2", "F2:O2", "A3:A4", "F3:J3", "K3:O3"} <= _merged(ws4)
    assert [ws4.cell(row=5, column=c).value for c in range(1, 16)] == [
        1,
        1,
        0,
        0,
        2,
        0,
        0,
        0,
        1,
        1,
        1,
        0,
        0,
        0,
        1,
    ]
    ws2 = book["二、主动公开"]
    fee_row = next(r for r in range(1, 30) if ws2.cell(row=r, column=1).value == "行政事业性收费")
    fee = ws2.cell(row=fee_row, column=2)
    assert fee.value == 3.6 and fee.number_format == "0.00" and "人工填报" in fee.comment.text
    assert f"B{fee_row}:D{fee_row}" in _merged(ws2)
    assert ws2["A2"].value == "第二十条第（一）项" and "A2:D2" in _merged(ws2)
    ws1 = book["一、总体情况"]
    assert ws1["A1"].value == "示范县财政局2025年政府信息公开工作年度报告" and "A1:H1" in _merged(ws1)
    texts = [ws1.cell(row=r, column=1).value for r in range(1, ws1.max_row + 1)]
    assert [t for t in texts if t in dict(OVERVIEW_HEADINGS).values()] == [h for _, h in OVERVIEW_HEADINGS]
    ws5 = book["五、六、问题及其他"]
    texts5 = [ws5.cell(row=r, column=1).value for r in range(1, ws5.max_row + 1)]
    assert "五、存在的主要问题及改进情况" in texts5 and "六、其他需要报告的事项" in texts5
    assert any(t and t.startswith("二是政策解读形式较为单一") for t in texts5)


def test_xlsx_leaves_blank_figures_empty():
    book = load_workbook(io.BytesIO(report_xlsx(blank_draft(2025))))
    ws = book["三、依申请公开"]
    assert [ws.cell(row=5, column=c).value for c in range(4, 11)] == [None] * 7
    assert book["四、复议诉讼"]["A2"].value == "无数据"


@pytest.mark.parametrize("value,text", [(7, "7"), (Decimal("12.50"), "12.50"), (Decimal("0"), "0")])
def test_amounts_keep_their_decimals(value, text):
    figures = finance_2025()
    figures.table2["fees"] = Figure(value, entered=True)
    cell = _parse(render_html(figures)).tables["report-t2-fees"][1][1]
    assert re.sub(r"注.*", "", cell["text"]) == text


def test_a_builders_own_header_is_laid_out_too():
    """The builder may word the header itself; an empty header gets the format's, a narrow one a 项目
    corner over the row labels."""
    from gongkai.oversight.report_data import Table

    figures = finance_2025()
    own = (
        (
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 7, 1),
        ),
    )
    own += figures.table3.header[1:]
    figures.table3 = Table(own, figures.table3.rows)
    rows = _parse(render_html(figures)).tables["report-table3"]
    assert rows[0][0]["attrs"]["class"] == "corner" and set(_grid_width(rows)) == {10}
    figures.table3 = Table((), figures.table3.rows)
    rows = _parse(render_html(figures)).tables["report-table3"]
    assert rows[0][0]["text"].startswith("本列数据的勾稽关系为") and set(_grid_width(rows)) == {10}
    narrow = ((("结果维持", 1, 1),) * 15,)
    figures.table4 = Table(narrow, ((("合计",), figures.table4.rows[0][1]),))
    rows = _parse(render_html(figures)).tables["report-table4"]
    assert rows[0][0]["text"] == "项目" and set(_grid_width(rows)) == {16}
