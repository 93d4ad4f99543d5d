"""Read the GB/T 9704-2012 elements of an official document out of its plain text.

The text is what clerks paste or upload: often a web copy (see ``cleaning``), sometimes a
转发/印发 notice carrying the forwarded document after its own signature. ``extract`` reads it top
to bottom like a clerk: header marks, 文号 and title, 主送机关, body, signature and 成文日期, 附注;
then whatever documents follow. It never invents a value: what it cannot read is None with
confidence "low" and a warning code, and what it had to repair is flagged too.

Decisions worth knowing:
- ``genre`` is the 文种 of 党政机关公文处理工作条例 where the title ends with one (实施意见 and 指导意见
  are 意见); titles ending in a rule-like kind (办法, 方案, 规定, ...) keep that word.
- ``addressees`` is the 主送机关 line as printed, without the colon.
- The header is read upwards from the 主送机关 line: on a web copy the site's headings, the
  database's own title and the page's metadata stand above the document, and the title is the
  wrapped block just above the 文号 and 主送机关 (its head is the line holding 关于).
- The 附注 belongs to the document whose date it follows: in seed 000 （此件公开发布） closes the
  forwarded 辽政办发〔2013〕61号, so the outer notice has no note of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from gongkai.ingest import elements as el
from gongkai.ingest.cleaning import clean
from gongkai.ingest.dates import compact_candidates, iter_dates, parse_date

HIGH, LOW = "high", "low"
_DISCLOSURE = (("不予公开", "withheld"), ("不公开", "withheld"), ("依申请", "on_request"))
_DISCLOSURE += (("公开发布", "proactive"), ("主动公开", "proactive"))
_CLOSING_EXTRA_RE = re.compile(r"^(抄送|印发|[（(]联系人)")
_ATTACHMENT_RE = re.compile(r"^附件\s*[:：]\s*(?P<rest>.*)$")
_ATTACHMENT_LABEL_RE = re.compile(r"^附件\s*\d*$")
_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>.+)$")
_BODY_GENRE = ((re.compile(r"提出(如下|以下)(实施|指导)?意见"), "意见"), (re.compile(r"通知如下"), "通知"))
_ISSUER_CUT_RE = re.compile(r"关于|转发|印发|批转")
_TITLE_HEAD = ("关于", "印发", "转发", "批转")
_ADDRESSEE_WINDOW = 80  # lines: a 主送机关 further down is inside the body, not the header
# A 文号 the page appended to the title: 关于……的通知(岳办发〔2017〕2号) or ……的通知【岳办发〔2017〕2号】
_TITLE_NUMBER_RE = re.compile(
    r"^(?P<title>.+?)\s*[（(【\[]\s*(?P<number>[^（()）【】\[\]]{3,30}号)\s*[)）】\]]$"
)
_SPACED_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s+(?P<m>\d{1,2})\s+(?P<d>\d{1,2})")


@dataclass
class Extraction:
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    written_on: dt.date | None = None
    addressees: str | None = None
    note: str | None = None
    disclosure: str | None = None
    genre: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    attachments: list[str] = field(default_factory=list)
    forwarded: list[Extraction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    confidence: dict[str, str] = field(default_factory=dict)
    published_hint: dt.date | None = None
    stripped: list[str] = field(default_factory=list)
    text: str = ""  # the cleaned text the elements were read from
    original: str | None = None  # the input, kept when cleaning rewrote characters

    def warn(self, code: str) -> None:
        if code not in self.warnings:
            self.warnings.append(code)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif name == "forwarded":
                value = [inner.to_dict() for inner in value]
            elif isinstance(value, list | dict):
                value = type(value)(value)
            out[name] = value
        return out


@dataclass
class _Header:
    title_lines: list[str] = field(default_factory=list)
    doc_number_line: str | None = None
    marks: list[str] = field(default_factory=list)
    addressee: str | None = None
    body_start: int = 0


def extract(text: str) -> Extraction:
    """The elements of `text`; ``warnings`` gathers the codes of the forwarded documents too."""
    cleaned = clean(text)
    # The page's metadata table is another occurrence of 文号 and dates to recover lost digits from.
    reference = "\n".join([cleaned.text, *cleaned.metadata.values()])
    chunks = _split_documents(cleaned.text.split("\n"))
    outer = _read_document(chunks[0], reference)
    _fill_from_page(outer, cleaned.metadata)
    outer.forwarded = [_read_document(chunk, reference) for chunk in chunks[1:]]
    inner_warnings = [code for inner in outer.forwarded for code in inner.warnings]
    outer.warnings = list(dict.fromkeys(cleaned.warnings + outer.warnings + inner_warnings))
    outer.published_hint = cleaned.published_hint
    outer.stripped = cleaned.stripped
    outer.text = cleaned.text
    if "traditional_converted" in cleaned.warnings:
        outer.original = cleaned.original
    return outer


def _fill_from_page(ex: Extraction, metadata: dict[str, str]) -> None:
    """Elements the text lacks, taken from the page's table: usable, but only with low confidence."""
    title = metadata.get("标题") or metadata.get("名称") or metadata.get("信息名称")
    if ex.title is None and title:
        ex.title, ex.genre = title, ex.genre or el.genre_of(title)
        ex.warn("title_from_page")
    number = el.DOC_NUMBER_LINE_RE.match(metadata.get("文号") or metadata.get("发文字号") or "")
    if ex.doc_number is None and number:
        ex.doc_number = _format_doc_number(number["prefix"], number["year"], number["seq"])
        ex.warn("doc_number_from_page")
    written = parse_date(metadata.get("成文日期") or metadata.get("发文日期") or "")
    if ex.written_on is None and written:
        ex.written_on = written
        ex.warn("date_from_page")
    publisher = metadata.get("发布机构") or metadata.get("发文机关")
    if not ex.issuers and publisher:
        ex.issuers = el.split_organs(publisher)
        ex.warn("issuers_from_page")


