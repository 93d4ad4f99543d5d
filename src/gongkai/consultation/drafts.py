"""Splitting a draft into numbered paragraphs (pure: no Django).

A regulation-shaped draft reads 第一章 总则 / 第一节 … / 第一条 正文 / further lines of the same 条
(its 款) / （一）（二）… items (项, kept inside the 款 they belong to). Other drafts are plain
paragraphs, one a line. Each paragraph gets a running number (1, 2, 3 …) that the page shows and
links; chapter and section headings are numbered too but take no comments.

A line starting with 第N条 is a new article when a space follows the heading or N is the next
article number: "第五条规定的情形……" written as a 款 of 第九条 is a reference, not a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHAPTER, SECTION, ARTICLE, CLAUSE, TEXT = "chapter", "section", "article", "clause", "text"

_NUM = "零〇一二两三四五六七八九十百千0-9０-９"
_HEADING = re.compile(rf"^第([{_NUM}]+)(章|节|条)(?:([\s\u3000]+)|$)?(.*)$")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CLAUSE_NAMES = "一二三四五六七八九十"


@dataclass(frozen=True)
class DraftParagraph:
    number: int
    kind: str
    heading: str  # "第一章 总则", "第十二条", "第十二条第二款"; "" for plain text
    text: str
    article: int | None = None  # the number of the 条 a 款 belongs to


def chinese_number(text: str) -> int | None:
    """十二 → 12, 一百零三 → 103, 12 → 12; None when it is not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def clause_name(n: int) -> str:
    return _CLAUSE_NAMES[n - 1] if 1 <= n <= 10 else str(n)


def _lines(text: str) -> list[str]:
    return [line.strip().strip("\u3000").strip() for line in (text or "").replace("\r\n", "\n").split("\n")]


def split_draft(text: str, *, title: str = "") -> list[DraftParagraph]:
    """The numbered paragraphs of `text`; a first line equal to `title` (the draft's name) is dropped."""
    out: list[DraftParagraph] = []
    article_no = 0  # the number in the last 条 heading (第十二条 → 12)
    article_para: int | None = None  # the running number of that 条's paragraph
    article_heading = ""
    clauses = 0
    lines = [line for line in _lines(text) if line]
    if lines and title and lines[0].replace(" ", "") == title.replace(" ", ""):
        lines = lines[1:]

    def add(kind: str, heading: str, body: str, article: int | None = None) -> None:
        out.append(DraftParagraph(len(out) + 1, kind, heading, body, article))

    for line in lines:
        m = _HEADING.match(line)
        n = chinese_number(m.group(1)) if m else None
        if m and n is not None:
            unit, spaced, rest = m.group(2), m.group(3), m.group(4).strip()
            heading = f"第{m.group(1)}{unit}"
            if unit in ("章", "节"):
                add(CHAPTER if unit == "章" else SECTION, f"{heading} {rest}".strip(), rest or heading)
                article_para = None
                continue
            if spaced is not None or not rest or n == article_no + 1 or article_para is None:
                article_no, article_heading, clauses = n, heading, 1
                add(ARTICLE, heading, rest)
                article_para = len(out)
                continue
        if _ITEM.match(line) and out and out[-1].kind in (ARTICLE, CLAUSE, TEXT):
            last = out[-1]
            joined = f"{last.text}\n{line}" if last.text else line
            out[-1] = DraftParagraph(last.number, last.kind, last.heading, joined, last.article)
            continue
        if article_para is not None:
            last = out[-1]
            if last.number == article_para and not last.text:
                # "第一条" alone on its line: this is its first 款.
                out[-1] = DraftParagraph(last.number, last.kind, last.heading, line, last.article)
                continue
            clauses += 1
            add(CLAUSE, f"{article_heading}第{clause_name(clauses)}款", line, article_para)
            continue
        add(TEXT, "", line)
    return out
