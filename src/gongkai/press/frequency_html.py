"""The body of the frequency table (机关 × 周期) as HTML, built in Python.

The table of 500 agencies has some 1,000 rows and 6,000 cells; rendered cell by cell through the
template engine it took most of a second, as plain string building it takes milliseconds. The page
template keeps the frame (filters, caption, header); this module only writes the rows, escaping every
text it did not write itself.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import frequency


def _cell(c: frequency.Cell) -> str:
    if c.status == frequency.EXEMPT:
        text = f"不考核（{c.held}）" if c.held else "不考核"
    elif c.status == frequency.FUTURE:
        text = "—"
    else:
        text = f"{c.held} / {c.required}"
        if c.status == frequency.MISSED:
            text += ' <span class="visually-hidden">未达要求</span>'
        elif c.status == frequency.OPEN:
            text += " <small>本期</small>"
    return f'<td colspan="{c.period.months}" class="f-{c.status}" title="{c.period.label}：{c.label}">{text}</td>'


def rows_html(rows, *, can_configure: bool) -> SafeString:
    """`rows` are queries.RuleRow; an agency's name spans its rows and links to its settings."""
    setting_url = reverse("press_staff:frequency_setting", args=[0])[:-2]  # ".../frequency/" + pk + "/"
    out = []
    for row in rows:
        parts = ["<tr"]
        if row.first:
            parts.append(f' id="agency-{row.agency.pk}">')
            name = escape(row.agency.display_name)
            link = (
                f'<br><a class="small" href="{setting_url}{row.agency.pk}/">设置'
                f'<span class="visually-hidden">{name}</span></a>'
                if can_configure
                else ""
            )
            parts.append(f'<th scope="rowgroup" rowspan="{row.span}">{name}{link}</th>')
        else:
            parts.append(">")
        parts.append(f"<td>{escape(row.label)}</td>")
        parts.extend(_cell(c) for c in row.result.cells)
        missed = len(row.result.missed)
        parts.append(f"<td>{row.result.next_due:%Y-%m-%d}</td>")
        parts.append(f'<td><strong class="text-overdue">{missed}</strong></td>' if missed else "<td>0</td>")
        parts.append("</tr>")
        out.append("".join(parts))
    return mark_safe("\n".join(out))