# --- splitting a 转发/印发 notice into its documents ------------------------------------------


def _split_documents(lines: list[str]) -> list[list[str]]:
    bounds, start, i = [], 0, 0
    while i < len(lines):
        if _closes_document(lines, i):
            end = _end_of_closing(lines, i)
            bounds.append((start, end))
            start, i = end, end
        else:
            i += 1
    bounds.append((start, len(lines)))
    chunks: list[list[str]] = []
    for begin, end in bounds:
        chunk = lines[begin:end]
        if chunks and not _starts_document(chunk):
            chunks[-1].extend(chunk)  # joint signatures, attachments, 抄送 — not a new document
        elif any(line.strip() for line in chunk) or not chunks:
            chunks.append(chunk)
    return chunks


def _previous_nonblank(lines: list[str], i: int) -> str:
    """The line above `i`, passing over a 附注 that a web copy moved above the date."""
    for j in range(i - 1, -1, -1):
        if lines[j].strip() and not el.is_note(lines[j]):
            return lines[j]
    return ""


def _closes_document(lines: list[str], i: int) -> bool:
    if el.is_date_line(lines[i]):
        return True
    return el.is_garbled_date_line(lines[i]) and el.is_signature(_previous_nonblank(lines, i))


def _end_of_closing(lines: list[str], i: int) -> int:
    j = i + 1
    while j < len(lines):
        line = lines[j].strip()
        if line and not (el.is_note(line) or _CLOSING_EXTRA_RE.match(line)):
            break
        j += 1
    return j


def _starts_document(chunk: list[str]) -> bool:
    header = _scan_header(chunk)
    title = "".join(header.title_lines)
    return bool(title) and el.genre_of(title) is not None


def _header_start(chunk: list[str]) -> int:
    """Where the header begins: the title, 文号 and marks stand just above the 主送机关, and what
    is above them on a web copy (site headings, the page's title repeated) is not the document."""
    anchor = next(
        (i for i, line in enumerate(chunk[:_ADDRESSEE_WINDOW]) if el.is_addressee(line.strip())), None
    )
    if anchor is None:
        return 0
    start, block, title_done = anchor, [], False  # block: the title-like lines, bottom up
    for i in range(anchor - 1, -1, -1):
        line = chunk[i].strip()
        if not line:
            continue
        if el.header_marks(line) or el.is_doc_number(line) or el.is_banner(line) or el.SIGNER_RE.match(line):
            start, title_done = i, bool(block)
        elif (
            el.is_title_like(line) and not title_done and len(block) < 6 and not (block and el.genre_of(line))
        ):
            block.append(i)
        else:
            break
    if block:
        start = min(start, _title_top(chunk, block))
    return start


