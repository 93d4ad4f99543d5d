"""The report's outputs, through the renderers of `reports_render` (the official layout, .docx, .xlsx):
the one place the pages and actions of the annual report call them."""

from __future__ import annotations

from django.utils.safestring import SafeString

from .report_data import ReportFigures
from .reports_render import render_html, report_filename
from .reports_render_docx import report_docx
from .reports_render_xlsx import report_xlsx


def html(figures: ReportFigures, *, public: bool = False, heading_level: int = 2) -> SafeString:
    """The staff preview links every figure to its records; the public page only public targets."""
    return render_html(figures, links=True, public=public, heading_level=heading_level)


def docx(figures: ReportFigures) -> bytes:
    return report_docx(figures)


def xlsx(figures: ReportFigures) -> bytes:
    return report_xlsx(figures)


def filename(figures: ReportFigures, ext: str) -> str:
    return report_filename(figures, ext)
