"""The trend chart of a report as a PNG, by a tiny pure-Python writer (zlib + struct). Pure: no Django.

No plotting library is installed (no Pillow, no matplotlib) and bars need none. The image carries no
text, so no font is needed; the report prints the figures beside it in a table.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence


def _png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def trend_png(values: Sequence[int], *, width: int = 640, height: int = 200) -> bytes:
    """Bars of `values` on a white ground with a baseline and light gridlines at quarters."""
    white, grid, axis, bar = b"\xff\xff\xff", b"\xe5\xe7\xeb", b"\x6b\x72\x80", b"\x1d\x4e\xd8"
    left, bottom, top = 8, 8, 8
    plot_h = height - top - bottom
    n = max(len(values), 1)
    peak = max(values, default=0) or 1
    slot = (width - 2 * left) / n
    heights = [round(plot_h * v / peak) for v in values]
    columns = []
    for x in range(width):
        i = int((x - left) // slot) if left <= x < width - left else -1
        inside = 0 <= i < len(values) and (x - left) - i * slot >= slot * 0.15
        columns.append(heights[i] if inside else 0)
    rows = []
    for y in range(height):
        level = height - bottom - y  # pixels above the baseline
        if level == 0:
            rows.append(axis * width)
            continue
        base = grid if level > 0 and level % max(plot_h // 4, 1) == 0 and level <= plot_h else white
        rows.append(b"".join(bar if 0 < level <= h else base for h in columns))
    return _png(width, height, rows)
