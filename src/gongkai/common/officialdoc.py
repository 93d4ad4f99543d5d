"""A Word file laid out as an official document by GB/T 9704-2012 《党政机关公文格式》.

Pure: python-docx, no Django. A4 paper (§5.2.1), margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm (§5.2.2: 版心 156 mm × 225 mm), 22 lines of 28 characters; the title in 2号小标宋
(22 pt), the body in 3号仿宋 (16 pt), the 发文字号 in 3号仿宋 centred under the title, the 落款 and
the 成文日期 at the right, four characters in. Fonts fall back where they are not installed. Every
piece of text goes into a run as plain text: markup a citizen typed stays visible characters.
Used by the notices of applications and the prompt letters of interaction.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.common.dates import zh_date

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
TITLE_FONT, TITLE_SIZE = "方正小标宋简体", 22  # 二号
BODY_FONT, BODY_SIZE = "仿宋_GB2312", 16  # 三号
LINE_PITCH = Pt(28.95)  # 225 mm of 版心 over 22 lines
SEAL_PLACEHOLDER = "（印章）"
_XML_INVALID = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])  # control characters Word refuses


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, *, font=BODY_FONT, size=BODY_SIZE, align=None, indent: bool = False):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # 首行缩进二字
    _font(p.add_run(text.translate(_XML_INVALID)), font, size)
    return p


def build_official_docx(
    *, title: str, number: str, text: str, signer: str, on: date | None, seal: bool = True
) -> bytes:
    """The .docx of an official document: title, 发文字号, body (one paragraph a line), 落款, date.

    A line of the body ending with a colon (the addressee, 张三：) is not indented; the others are
    indented two characters.
    """
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for name, value in MARGINS.items():
        setattr(section, name, value)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _paragraph(doc, title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    if number:
        _paragraph(doc, number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "")
    for line in text.splitlines():
        stripped = line.strip()
        _paragraph(doc, stripped, indent=bool(stripped) and not stripped.endswith(("：", ":")))
    _paragraph(doc, "")
    closing = [signer, SEAL_PLACEHOLDER] if seal else [signer]
    for line in (*closing, zh_date(on) or "    年  月  日"):
        p = _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(BODY_SIZE * 4)  # 成文日期右空四字 (§7.3.5.1)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """All paragraphs of a .docx, one per line (tests and stored-copy checks)."""
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
