"""Dates as Chinese official documents and government web pages print them.

成文日期 comes as 2013年11月30日, in older documents as 二〇一三年十一月三十日, and on web pages as
2013-11-30. Web copies also lose characters: 2016年5月18日 can arrive as ``2016518``, which
``compact_candidates`` expands to every calendar date it could mean so the caller can decide
whether the reading is unique or needs corroboration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4}
_CN_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "〇○零OＯ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"

DATE_RE = re.compile(
    rf"(?<!\d)(?P<y>\d{{4}}|[{_CN_YEAR}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*日"
)
ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
COMPACT_RE = re.compile(r"(?<!\d)(?P<digits>(?:19|20)\d{3,6})(?!\d)")


def _number(token: str) -> int:
    """An Arabic or Chinese numeral as written in a date (二〇一三, 十一, 三十, 21)."""
    if token.isdigit():
        return int(token)
    if all(ch in _CN_DIGIT for ch in token):  # a year, digit by digit
        return int("".join(str(_CN_DIGIT[ch]) for ch in token))
    tens, _, units = token.partition("十")
    return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _make(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(_number(y), _number(m), _number(d))
    except (ValueError, KeyError):
        return None


def iter_dates(text: str) -> Iterator[tuple[dt.date, int, int]]:
    """Every well-formed date in `text` with its character span, in order of appearance."""
    found = []
    for regex in (DATE_RE, ISO_RE):
        for match in regex.finditer(text):
            day = _make(match["y"], match["m"], match["d"])
            if day is not None:
                found.append((day, match.start(), match.end()))
    yield from sorted(found, key=lambda item: item[1])


def parse_date(text: str) -> dt.date | None:
    """The single date that `text` consists of, or None."""
    text = text.strip()
    for regex in (DATE_RE, ISO_RE):
        match = regex.fullmatch(text)
        if match:
            return _make(match["y"], match["m"], match["d"])
    return None


def compact_candidates(digits: str) -> list[dt.date]:
    """Every date that a run like ``2016518`` (separators lost) could stand for."""
    if not digits.isdigit() or not 5 <= len(digits) <= 8:
        return []
    year, rest = digits[:4], digits[4:]
    out = []
    for cut in (1, 2):
        month, day = rest[:cut], rest[cut:]
        if not 1 <= len(day) <= 2 or month == "0":
            continue
        candidate = _make(year, month, day)
        if candidate and candidate not in out:
            out.append(candidate)
    return out
