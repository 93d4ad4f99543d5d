"""文书编号 from a pattern an office sets, e.g. “示财依复〔2026〕3号”. Pure, no Django.

A pattern uses the placeholders {代字} (the agency's first 发文机关代字 without its 发/字, e.g.
示财发 → 示财), {类别} (a one-character word for the kind of document, e.g. 复 for a reply),
{年} (the year) and {序号} (the number in that agency's sequence for the year and kind). GB/T
9704-2012 §7.2.4 writes the year in 〔〕 and the number without leading zeros.
"""

from __future__ import annotations

import re

PLACEHOLDERS = ("{代字}", "{类别}", "{年}", "{序号}")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def agency_code(doc_prefixes, fallback: str) -> str:
    for prefix in doc_prefixes or ():
        prefix = prefix.strip()
        if prefix:
            return re.sub("[发字函]$", "", prefix) or prefix
    return fallback


def number_pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot number documents, in Chinese, or None."""
    unknown = sorted(set(_PLACEHOLDER.findall(pattern or "")) - set(PLACEHOLDERS))
    if unknown:
        return f"文书编号格式含有不认识的占位符：{'、'.join(unknown)}（可用：{'、'.join(PLACEHOLDERS)}）"
    for needed in ("{年}", "{序号}"):
        if needed not in (pattern or ""):
            return f"文书编号格式应包含{needed}，如 {{代字}}依{{类别}}〔{{年}}〕{{序号}}号"
    return None


def document_number(pattern: str, *, code: str, kind_word: str, year: int, n: int) -> str:
    values = {"{代字}": code, "{类别}": kind_word, "{年}": str(year), "{序号}": str(n)}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), pattern)
