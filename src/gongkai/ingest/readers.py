"""Read the text out of an uploaded document: .txt, .docx, .pdf, .html.

Uploads come from clerks and from old sites: GBK text files, Word files, PDFs that are scans,
pages saved from a browser. Each reader returns plain text for ``extract``; anything it cannot
honestly read raises ``UnreadableFile`` with a message the clerk can act on, in Chinese.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
# A .docx is a zip: refuse archives that inflate far beyond what any real document needs.
MAX_UNCOMPRESSED = 200 * MB
MAX_RATIO = 100
MAX_ENTRIES = 5000
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl", "title",
}  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "object")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


class UnreadableFile(Exception):
    """The file cannot be read as a document; str() is a message for the uploader."""


@dataclass
class ReadResult:
    text: str
    encoding: str | None = None  # of the bytes, for text and HTML files
    warnings: list[str] = field(default_factory=list)


def read_file(
    source: str | Path | bytes, filename: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReadResult:
    """Text of `source` (a path or the uploaded bytes); `filename` decides the format."""
    data = _load(source, max_bytes)
    name = filename or (str(source) if not isinstance(source, bytes) else "")
    suffix = Path(name).suffix.lower()
    readers = {".txt": read_txt, ".md": read_txt, ".docx": read_docx, ".pdf": read_pdf}
    readers |= {".html": read_html, ".htm": read_html}
    if suffix == ".doc":
        raise UnreadableFile("不支持旧版Word（.doc）文件，请另存为.docx后再上传")
    if suffix not in readers:
        raise UnreadableFile(f"不支持的文件类型“{suffix or '无扩展名'}”，请上传txt、md、docx、pdf或html文件")
    if not data:
        raise UnreadableFile("文件为空")
    return readers[suffix](data)


def _load(source: str | Path | bytes, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        size = len(source)
    else:
        try:
            size = Path(source).stat().st_size
        except OSError as exc:
            raise UnreadableFile("找不到文件或无法打开文件") from exc
    if size > max_bytes:  # checked before reading so a huge file is never loaded
        raise UnreadableFile(f"文件过大（{size / MB:.1f} MB），超过{max_bytes / MB:g} MB的上限")
    return source if isinstance(source, bytes) else Path(source).read_bytes()


# --- plain text ----------------------------------------------------------------------------


def read_txt(data: bytes) -> ReadResult:
    text, encoding, warnings = decode_text(data)
    return ReadResult(text=text, encoding=encoding, warnings=warnings)


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """UTF-8 first (strict), then GB18030 (a superset of GBK and GB2312), then a detector."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("文件内容不是可识别的文本（可能是二进制文件），无法读取")
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            name = "utf-8" if encoding == "utf-8-sig" else encoding
            return text, name, [] if name == "utf-8" else ["non_utf8_encoding"]
    return _detected(data)


def _detected(data: bytes) -> tuple[str, str, list[str]]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else ""
    if best is None or not _looks_like_text(text):
        raise UnreadableFile("文件内容不是可识别的文本（可能是二进制文件或编码无法识别），无法读取")
    return text, best.encoding, ["encoding_guessed"]


def _looks_like_text(text: str) -> bool:
    """Decoding random bytes as GB18030 often succeeds; what comes out is not readable text."""
    if not text.strip():
        return True
    sample = text[:20000]
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    rare = sum(1 for ch in sample if not _common(ch))
    hanzi = [ch for ch in sample if 0x4E00 <= ord(ch) <= 0x9FFF][:2000]
    # Random bytes decode as GB18030 into rare characters spread over the whole table; real
    # text, simplified or traditional, is mostly the first-level characters of GB2312 or Big5.
    frequent = sum(1 for ch in hanzi if _frequent_hanzi(ch))
    return odd <= 0.01 * len(sample) and rare <= 0.1 * len(sample) and frequent >= 0.7 * len(hanzi)


def _frequent_hanzi(ch: str) -> bool:
    for codec, low, high in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
        try:
            lead = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        if low <= lead <= high:
            return True
    return False


def _common(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x7F
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x27BF  # general punctuation, symbols, ★
        or 0xC0 <= code <= 0x24F  # accented Latin: pinyin glosses (fā, jī) on mirror sites
        or code in (0xA0, 0xB7, 0xD7)
    )


# --- Word ----------------------------------------------------------------------------------


def read_docx(data: bytes) -> ReadResult:
    _check_zip(data)
    import docx  # python-docx; imported here so plain-text uploads do not pay for it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise UnreadableFile("Word文件已损坏或不是有效的.docx文件，无法读取") from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            lines.append(block.text)
    return ReadResult(text="\n".join(lines).strip("\n"))


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableFile("文件不是有效的.docx文件（可能已损坏或是其他格式改了扩展名）") from exc
    entries = archive.infolist()
    inflated = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if len(entries) > MAX_ENTRIES or inflated > MAX_UNCOMPRESSED or inflated / packed > MAX_RATIO:
        raise UnreadableFile("Word文件解压后体积异常（可能是压缩炸弹），已拒绝读取")


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if not cells or cells[-1] != text:  # merged cells repeat their text in python-docx
                cells.append(text)
        lines.append("\t".join(cells))
    return lines


# --- PDF -----------------------------------------------------------------------------------


def read_pdf(data: bytes) -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted only against editing, with an empty password for reading.
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("PDF文件已加密，无法读取")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UnreadableFile("PDF文件已损坏，无法读取") from exc
    if not pages:
        raise UnreadableFile("PDF文件没有页面")
    text = "\n".join(pages).strip()
    if len(re.sub(r"\s", "", text)) < 10:
        raise UnreadableFile("PDF没有文字层（可能是扫描件），请先进行文字识别")
    return ReadResult(text=text)


# --- HTML ----------------------------------------------------------------------------------


def read_html(data: bytes) -> ReadResult:
    text, encoding, warnings = _decode_html(data)
    return ReadResult(text=html_to_text(text), encoding=encoding, warnings=warnings)


def html_to_text(text: str) -> str:
    """The text a browser shows for the markup `text`, one block a line, table cells tab-separated."""
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an XML declaration
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml's ParserError and empty-document errors
        raise UnreadableFile("网页文件无法解析，无法读取") from exc
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        element.drop_tree()
    parts: list[str] = []
    _walk(root, parts)
    return _tidy("".join(parts))


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    declared = _META_CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gbk", "gb2312", "gb18030") else name
        try:
            return data.decode(name), name, []
        except (LookupError, UnicodeDecodeError):
            pass  # the declaration lies; fall back to detection
    return decode_text(data)


def _walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""  # comments have a function as tag
    if tag.lower() == "br":
        parts.append("\n")
    block = tag.lower() in _BLOCK_TAGS - {"br"}
    if block:
        parts.append("\n")
    if tag and element.text:
        parts.append(_inline(element.text))
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(_inline(child.tail))
    if tag.lower() in ("td", "th"):
        parts.append("\t")
    if block:
        parts.append("\n")


def _inline(text: str) -> str:
    """Source line breaks inside HTML are spaces to a browser; the 　 indentation is kept."""
    return re.sub(r"[ \t\r\n\f]+", " ", text)


def _tidy(text: str) -> str:
    lines = [line.replace("\xa0", " ").rstrip().lstrip(" \t") for line in text.split("\n")]
    text = "\n".join(line if line.strip() else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
