"""Notices on A4 with the GB/T 9704 margins and type sizes; 文书编号 by the agency's pattern; the
reply quotes what was asked for in normal wording."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.shared import Pt

from gongkai.agencies.actions import update_agency
from gongkai.applications import actions, notices
from gongkai.common.errors import ActionRefused
from gongkai.common.numbering import document_number, number_pattern_problem
from tests.applications.helpers import REQUEST, register


def test_the_word_file_is_a4_with_the_gbt_9704_layout():
    data = notices.build_docx(
        title="政府信息公开申请答复告知书",
        number="示财依复〔2026〕3号",
        text="张三：\n本机关于2026年3月2日收到您的申请。",
        agency_name="示范县财政局",
        on=date(2026, 3, 20),
    )
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]

    def mm(length) -> float:
        return round(length.mm, 1)  # Word stores twentieths of a point

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)
    title, number, *rest = doc.paragraphs
    assert title.runs[0].font.size == Pt(22) and title.runs[0].font.name == "方正小标宋简体"
    assert number.text == "示财依复〔2026〕3号" and number.runs[0].font.size == Pt(16)
    body = next(p for p in rest if p.text.startswith("本机关"))
    assert body.runs[0].font.name == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.paragraph_format.line_spacing == Pt(28.95)


@pytest.mark.parametrize(
    ("description", "subject"),
    [
        ("请公开2026年县财政局部门预算。", "2026年县财政局部门预算"),
        ("我申请公开：《示范县2025年财政决算》。", "《示范县2025年财政决算》"),
        ("申请获取贵局2026年三公经费预算！", "2026年三公经费预算"),
        ("请依法公开“城关镇棚户区改造补偿方案”。", "城关镇棚户区改造补偿方案"),
        ("2026年部门预算", "2026年部门预算"),
        ("公开招标文件目录", "招标文件目录"),
    ],
)
def test_the_subject_in_normal_wording(description, subject):
    assert notices.subject_of(description) == subject


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{代字}依{类别}〔{年}〕{序号}号", None),
        ("示财依复〔{年}〕{序号}号", None),
        ("〔{年}〕号", "{序号}"),
        ("{代字}〔{year}〕{序号}号", "不认识的占位符"),
    ],
)
def test_number_patterns(pattern, problem):
    found = number_pattern_problem(pattern)
    assert (found is None) if problem is None else (problem in found)


def test_document_number():
    assert document_number("{代字}依{类别}〔{年}〕{序号}号", code="示财", kind_word="复", year=2026, n=3) == (
        "示财依复〔2026〕3号"
    )


@pytest.mark.django_db
def test_notices_are_numbered_in_the_agency_sequence_when_sent(county, li_ming):
    first = register(li_ming, county.finance, on=date(2026, 11, 2))
    second = register(
        li_ming, county.finance, on=date(2026, 11, 3), request=REQUEST | {"description": "决算"}
    )
    draft = first.notices.get(kind="acceptance")
    assert draft.number == ""  # a draft takes no number
    sent = [
        actions.send_notice(li_ming, first.notices.get(kind="acceptance")),
        actions.send_notice(li_ming, second.notices.get(kind="acceptance")),
    ]
    year = sent[0].sent_on.year
    assert [n.number for n in sent] == [f"示财依受〔{year}〕1号", f"示财依受〔{year}〕2号"]
    assert sent[0].number in notices.docx_text(sent[0].file.read())


@pytest.mark.django_db
def test_an_agency_sets_its_own_pattern_through_the_audited_action(county, li_ming):
    update_agency(None, county.finance, notice_number_pattern="示财公开〔{年}〕{序号}号")
    app = register(li_ming, county.finance, on=date(2026, 11, 2))
    notice = actions.send_notice(li_ming, app.notices.get(kind="acceptance"))
    assert notice.number == f"示财公开〔{notice.sent_on.year}〕1号"
    with pytest.raises(ActionRefused, match="应包含\\{序号\\}"):
        update_agency(None, county.finance, notice_number_pattern="示财〔{年}〕")
