"""A stored file the page shows itself (an image, an audio or video player) goes out inline."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile

from gongkai.common.files import stored_file_response


class _Field:
    storage = None


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("media/clip.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"))
    field = _Field()
    field.storage = storage
    return FieldFile(None, field, name)


@pytest.mark.parametrize(
    ("accel", "inline", "disposition"),
    [
        (False, False, "attachment"),
        (False, True, "inline"),
        (True, False, "attachment"),
        (True, True, "inline"),
    ],
)
def test_disposition(settings, stored, accel, inline, disposition):
    settings.GONGKAI_ACCEL_REDIRECT = accel
    response = stored_file_response(stored, filename="发布会.mp4", inline=inline)
    assert response["Content-Disposition"].startswith(disposition)
    assert response["Content-Type"] == "video/mp4"
    assert ("X-Accel-Redirect" in response) is accel
