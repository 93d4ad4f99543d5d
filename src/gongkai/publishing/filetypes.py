"""Which files a document may carry as attachments (`Attachment.Kind`), by their content."""

from __future__ import annotations

from gongkai.common.filetypes import RefusedFile, identify

# What the content sniffer finds → the attachment kind; an Office 97–2003 file is "doc".
KINDS = {
    "pdf": "pdf", "png": "png", "jpeg": "jpeg", "doc": "doc", "xls": "doc", "ole": "doc",
    "docx": "docx", "xlsx": "xlsx", "ofd": "ofd", "zip": "zip", "mp3": "mp3", "mp4": "mp4",
}  # fmt: skip

__all__ = ["RefusedFile", "sniff"]


def sniff(data: bytes, name: str = "") -> str:
    """The attachment kind of `data`, or RefusedFile with the reason in Chinese."""
    if not data:
        raise RefusedFile("文件为空")
    kind = identify(data)
    if kind == "macro":
        raise RefusedFile("含有宏的 Office 文件不能作为附件公开，请另存为不含宏的格式")
    if kind in KINDS:
        return KINDS[kind]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    hint = f"（文件名为 .{suffix}，但内容不是该格式）" if suffix else ""
    raise RefusedFile(
        f"不支持的附件格式{hint}：仅接受 PDF、Word、OFD、图片（PNG/JPEG）、音频（MP3）、视频（MP4）"
    )
