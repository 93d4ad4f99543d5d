"""Transcript media are judged by their bytes (PNG/JPEG images, MP3 audio, MP4 video) and served by
the application, inline, to the public only once the transcript is published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.common.errors import ActionRefused
from gongkai.press import actions
from gongkai.press.models import Media
from tests.press.conftest import at, conference

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MP3 = b"ID3\x03\x00\x00\x00" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64
HTML = b"<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("现场.png", PNG, ("image", "image/png")),
        ("现场.jpg", JPEG, ("image", "image/jpeg")),
        ("录音.mp3", MP3, ("audio", "audio/mpeg")),
        ("视频.mp4", MP4, ("video", "video/mp4")),
        ("现场.jpg", PNG, ("image", "image/png")),  # the bytes decide, not the name
    ],
)
def test_accepted_types(li_ming, today, name, data, expected):
    item = conference(li_ming, at(2026, 12, 1))
    media = actions.add_media(li_ming, item, upload=SimpleUploadedFile(name, data), caption="发布会现场")
    assert (media.type, media.content_type) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("视频.mp4", HTML, "不支持的文件格式（文件名为 .mp4，但内容不是可播放的图片、音频或视频）"),
        ("讲话稿.pdf", PDF, "不支持的文件格式（文件名为 .pdf"),
        ("空.png", b"", "请选择文件"),
    ],
)
def test_refused_types(li_ming, today, name, data, message):
    item = conference(li_ming, at(2026, 12, 1))
    with pytest.raises(ActionRefused, match=message):
        actions.add_media(li_ming, item, upload=SimpleUploadedFile(name, data))
    assert not Media.objects.exists()


def test_no_media_before_the_conference_is_held(li_ming, today):
    item = conference(li_ming, at(2026, 12, 10), held=False)
    with pytest.raises(ActionRefused, match="发布会召开后才能上传实录的音视频和图片"):
        actions.add_media(li_ming, item, upload=SimpleUploadedFile("a.png", PNG))


def test_served_inline_to_the_public_once_published(client, li_ming, today):
    item = conference(li_ming, at(2026, 12, 1))
    media = actions.add_media(li_ming, item, upload=SimpleUploadedFile("视频.mp4", MP4))
    assert client.get(f"/press/media/{media.pk}/").status_code == 404  # not yet published
    actions.update_transcript(li_ming, item, transcript="主持人：上午好。")
    actions.publish_conference(li_ming, item)
    response = client.get(f"/press/media/{media.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == MP4
    page = client.get(f"/press/{item.pk}/").content.decode()
    assert f'<video controls preload="metadata" src="/press/media/{media.pk}/"' in page


def test_the_upload_page_shows_the_refusal(client, li_ming, today):
    item = conference(li_ming, at(2026, 12, 1))
    client.force_login(li_ming)
    response = client.post(
        f"/workbench/press/{item.pk}/", {"part": "media", "upload": SimpleUploadedFile("a.mp4", HTML)}
    )
    assert "不支持的文件格式" in response.content.decode()
    assert not Media.objects.exists()
