"""What an uploaded attachment is, by its content, against the allow-list of the public form.

Pure, no Django. A file is accepted only when its bytes are one of the allowed types AND its
name ends with a suffix of that type: an HTML page named `.pdf`, an SVG with `onload`, a macro
workbook or an executable is refused whatever it is called. Types: PDF, Word and Excel (the OLE
files of Office 97–2003 with their WordDocument/Workbook stream; the OOXML ZIPs with their main
part and no macros), JPEG, PNG, OFD (GB/T 33190-2016, a ZIP with OFD.xml at its root), and plain
text in UTF-8 or GBK without markup.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SUFFIXES = {
    "pdf": (".pdf",),
    "doc": (".doc",),
    "xls": (".xls",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "jpeg": (".jpg", ".jpeg"),
    "png": (".png",),
    "ofd": (".ofd",),
    "txt": (".txt",),
}
LABELS = {
    "pdf": "PDF文件",
    "doc": "Word文档",
    "xls": "Excel表格",
    "docx": "Word文档",
    "xlsx": "Excel表格",
    "jpeg": "JPEG图片",
    "png": "PNG图片",
    "ofd": "OFD版式文件",
    "txt": "纯文本文件",
}
ALLOWED_HINT = "PDF、Word、Excel、JPEG、PNG、OFD或纯文本文件"
_MARKUP = re.compile(rb"<\s*[A-Za-z!?/]")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(data: bytes) -> str | None:
    # The stream names sit in the OLE directory as UTF-16; a Word file has WordDocument, an
    # Excel 97+ file Workbook (Excel 5: Book). Macros live in a _VBA_PROJECT stream: refused.
    if _utf16("_VBA_PROJECT") in data or _utf16("Macros") in data:
        return None
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


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


def sniff(data: bytes) -> str | None:
    """The allowed type `data` is, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data and _is_plain_text(data):
        return "txt"
    return None


def attachment_problem(name: str, data: bytes) -> str | None:
    """Why the file `name` with content `data` may not be attached, in Chinese, or None."""
    kind = sniff(data)
    if kind is None:
        return f"附件“{name}”不是允许的文件类型（只接受{ALLOWED_HINT}），请转换后再上传"
    if not name.lower().endswith(SUFFIXES[kind]):
        wanted = "或".join(SUFFIXES[kind])
        return f"附件“{name}”的内容是{LABELS[kind]}，与扩展名不符，请改为{wanted}后再上传"
    return None