def _title_top(chunk: list[str], block: list[int]) -> int:
    """The first line of the title among the title-like lines `block` (bottom up): titles wrap, and
    the line holding 关于 (with the 发文机关 line above a title that begins with 关于) is its head."""
    for n, i in enumerate(block):
        line = chunk[i].strip()
        if "关于" not in line:
            continue
        above = block[n + 1] if n + 1 < len(block) else None
        if line.startswith(_TITLE_HEAD) and above is not None and el.is_signature(chunk[above]):
            return above
        return i
    return block[-1]


# --- one document ----------------------------------------------------------------------------


def _scan_header(chunk: list[str]) -> _Header:
    """Header elements in order until the 主送机关 line or the first line of the body."""
    start = _header_start(chunk)
    header = _Header(body_start=len(chunk))
    for i, raw in enumerate(chunk[start:], start):
        line = raw.strip()
        if not line or (not header.title_lines and _ATTACHMENT_LABEL_RE.match(line)):
            continue
        if marks := el.header_marks(line):
            header.marks += marks
        elif el.is_doc_number(line):
            header.doc_number_line = header.doc_number_line or line
        elif el.is_addressee(line):
            header.addressee, header.body_start = line[:-1].strip(), i + 1
            return header
        elif el.is_banner(line) or re.fullmatch(r"\d{6}", line) or el.SIGNER_RE.match(line):
            continue
        elif el.is_title_like(line) and len(header.title_lines) < 6:
            if not start and header.title_lines and el.genre_of(header.title_lines[-1]):
                # No 主送机关 to bound the header (a 规则 or 办法 printed alone): the title ends
                # with its genre, so after it a repeat of it is the page heading and a line
                # without a genre (第一章 总则) is the body.
                if line == header.title_lines[-1]:
                    continue
                if not el.genre_of(line):
                    header.body_start = i
                    return header
            header.title_lines.append(line)
        else:
            header.body_start = i
            return header
    return header


def _read_document(chunk: list[str], full_text: str) -> Extraction:
    ex = Extraction()
    header = _scan_header(chunk)
    _read_marks(header.marks, ex)
    number_in_title = _read_title(header.title_lines, ex)
    _read_doc_number(header.doc_number_line or number_in_title, full_text, ex)
    ex.addressees = header.addressee
    ex.confidence["addressees"] = HIGH if header.addressee else LOW
    body = chunk[header.body_start :]
    _read_issuers(body, ex)
    _read_written_on(body, full_text, ex)
    _read_note(body, ex)
    _read_genre(body, ex)
    ex.attachments = _attachments(body)
    return ex


def _read_marks(marks: list[str], ex: Extraction) -> None:
    for mark in marks:
        if el.is_secrecy(mark):
            ex.secrecy = mark
        else:
            ex.urgency = mark


def _read_title(title_lines: list[str], ex: Extraction) -> str | None:
    """Set the title; return the 文号 the page appended to it, if any."""
    while (
        len(title_lines) > 1
        and el.genre_of(title_lines[0]) is None
        and el.is_signature(title_lines[0])
        and "关于" not in title_lines[0]
        and not title_lines[1].strip().startswith(_TITLE_HEAD)
    ):
        title_lines = title_lines[1:]  # an organ name above the title is a 发文机关标志 remnant
    # Web copies scatter spaces through wrapped titles; Chinese titles have none between characters.
    title = re.sub(
        r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", "".join(line.strip() for line in title_lines)
    )
    if title.startswith("《") and title.endswith("》") and el.genre_of(title[1:-1]):
        title = title[1:-1]  # a page heading quoting the title as a book title
    half = len(title) // 2
    if title and len(title) % 2 == 0 and title[:half] == title[half:]:
        title = title[:half]  # page heading and document title both kept by the web copy
    number = None
    suffix = _TITLE_NUMBER_RE.match(title)
    if suffix and el.is_doc_number(suffix["number"]) and el.genre_of(suffix["title"]):
        title, number = suffix["title"], suffix["number"]
        ex.warn("doc_number_in_title")
    ex.title = title or None
    if not title:
        ex.warn("title_missing")
    elif el.genre_of(title) is None:
        ex.warn("title_unusual")
    ex.confidence["title"] = HIGH if title and el.genre_of(title) else LOW
    return number


