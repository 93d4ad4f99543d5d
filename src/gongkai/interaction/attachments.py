"""The allow-list of a message's attachments (photos and documents), over the one content sniffer
(`gongkai.common.filetypes`).

Pure, no Django. A file is taken only when its bytes are an allowed type AND its name ends with a
suffix of that type, so an HTML page called `.jpg`, a macro document or a program is refused
whatever its name says.
"""

from __future__ import annotations

from gongkai.common.filetypes import RefusedFile, identify

SUFFIXES = {
    "jpeg": (".jpg", ".jpeg"),
    "png": (".png",),
    "pdf": (".pdf",),
    "doc": (".doc",),
    "docx": (".docx",),
    "txt": (".txt",),
}
LABELS = {
    "jpeg": "JPEG图片",
    "png": "PNG图片",
    "pdf": "PDF文件",
    "doc": "Word文档",
    "docx": "Word文档",
    "txt": "纯文本文件",
}
ALLOWED_HINT = "JPEG、PNG图片，PDF、Word或纯文本文件"


def attachment_problem(name: str, data: bytes) -> str | None:
    """Why the file `name` with content `data` may not be attached to a message, in Chinese, or None."""
    try:
        kind = identify(data)
    except RefusedFile as exc:
        return f"附件“{name}”：{exc}"
    if kind not in SUFFIXES:
        return f"附件“{name}”不是允许的文件类型（只接受{ALLOWED_HINT}），请转换后再上传"
    if not name.lower().endswith(SUFFIXES[kind]):
        wanted = "或".join(SUFFIXES[kind])
        return f"附件“{name}”的内容是{LABELS[kind]}，与扩展名不符，请改为{wanted}后再上传"
    return None
