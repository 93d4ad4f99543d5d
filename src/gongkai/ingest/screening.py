"""Screen a document for what must not be published: personal data, secrecy marks, forbidden words.

Every Finding carries character offsets into the screened text and the redaction it suggests,
so the reviewer sees the passage and accepts or rejects the masking (保密审查 before publication).

Redaction choices:
- personal data is masked, not removed, so the sentence still reads (110105********002X,
  138****5678, 622202*********1234, a***@example.com);
- secrecy marks and forbidden words become ■ of the same length: the reader sees that something
  was taken out and the layout of the page does not move. A secrecy mark on a document at all
  means it must not be published; masking it is only the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.common.identifiers import is_valid_resident_id, luhn_ok
from gongkai.ingest.cleaning import SPAM_TERMS

# Seed of the administrator-maintained list: the spam and pornography that defaced government
# sites carry. Specific phrases only — an ordinary word would flag ordinary documents.
DEFAULT_FORBIDDEN_WORDS: tuple[str, ...] = SPAM_TERMS

_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE_RE = re.compile(
    r"(?<![\d+])(?P<prefix>(?:\+|00)?86[-\s]?)?(?P<number>1[3-9]\d(?:[-\s]?\d{4}){2})(?!\d)"
)
_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])")
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# 秘密★1年, 机密★长期, 绝密★启用前: the star makes it a marking; 国家秘密 in a sentence has none.
_STARRED_MARK_RE = re.compile(
    r"(?:绝密|机密|秘密)\s*★\s*(?:[\d一二三四五六七八九十]+\s*(?:年|个月|月)|长期|启用前)?"
)
# Standing alone on a line, the level or 内部/不得公开 is a marking too.
_LINE_MARK_RE = re.compile(
    r"^[ \t\u3000]*[【\[（(]?(?P<mark>绝密|机密|秘密|内部|内部资料|内部文件|内部材料|内部资料\s*注意保存"
    r"|内部资料\s*不得外传|不得公开|注意保密)[】\]）)]?[ \t\u3000]*$",
    re.M,
)
# Earlier kinds win where spans overlap: an ID number also looks like a card number.
_PRIORITY = ("secrecy_mark", "resident_id", "bank_card", "mobile", "email", "forbidden_word")


@dataclass(frozen=True)
class Finding:
    kind: str  # resident_id, mobile, bank_card, email, secrecy_mark, forbidden_word
    text: str
    start: int
    end: int
    suggestion: str


def screen(text: str, forbidden: Iterable[str] = ()) -> list[Finding]:
    found = [
        *_resident_ids(text),
        *_bank_cards(text),
        *_mobiles(text),
        *_emails(text),
        *_secrecy_marks(text),
        *_forbidden_words(text, forbidden),
    ]
    return _without_overlaps(found)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """`text` with each finding replaced by its suggestion (overlapping findings: the first wins)."""
    out, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        out += [text[position : finding.start], finding.suggestion]
        position = finding.end
    out.append(text[position:])
    return "".join(out)


def _resident_ids(text: str) -> Iterable[Finding]:
    for match in _ID_RE.finditer(text):
        number = match.group().upper()
        if is_valid_resident_id(number):  # a failing check digit is some other number
            yield _finding("resident_id", match, number[:6] + "*" * 8 + number[-4:])


def _bank_cards(text: str) -> Iterable[Finding]:
    for match in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 16 <= len(digits) <= 19 and luhn_ok(digits) and not is_valid_resident_id(digits):
            yield _finding("bank_card", match, digits[:6] + "*" * (len(digits) - 10) + digits[-4:])


def _mobiles(text: str) -> Iterable[Finding]:
    for match in _MOBILE_RE.finditer(text):
        digits = re.sub(r"\D", "", match["number"])
        yield _finding("mobile", match, (match["prefix"] or "") + digits[:3] + "****" + digits[-4:])


def _emails(text: str) -> Iterable[Finding]:
    for match in _EMAIL_RE.finditer(text):
        local, _, domain = match.group().partition("@")
        yield _finding("email", match, f"{local[0]}***@{domain}")


def _secrecy_marks(text: str) -> Iterable[Finding]:
    for match in _STARRED_MARK_RE.finditer(text):
        yield _finding("secrecy_mark", match, "■" * len(match.group()))
    for match in _LINE_MARK_RE.finditer(text):
        start, end = match.span("mark")
        yield Finding("secrecy_mark", text[start:end], start, end, "■" * (end - start))


def _forbidden_words(text: str, words: Iterable[str]) -> Iterable[Finding]:
    for word in sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True):
        for match in re.finditer(re.escape(word), text, re.IGNORECASE):
            yield _finding("forbidden_word", match, "■" * len(match.group()))


def _finding(kind: str, match: re.Match[str], suggestion: str) -> Finding:
    return Finding(kind, match.group(), match.start(), match.end(), suggestion)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    ranked = sorted(found, key=lambda f: (_PRIORITY.index(f.kind), -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
