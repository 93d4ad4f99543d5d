"""The annual report (政府信息公开工作年度报告) in the official layout of 国办公开办函〔2021〕30号: the
page (`render_html`), the Word file (`report_docx`) and the workbook (`report_xlsx`).

The renderers only lay out a `ReportFigures` (oversight.report_data); they compute nothing. The three
share the grids of merged cells of `reports_render_layout`, so the page, the .docx and the .xlsx merge
the same cells. Pages that show the report link the stylesheet with
`{% include "oversight/reports/_official_css.html" %}` in their `{% block meta %}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .report_data import OVERVIEW_HEADINGS, SECTIONS, Figure, ReportFigures
from .reports_render_docx import report_docx
from .reports_render_layout import (
    CORNER,
    HEAD,
    ROW_HEAD,
    Grid,
    format_value,
    is_draft,
    other_figure_rows,
    paragraphs,
    table2_grids,
    table3_grid,
    table4_grid,
)
from .reports_render_xlsx import report_xlsx

__all__ = ["render_html", "report_docx", "report_xlsx", "report_filename", "is_public_url", "STYLESHEET"]

STYLESHEET = "oversight/reports.css"
STAFF_PREFIXES = ("/workbench/", "/admin/", "/api/staff/")


def is_public_url(url: str) -> bool:
    """Whether a figure's source can be linked from a public page (the records lists behind most
    figures are staff pages under /workbench/, which a visitor could not open)."""
    path = urlsplit(url).path
    return bool(path) and not path.startswith(STAFF_PREFIXES)


def _figure_context(figure: Figure, link: Callable[[str], bool], public: bool) -> dict:
    blank = figure.value is None
    href = figure.source if (figure.source and not blank and link(figure.source)) else ""
    css = " ".join(
        name
        for name, on in (("figure", True), ("is-entered", figure.entered), ("is-blank", blank and not public))
        if on
    )
    return {"href": href, "blank": blank, "entered": figure.entered, "metric": figure.metric, "css": css}


def _grid_context(grid: Grid, prefix: str, link, public: bool) -> dict:
    rows = []
    for row in grid.by_row():
        out = []
        for cell in row:
            c = {"text": cell.text, "rowspan": cell.rowspan, "colspan": cell.colspan, "css": ""}
            if cell.role == HEAD:
                c.update(tag="th", scope="colgroup" if cell.colspan > 1 else "col")
            elif cell.role == CORNER:
                c.update(tag="th", scope="colgroup" if cell.colspan > 1 else "col", css="corner")
            elif cell.role == ROW_HEAD:
                c.update(tag="th", scope="rowgroup" if cell.rowspan > 1 else "row")
            else:
                c.update(tag="td", **_figure_context(cell.figure or Figure(None), link, public))
            out.append(c)
        rows.append(out)
    return {
        "id": f"{prefix}-{grid.key}",
        "key": grid.key,
        "caption": grid.caption,
        "hide_caption": grid.key in ("table3", "table4"),  # the section heading says it already
        "head": rows[: grid.header_rows],
        "body": rows[grid.header_rows :],
    }


def render_html(
    figures: ReportFigures,
    *,
    links: bool | Callable[[str], bool] = True,
    public: bool = False,
    heading_level: int = 1,
) -> SafeString:
    """The report as the official format lays it out, as an HTML fragment (an <article>).

    `links`: True links every figure to the list of records behind it, False none, or a predicate on
    the URL. `public=True` (the portal page) links only public targets (`is_public_url`), shows a
    blank figure as "—" instead of a gap to fill and leaves out the identity check messages.
    `heading_level`: the level of the title (sections one below, 一's headings two below).
    """
    if links is True or links is False:
        wanted = bool(links)
        chosen = lambda url: wanted  # noqa: E731
    else:
        chosen = links
    link = (lambda url: chosen(url) and is_public_url(url)) if public else chosen
    table2 = [_grid_context(g, "report-t2", link, public) for g in table2_grids(figures)]
    t3, t4 = table3_grid(figures), table4_grid(figures)
    other = []
    for label, fig in other_figure_rows(figures):
        other.append({"label": label, "text": format_value(fig.value), **_figure_context(fig, link, public)})
    grids = [*table2, *(_grid_context(g, "report", link, public) for g in (t3, t4) if g)]
    figures_shown = [c for g in grids for row in g["body"] for c in row if c["tag"] == "td"] + other
    level = max(1, min(heading_level, 4))
    context = {
        "figures": figures,
        "public": public,
        "draft": is_draft(figures),
        "h": {"title": level, "section": level + 1, "sub": level + 2},
        "sections": dict(SECTIONS),
        "overview": [
            (heading, paragraphs(figures.overview.get(key, ""))) for key, heading in OVERVIEW_HEADINGS
        ],
        "table2": table2,
        "table3": grids[len(table2)] if t3 else None,
        "table4": grids[-1] if t4 else None,
        "identity_errors": [] if public else figures.identity_errors,
        "problems": paragraphs(figures.problems),
        "other": paragraphs(figures.other),
        "other_figures": other,
        "any_entered": any(c["entered"] for c in figures_shown),
        "any_linked": any(c["href"] for c in figures_shown),
    }
    return SafeString(render_to_string("oversight/reports/_official.html", context))


_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def report_filename(figures: ReportFigures, ext: str) -> str:
    """ "示范县财政局2025年政府信息公开工作年度报告.docx" (a draft says so), safe on every filesystem."""
    name = _UNSAFE_IN_NAME.sub("", figures.title).strip() or f"{figures.year}年政府信息公开工作年度报告"
    if is_draft(figures):
        name += "（草稿）"
    return f"{name}.{ext.lstrip('.')}"
