"""Files of the transcript and images of the live text: judged by their bytes, served by the
application on the public page once the transcript is published."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.common.errors import ActionRefused
from gongkai.demo.interviews import _png
from gongkai.interviews import actions
from gongkai.interviews.models import Media

from .conftest import make_interview

pytestmark = pytest.mark.django_db

MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


def _upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("photo.png", _png(8, 8), "image"), ("talk.mp3", MP3, "audio"), ("video.mp4", MP4, "video")],
)
def test_images_audio_and_video_are_taken(county, li_ming, name, data, kind, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    interview = make_interview(li_ming, county.finance, state="finished")
    item = actions.add_media(li_ming, interview, upload=_upload(name, data), title="实录")
    assert item.kind == kind


@pytest.mark.parametrize(
    ("name", "data", "refusal"),
    [
        ("page.png", b"<html><script>alert(1)</script></html>", "不是允许的类型"),
        ("talk.png", MP3, "内容是MP3音频，与扩展名不符"),
        ("notes.txt", "会议纪要".encode(), "不是允许的类型"),
        ("slides.docx", b"PK\x03\x04" + b"\x00" * 100, "不是允许的类型"),
    ],
)
def test_other_files_are_refused(county, li_ming, name, data, refusal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    interview = make_interview(li_ming, county.finance, state="finished")
    with pytest.raises(ActionRefused, match=refusal):
        actions.add_media(li_ming, interview, upload=_upload(name, data), title="实录")
    assert not Media.objects.exists()


def test_an_entry_image_must_be_an_image(county, li_ming, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    interview = make_interview(li_ming, county.finance, state="live")
    with pytest.raises(ActionRefused, match="只接受JPEG或PNG图片"):
        actions.post_entry(li_ming, interview, body="现场图片", image=_upload("x.png", MP4))


def test_files_are_served_on_the_published_transcript_only(client, county, li_ming, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    interview = make_interview(li_ming, county.finance, state="finished")
    item = actions.add_media(li_ming, interview, upload=_upload("talk.mp3", MP3), title="访谈录音")
    url = f"/interviews/{interview.pk}/media/{item.pk}/"
    assert client.get(url).status_code == 404  # not yet published
    actions.publish_transcript(li_ming, interview)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"ID3")
    assert response["Content-Disposition"].startswith("inline")
    html = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert f'<audio controls preload="none" src="{url}"' in html
