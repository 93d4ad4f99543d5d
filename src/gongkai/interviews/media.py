"""The allow-lists of an interview's files, over the one content sniffer (`gongkai.common.filetypes`):
images in the live text; images, MP3 audio and MP4 video with the transcript. A file is taken only
when its bytes are an allowed type AND its name ends with a suffix of that type."""

from __future__ import annotations

from django.conf import settings

from gongkai.common.errors import ActionRefused
from gongkai.common.filetypes import RefusedFile, identify

SUFFIXES = {
    "jpeg": (".jpg", ".jpeg"),
    "png": (".png",),
    "mp3": (".mp3",),
    "mp4": (".mp4", ".m4v"),
}
KINDS = {"jpeg": "image", "png": "image", "mp3": "audio", "mp4": "video"}
LABELS = {"jpeg": "JPEG图片", "png": "PNG图片", "mp3": "MP3音频", "mp4": "MP4视频"}
IMAGE_HINT = "JPEG或PNG图片"
MEDIA_HINT = "JPEG、PNG图片，MP3音频或MP4视频"
HEAD = 64 * 1024  # enough bytes to judge every allowed type


def _judge(upload, allowed: tuple[str, ...], hint: str, field: str) -> str:
    name = getattr(upload, "name", "") or "文件"
    limit = settings.GONGKAI_ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ActionRefused(
            f"文件“{name}”超过{settings.GONGKAI_ATTACHMENT_MAX_MB}MB，请压缩后再上传", field=field
        )
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    try:
        kind = identify(head)
    except RefusedFile:
        kind = "zip"  # only the head was read: a ZIP (Office, OFD …) is not an allowed type anyway
    if kind not in allowed:
        raise ActionRefused(f"文件“{name}”不是允许的类型（只接受{hint}），请转换后再上传", field=field)
    if not name.lower().endswith(SUFFIXES[kind]):
        wanted = "或".join(SUFFIXES[kind])
        raise ActionRefused(
            f"文件“{name}”的内容是{LABELS[kind]}，与扩展名不符，请改为{wanted}后再上传", field=field
        )
    return kind


def checked_image(upload):
    """`upload` if it is a JPEG or PNG image, else ActionRefused."""
    _judge(upload, ("jpeg", "png"), IMAGE_HINT, "image")
    return upload


def checked_media(upload) -> tuple[str, str]:
    """(kind, file type) of an image, audio or video file for the transcript, else ActionRefused."""
    file_type = _judge(upload, tuple(SUFFIXES), MEDIA_HINT, "upload")
    return KINDS[file_type], file_type
