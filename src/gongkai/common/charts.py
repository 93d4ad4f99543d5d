"""Bar charts drawn on the server as inline SVG (no JavaScript, no library).

The SVG is decorative for assistive technology only in the sense that it carries a `<title>` and
`<desc>` summarising it; every page that shows a chart also shows the same numbers in a table, which
is the accessible text alternative. Pure functions; the output is escaped and safe to mark safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
BAR_AREA = 150
TOP = 16
BOTTOM = 40
LEFT = 40


def bar_chart(
    bars: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    max_value: float | None = None,
    chart_id: str = "chart",
) -> str:
    """An SVG bar chart of (label, value) pairs; a None value draws no bar and is labelled 无."""
    n = max(len(bars), 1)
    values = [v for _, v in bars if v is not None]
    top = max_value if max_value is not None else max(values or [0])
    top = top or 1
    slot = (WIDTH - LEFT - 8) / n
    bar_w = max(min(slot * 0.7, 48), 2)
    height = TOP + BAR_AREA + BOTTOM
    desc = "；".join(
        f"{label}：{'无' if v is None else _fmt(v)}{'' if v is None else unit}" for label, v in bars
    )
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + BAR_AREA}" x2="{WIDTH - 4}" y2="{TOP + BAR_AREA}" class="axis"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 4}" class="tick" text-anchor="end">{escape(_fmt(top))}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + BAR_AREA}" class="tick" text-anchor="end">0</text>',
    ]
    every = max(1, round(n / 12))
    for i, (label, value) in enumerate(bars):
        x = LEFT + i * slot + (slot - bar_w) / 2
        if value is not None:
            h = BAR_AREA * min(value, top) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + BAR_AREA - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="bar"/>'
            )
            if n <= 16:
                parts.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{TOP + BAR_AREA - h - 3:.1f}" class="value" '
                    f'text-anchor="middle">{escape(_fmt(value))}</text>'
                )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{TOP + BAR_AREA + 16}" class="tick" '
                f'text-anchor="middle">{escape(_short(label))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _short(label: str) -> str:
    return label[5:] if len(label) > 5 and label[4] == "年" else label  # "2026年3月" → "3月"
