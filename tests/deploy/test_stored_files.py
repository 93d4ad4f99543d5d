# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Stored files go out through a view and Django's storage API; behind nginx, nginx sends the bytes."""

from urllib.parse import quote

import pytest

from gongkai.publishing import actions
from tests.publishing.builders import draft, review_all, team  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + "示范县财政局预算公开表".encode() * 50


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "shared-store"
    return settings.MEDIA_ROOT


@pytest.fixture
def attachment(team, media):
    doc = draft(team.clerk)
    item = actions.add_attachment(team.clerk, doc, name="预算公开表.pdf", data=PDF)
    actions.publish_document(team.clerk, review_all(doc, team))
    return item


def test_the_attachment_is_written_to_the_shared_store(attachment, media):
    assert (media / attachment.file.name).read_bytes() == PDF


def test_the_app_streams_it_without_nginx(client, attachment):
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "X-Accel-Redirect" not in response
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('预算公开表.pdf')}"


def test_behind_nginx_the_app_only_says_which_file(client, attachment, settings):
    settings.GONGKAI_ACCEL_REDIRECT = True
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_stored/" + quote(attachment.file.name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('预算公开表.pdf')}"
    assert response.content == b""


def test_an_unpublished_documents_attachment_is_not_handed_out(client, team, media, settings):
    settings.GONGKAI_ACCEL_REDIRECT = True
    item = actions.add_attachment(team.clerk, draft(team.clerk), name="草稿附件.pdf", data=PDF)
    response = client.get(f"/attachments/{item.pk}/")
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
