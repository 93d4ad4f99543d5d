"""Redaction of released material (部分公开, 条例第三十七条). Pure, no Django.

Staff name the passages to withhold and the reason for each; every occurrence is replaced by
block characters of the same length in a new text, so the released copy is built from the
redacted text and carries no hidden layer, comment or metadata with the withheld words.
"""

from __future__ import annotations

from dataclasses import dataclass

MASK = "█"


@dataclass(frozen=True)
class Redaction:
    passage: str
    reason: str


class RedactionError(ValueError):
    pass


def redact(text: str, redactions: list[Redaction]) -> tuple[str, list[tuple[Redaction, int]]]:
    """The text with every passage masked, and how many times each passage was found.

    Longer passages are masked first so that a passage inside another is not left half-shown.
    A passage that does not occur is an error (it was probably mistyped — nothing is released).
    """
    counts = []
    for r in redactions:
        if not r.passage.strip() or not r.reason.strip():
            raise RedactionError("每处遮盖都应写明遮盖的内容和理由")
        n = text.count(r.passage)
        if n == 0:
            raise RedactionError(f"原文中找不到要遮盖的内容“{r.passage}”，请核对")
        counts.append((r, n))
    out = text
    for r in sorted(redactions, key=lambda r: -len(r.passage)):
        out = out.replace(r.passage, MASK * len(r.passage))
    return out, counts
