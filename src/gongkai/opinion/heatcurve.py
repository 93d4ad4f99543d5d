"""An event's heat curve as an inline SVG line chart (no JavaScript, no library). Pure: no Django.

The page shows the same numbers per day in a table, the text alternative; the SVG carries a
`<title>` and a `<desc>` summarising it. Burst hours are marked with a dot. Output is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
HEIGHT = 200
LEFT = 44
RIGHT = 8
TOP = 12
BOTTOM = 28


def line_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    summary: str,
    marks: Sequence[int] = (),
    ticks: Sequence[tuple[int, str]] = (),
    chart_id: str = "heat",
) -> str:
    """A line through (label, value) points, evenly spaced; `marks` are indexes drawn as dots and
    `ticks` (index, label) the labels under the axis."""
    n = len(points)
    top = max((v for _, v in points), default=0) or 1
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def xy(i: int, value: float) -> tuple[float, float]:
        x = LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        return x, TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg class="chart heat-curve" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(summary)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" class="axis"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 4}" class="tick" text-anchor="end">{escape(_fmt(top))}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" class="tick" text-anchor="end">0</text>',
    ]
    if n:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, (_, v) in enumerate(points)))
        area = f"{LEFT:.1f},{TOP + plot_h:.1f} {coords} {xy(n - 1, 0)[0]:.1f},{TOP + plot_h:.1f}"
        parts.append(f'<polygon points="{area}" class="area"/>')
        parts.append(f'<polyline points="{coords}" class="line"/>')
        for i in marks:
            if 0 <= i < n:
                x, y = xy(i, points[i][1])
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="mark"/>')
        for i, label in ticks:
            if 0 <= i < n:
                x, _y = xy(i, 0)
                parts.append(
                    f'<text x="{x:.1f}" y="{HEIGHT - 8}" class="tick" text-anchor="middle">{escape(label)}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"
