"""文号 (doc_number) in queries: find it however the brackets were typed, and write it one way.

Pure: no Django. The canonical form is GB/T 9704's 发文机关代字〔年份〕序号号, e.g. 国办发〔2013〕100号.
People type [2013], 【2013】, (2013), （2013）, ［2013］ or no brackets at all (国办发2013100号); all
of those normalise to the canonical form, at index time (the stored doc_number) and at query time.
"""

from __future__ import annotations

import re

from .segment import normalise

_OPEN = r"[〔\[【(﹝〖{]"
_CLOSE = r"[〕\]】)﹞〗}]"
_DOC_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,15}})\s*{_OPEN}?\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}?"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号"
)


def canonical(prefix: str, year: str, serial: str) -> str:
    return f"{prefix}〔{year}〕{int(serial)}号"


def normalise_doc_number(value: str) -> str:
    """The canonical spelling of a stored 文号; text that is not a 文号 comes back stripped."""
    value = (value or "").strip()
    match = _DOC_NUMBER.fullmatch(normalise(value))
    if not match:
        return value
    return canonical(match["prefix"], match["year"], match["serial"])


def doc_number_candidates(q: str) -> list[str]:
    """Canonical 文号 a query may mean, for an exact match on doc_number.

    The prefix pattern is greedy ("关于国办发〔2013〕100号" reads 关于国办发 as the 代字), so every tail of
    it of two characters or more is a candidate; exact matching on the column keeps this precise.
    """
    candidates: list[str] = []
    for match in _DOC_NUMBER.finditer(normalise(q or "")):
        prefix = match["prefix"]
        for start in range(0, max(len(prefix) - 1, 1)):
            candidate = canonical(prefix[start:], match["year"], match["serial"])
            if candidate not in candidates:
                candidates.append(candidate)
    return candidates
