"""What an uploaded file really is, judged by its bytes and never by its name.

Pure, no Django. One sniffer for every upload of every domain; each domain keeps its own
allow-list (publishing's attachments take audio and video, the public application form takes
plain text). Types: PDF, PNG, JPEG, Word and Excel in both the OLE files of Office 97–2003 (with
their WordDocument / Workbook stream) and the OOXML ZIPs, OFD (GB/T 33190-2016: a ZIP with
OFD.xml), other ZIPs, MP3, MP4, and plain text in UTF-8 or GBK without markup. Office files
carrying macros are reported as "macro" so that no allow-list takes them by accident.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

# A zip that inflates beyond this is refused whatever it claims to be (zip bombs).
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 100
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_MARKUP = re.compile(rb"<\s*[A-Za-z!?/]")


class RefusedFile(Exception):
    """str() is a Chinese message for the uploader."""


def identify(data: bytes) -> str | None:
    """The type of `data` (pdf, png, jpeg, doc, xls, ole, docx, xlsx, ofd, zip, mp3, mp4, txt,
    macro), or None; RefusedFile for a broken or bombing ZIP."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data and _is_plain_text(data):
        return "txt"
    return None


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(data: bytes) -> str:
    # The stream names sit in the OLE directory as UTF-16; a Word file has WordDocument, an
    # Excel 97+ file Workbook (Excel 5: Book); macros live in a _VBA_PROJECT stream.
    if _utf16("_VBA_PROJECT") in data or _utf16("Macros") in data:
        return "macro"
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    return "ole"


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise RefusedFile("文件已损坏：压缩包无法打开") from None
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(len(data), 1):
        raise RefusedFile("文件解压后过大，疑似压缩炸弹，已拒绝")
    names = {info.filename for info in infos}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return "macro"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    return "zip"


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data or _MARKUP.search(data):
        return False
    for encoding in ("utf-8-sig", "gbk"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(unicodedata.category(c) == "Cc" and c not in "\r\n\t" for c in text)
    return False
