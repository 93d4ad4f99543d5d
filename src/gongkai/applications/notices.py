"""The notices of an application (告知书): text from editable templates, then a Word file.

Each kind's text comes from `templates/applications/notices/<kind>.txt` (a deployment overrides a
template by putting its own file of the same name earlier in the template path); staff may edit
the text before sending; the sent text and the generated .docx are stored on the `Notice`. The
Word file is generated with python-docx: title, number, addressee, body, the agency's name, a
seal placeholder and the date, in the usual layout of an administrative notice.
"""

from __future__ import annotations

import io
from datetime import date

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .models import NoticeKind

SEAL_PLACEHOLDER = "（印章）"
TITLES = {kind.value: str(kind.label) for kind in NoticeKind}


def zh_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def notice_text(kind: str, application, **extra) -> str:
    """The default text of a notice of `kind` for `application` (without title and signature)."""
    applicant = getattr(application, "applicant", None)
    context = {
        "app": application,
        "applicant_name": applicant.name if applicant else "申请人",
        "received": zh_date(application.received_on),
        "submitted": zh_date(application.submitted_on or application.confirmed_on or application.signed_on),
        "agency": application.agency.name,
        **extra,
    }
    return render_to_string(f"applications/notices/{kind}.txt", context).strip()


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def build_docx(*, title: str, number: str, text: str, agency_name: str, on: date | None) -> bytes:
    """A .docx of the notice: 方正小标宋 title, 仿宋 body (fonts fall back where not installed)."""
    doc = Document()
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title), "方正小标宋简体", 22)
    if number:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(number), "仿宋_GB2312", 16)
    for line in text.splitlines():
        p = doc.add_paragraph()
        stripped = line.strip()
        if stripped and not stripped.endswith(("：", ":")):
            p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(stripped), "仿宋_GB2312", 16)
    doc.add_paragraph()
    for line in (agency_name, SEAL_PLACEHOLDER, zh_date(on) or "    年  月  日"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(line), "仿宋_GB2312", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """All paragraphs of a .docx, one per line (tests and the stored-copy check)."""
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