# --- 发文字号 --------------------------------------------------------------------------------


def _format_doc_number(prefix: str, year: str, seq: str) -> str:
    return f"{prefix}〔{year}〕{int(seq)}号"


def _read_doc_number(line: str | None, full_text: str, ex: Extraction) -> None:
    ex.confidence["doc_number"] = LOW
    if line is None:
        ex.warn("doc_number_missing")
        return
    line = el.doc_number_text(line)
    match = el.DOC_NUMBER_LINE_RE.match(line)
    if match and match["open"] and match["close"]:
        ex.doc_number = _format_doc_number(match["prefix"], match["year"], match["seq"])
        ex.confidence["doc_number"] = HIGH
        if match["open"] + match["close"] != "〔〕":
            ex.warn("doc_number_bracket")
        if match["first"] or match["seq"].startswith("0"):
            ex.warn("doc_number_format")
        return
    _recover_doc_number(line, full_text, ex)


def _recover_doc_number(line: str, full_text: str, ex: Extraction) -> None:
    """A 文号 that lost brackets or digits: trust another occurrence, else repair and say so."""
    prefix = re.match(r"[\u4e00-\u9fff]+", line)
    digits = re.sub(r"\D", "", line)
    if prefix:
        for ref in el.DOC_NUMBER_INLINE_RE.finditer(full_text):
            if ref["prefix"].endswith(prefix.group()) and _is_subsequence(digits, ref["year"] + ref["seq"]):
                ex.doc_number = _format_doc_number(prefix.group(), ref["year"], ref["seq"])
                ex.confidence["doc_number"] = HIGH
                ex.warn("doc_number_recovered")
                return
    if prefix and len(digits) >= 5 and digits[:2] in ("19", "20"):
        ex.doc_number = _format_doc_number(prefix.group(), digits[:4], digits[4:])
        ex.warn("doc_number_repaired")
    else:
        ex.warn("doc_number_unreadable")


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return bool(short) and all(ch in chars for ch in short)


# --- signature, date, note --------------------------------------------------------------------


def _closing_index(body: list[str]) -> int | None:
    for i in range(len(body) - 1, -1, -1):
        if _closes_document(body, i):
            return i
    return None


def _read_issuers(body: list[str], ex: Extraction) -> None:
    signed = _signature(body)
    from_title = _issuers_from_title(ex.title)
    ex.issuers = signed or from_title
    ex.confidence["issuers"] = HIGH if ex.issuers else LOW
    if not ex.issuers:
        ex.warn("issuers_missing")
    elif signed and from_title and set(from_title) != set(signed):
        ex.warn("issuers_mismatch")


def _signature(body: list[str]) -> list[str]:
    """The organs signed just above the 成文日期 (several side by side for joint documents)."""
    end = _closing_index(body)
    if end is None:
        return []
    organs: list[str] = el.organs_on_date_line(body[end])
    for line in reversed(body[:end]):
        line = line.strip()
        if el.is_note(line) and not organs:
            continue  # （此件公开发布） moved above the date by the copy
        if not line or el.is_date_line(line):
            organs[:0] = el.organs_on_date_line(line)
            continue
        if not el.is_signature(line) or len(organs) >= 8:
            break
        organs[:0] = el.split_organs(line)
    return organs


def _issuers_from_title(title: str | None) -> list[str]:
    if not title:
        return []
    cut = _ISSUER_CUT_RE.search(title)
    prefix = title[: cut.start()] if cut else ""
    return el.split_organs(prefix) if prefix and len(prefix) <= 60 else []


