"""Highlighting matched terms: escape first, then wrap each match in <mark>. Pure, no Django.

Matching runs on the normalised text (full-width → half-width, Latin lower-case), which has the
same length as the original, so a match's position there is its position in the original and the
original characters are what is shown.
"""

from __future__ import annotations

import re
from html import escape

from .segment import normalise

_SPACES = re.compile(r"\s+")


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms))


def highlight(text: str, terms: list[str]) -> str:
    """`text` as HTML: escaped, with every occurrence of a term wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    spans: list[list[int]] = []
    for match in pattern.finditer(normalise(text)):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()  # adjacent matches make one mark
        else:
            spans.append([match.start(), match.end()])
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def snippet(text: str, terms: list[str], *, width: int = 120, before: int = 30) -> str:
    """A window of `text` around the first match (or its beginning), highlighted, as HTML."""
    text = _SPACES.sub(" ", text or "").strip()
    pattern = _pattern(terms)
    match = pattern.search(normalise(text)) if pattern else None
    start = max(0, match.start() - before) if match else 0
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    piece = text[start:end]
    return ("…" if start > 0 else "") + highlight(piece, terms) + ("…" if end < len(text) else "")
