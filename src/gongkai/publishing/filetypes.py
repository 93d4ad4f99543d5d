"""What an uploaded attachment really is, judged by its first bytes and never by its name."""

from __future__ import annotations

import io
import zipfile

# A zip that inflates beyond this is refused whatever it claims to be (zip bombs).
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 100


class RefusedFile(Exception):
    """str() is a Chinese message for the uploader."""


def sniff(data: bytes, name: str = "") -> str:
    """The attachment kind (`Attachment.Kind` value) of `data`, or RefusedFile."""
    if not data:
        raise RefusedFile("文件为空")
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    hint = f"（文件名为 .{suffix}，但内容不是该格式）" if suffix else ""
    raise RefusedFile(
        f"不支持的附件格式{hint}：仅接受 PDF、Word、OFD、图片（PNG/JPEG）、音频（MP3）、视频（MP4）"
    )


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise RefusedFile("文件已损坏：压缩包无法打开") from None
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(len(data), 1):
        raise RefusedFile("文件解压后过大，疑似压缩炸弹，已拒绝")
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    return "zip"
