"""The allow-list of the public application form, over the one content sniffer
(`gongkai.common.filetypes`).

Pure, no Django. A file is accepted only when its bytes are one of the allowed types AND its
name ends with a suffix of that type: an HTML page named `.pdf`, an SVG with `onload`, a macro
workbook or an executable is refused whatever it is called.
"""

from __future__ import annotations

from gongkai.common.filetypes import RefusedFile, identify

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


def sniff(data: bytes) -> str | None:
    """The allowed type `data` is (a key of SUFFIXES), or None."""
    try:
        kind = identify(data)
    except RefusedFile:
        return None
    return kind if kind in SUFFIXES else None


def attachment_problem(name: str, data: bytes) -> str | None:
    """Why the file `name` with content `data` may not be attached, in Chinese, or None."""
    kind = sniff(data)
    if kind is None:
        return f"附件“{name}”不是允许的文件类型（只接受{ALLOWED_HINT}），请转换后再上传"
    if not name.lower().endswith(SUFFIXES[kind]):
        wanted = "或".join(SUFFIXES[kind])
        return f"附件“{name}”的内容是{LABELS[kind]}，与扩展名不符，请改为{wanted}后再上传"
    return None
