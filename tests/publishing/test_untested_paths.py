# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Paths no test walked before: 撤回修改, 退回 at 上报审核, and an attachment from upload to its public
download (only once the document is public)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.conftest import _person
from tests.publishing.builders import draft, review_all, team  # noqa: F401

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.models import ReviewStep, State

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_withdraw_takes_an_approved_document_back_to_draft(team, client):
    doc = review_all(draft(team.clerk), team)
    doc = actions.schedule_publication(team.clerk, doc, at=doc.updated_at.replace(year=2099))
    client.force_login(team.clerk)
    response = client.post(reverse("publishing:act", args=[doc.pk, "withdraw"]), {"comment": "补充附件"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert (doc.state, doc.scheduled_at) == (State.DRAFT, None)
    step = doc.review_steps.last()
    assert (step.decision, step.comment) == (ReviewStep.Decision.REJECTED, "补充附件")
    doc = actions.update_document(team.clerk, doc, body="<p>补充后的正文</p>")
    assert doc.body == "<p>补充后的正文</p>"


def test_withdraw_is_only_for_an_approved_document(team):
    doc = draft(team.clerk)
    with pytest.raises(ActionRefused, match="撤回修改"):
        actions.withdraw_document(team.clerk, doc)


@pytest.fixture
def office_reviewer(county):
    return _person("bgs_reviewer", "周审", county.office, Role.REVIEWER)


def test_rejection_at_via_review_returns_to_the_drafter(team, county, office_reviewer):
    actions.set_publishing_policy(None, county.finance, publish_via=county.office)
    doc = review_all(draft(team.clerk), team)
    assert doc.state == State.VIA_REVIEW and doc.via_agency == county.office
    with pytest.raises(ActionRefused, match="此环节应由其他机关办理，您无权操作"):
        actions.reject_step(team.signer, doc, comment="自己退回")
    with pytest.raises(ActionRefused, match="退回时须写明理由"):
        actions.reject_step(office_reviewer, doc, comment=" ")
    doc = actions.reject_step(office_reviewer, doc, comment="请补充政策依据")
    assert doc.state == State.DRAFT
    step = doc.review_steps.last()
    assert (step.step, step.decision, step.agency) == (State.VIA_REVIEW, "rejected", county.office)


def test_an_uploaded_attachment_is_downloadable_only_once_public(team, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = draft(team.clerk)
    client.force_login(team.clerk)
    response = client.post(
        reverse("publishing:detail", args=[doc.pk]),
        {"action": "attach", "file": SimpleUploadedFile("示意图.png", PNG, content_type="image/png")},
    )
    assert response.status_code == 302
    (attachment,) = doc.attachments.all()
    assert (attachment.name, attachment.kind, attachment.size) == ("示意图.png", "png", len(PNG))
    page = client.get(reverse("publishing:detail", args=[doc.pk])).content.decode()
    assert reverse("publishing:attachment", args=[attachment.pk]) in page  # the address to put in the body
    client.logout()
    url = reverse("publishing:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404  # a draft's files are not public
    actions.publish_document(team.clerk, review_all(doc, team))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert "attachment" in response["Content-Disposition"]


def test_a_refused_upload_says_why_and_keeps_nothing(team, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = draft(team.clerk)
    client.force_login(team.clerk)
    response = client.post(
        reverse("publishing:detail", args=[doc.pk]),
        {"action": "attach", "file": SimpleUploadedFile("x.png", b"not a picture")},
        follow=True,
    )
    assert "不支持的附件格式（文件名为 .png，但内容不是该格式）" in response.content.decode()
    assert not doc.attachments.exists()