def _read_written_on(body: list[str], full_text: str, ex: Extraction) -> None:
    ex.confidence["written_on"] = LOW
    end = _closing_index(body)
    if end is None:
        ex.warn("date_missing")
        return
    line = body[end].strip()
    dates = [day for day, _, _ in iter_dates(line)]
    if dates:
        ex.written_on = dates[-1]  # joint documents: the last signer's date
        ex.confidence["written_on"] = HIGH
        return
    _recover_date(line, full_text, ex)


def _recover_date(line: str, full_text: str, ex: Extraction) -> None:
    spaced = _SPACED_DATE_RE.search(line)
    if spaced:  # 2017 6 23: the characters 年月日 are lost but the separators say which is which
        try:
            ex.written_on = dt.date(int(spaced["y"]), int(spaced["m"]), int(spaced["d"]))
        except ValueError:
            pass
        else:
            ex.warn("date_garbled")
            return
    digits = re.sub(r"\D", "", line)
    elsewhere = {day for day, _, _ in iter_dates(full_text) if _date_fits(digits, day)}
    if len(elsewhere) == 1:
        ex.written_on = elsewhere.pop()
        ex.confidence["written_on"] = HIGH
        ex.warn("date_recovered")
        return
    candidates = compact_candidates(digits) if line.isdigit() else []
    if len(candidates) == 1:
        ex.written_on = candidates[0]
        ex.warn("date_garbled")
    else:
        ex.warn("date_unreadable")


def _date_fits(digits: str, day: dt.date) -> bool:
    y, m, d = str(day.year), day.month, day.day
    variants = (f"{y}{m}{d}", f"{y}{m:02}{d:02}", f"{y}{m:02}{d}", f"{y}{m}{d:02}")
    return any(_is_subsequence(digits, v) for v in variants)


def _read_note(body: list[str], ex: Extraction) -> None:
    end = _closing_index(body)
    start = 0 if end is None else end
    above = [i for i in range(start) if body[i].strip()][-2:]
    if above and el.is_note(body[above[-1]]):
        start = above[-1]  # a copy may put the 附注 just above the date
    for line in body[start:]:
        match = el.NOTE_RE.match(line.strip())
        if match:
            ex.note = line.strip()
            ex.disclosure = next((code for word, code in _DISCLOSURE if word in match["inner"]), None)
            break
    ex.confidence["note"] = HIGH if ex.note else LOW


def _read_genre(body: list[str], ex: Extraction) -> None:
    ex.genre = el.genre_of(ex.title) if ex.title else None
    if ex.genre:
        ex.confidence["genre"] = HIGH
        return
    opening = "".join(line.strip() for line in body[:3])
    ex.genre = next((genre for regex, genre in _BODY_GENRE if regex.search(opening)), None)
    ex.confidence["genre"] = LOW
    if ex.genre:
        ex.warn("genre_inferred")


# --- attachments ------------------------------------------------------------------------------


def _attachments(body: list[str]) -> list[str]:
    lines = [line.strip() for line in body]
    for i, line in enumerate(lines):
        match = _ATTACHMENT_RE.match(line)
        if match:
            return _attachment_list(match["rest"], lines[i + 1 :])
    return _appended_attachments(lines)


def _attachment_list(rest: str, following: list[str]) -> list[str]:
    """附件说明: 附件：1．XX 2．YY on the following lines, or a single unnumbered name."""
    item = _ITEM_RE.match(rest)
    if rest and not item:
        return [rest.rstrip("。")]
    names = [item["name"].rstrip("。")] if item else []
    for line in following:
        item = _ITEM_RE.match(line)
        if not item:
            if line or names:
                break
            continue
        names.append(item["name"].rstrip("。"))
    return names


def _appended_attachments(lines: list[str]) -> list[str]:
    """No 附件说明: read the titles under 附件1, 附件2 labels appended after the body."""
    names = []
    for i, line in enumerate(lines):
        if not _ATTACHMENT_LABEL_RE.match(line):
            continue
        title = []
        for following in lines[i + 1 :]:
            if not following and title:
                break
            if following and not el.is_title_like(following):
                break
            title.append(following)
        if title:
            names.append("".join(title))
    return names
