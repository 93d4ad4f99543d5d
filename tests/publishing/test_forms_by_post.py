# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""The document, interpretation and guide forms as a browser posts them (the editor sends HTML;
a client without it sends plain text), every error at once, and the body cleaned on the way in."""

import pytest
from django.urls import reverse
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.publishing.bodies import sanitise
from gongkai.publishing.models import Document, Interpretation, State

pytestmark = pytest.mark.django_db


def _document(**data):
    return {
        "title": "示范县财政局关于表单测试的通知", "made_on": "2026-03-02", "validity": "valid",
        "disclosure": "proactive", "body": "", **data,
    }  # fmt: skip


def test_create_by_post_keeps_paragraphs_of_plain_text_and_normalises_the_number(team, client):
    client.force_login(team.clerk)
    response = client.post(
        reverse("publishing:create"),
        _document(body="第一段。\r\n\r\n第二段。\r\n第三段。", doc_number="示财发[2026]88号"),
    )
    doc = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("publishing:detail", args=[doc.pk])
    assert doc.body == "<p>第一段。</p><p>第二段。</p><p>第三段。</p>"
    assert doc.doc_number == "示财发〔2026〕88号"


def test_create_by_post_cleans_the_editors_html(team, client):
    client.force_login(team.clerk)
    body = (
        "<h2>一、总体要求</h2><ul><li><p>甲</p></li></ul>"
        '<table style="min-width: 50px"><colgroup><col></colgroup><tbody><tr><th><p>项目</p></th></tr>'
        "<tr><td><p>金额</p></td></tr></tbody></table>"
        '<p>图<img src="/attachments/7/" alt="示意图"><img src="http://example.com/x.png" alt="外链">'
        "<script>alert(1)</script></p>"
    )
    client.post(reverse("publishing:create"), _document(body=body))
    doc = Document.objects.get()
    assert doc.body == (
        "<h2>一、总体要求</h2><ul><li><p>甲</p></li></ul>"
        "<table><tbody><tr><th><p>项目</p></th></tr><tr><td><p>金额</p></td></tr></tbody></table>"
        '<p>图<img src="/attachments/7/" alt="示意图"></p>'
    )


def test_create_by_post_shows_every_error_at_once(team, client):
    client.force_login(team.clerk)
    response = client.post(
        reverse("publishing:create"), _document(title="", made_on="", disclosure="on_request")
    )
    errors = response.context["form"].errors
    assert {"title", "made_on", "withheld_category"} <= set(errors)
    assert not Document.objects.exists()


def test_edit_by_post_saves_a_revision(team, client):
    doc = draft(team.clerk)
    client.force_login(team.clerk)
    response = client.post(
        reverse("publishing:edit", args=[doc.pk]), _document(title=doc.title, body="<p>改过的正文</p>")
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.body == "<p>改过的正文</p>" and doc.revisions.count() == 2


def test_interpretation_by_post_is_screened(team, client):
    doc = draft(team.clerk)
    client.force_login(team.clerk)
    url = reverse("publishing:interpretation_create")
    response = client.post(url, {"title": "", "kind": "text", "body": "咨询电话13812345678"})
    assert {"title", "documents"} <= set(response.context["form"].errors)
    response = client.post(
        url, {"title": "政策解读", "kind": "text", "documents": [doc.pk], "body": "咨询电话13812345678"}
    )
    item = Interpretation.objects.get()
    assert response["Location"] == reverse("publishing:interpretation_detail", args=[item.pk])
    assert item.body == "<p>咨询电话13812345678</p>" and item.state == State.DRAFT
    assert item.findings.get().kind == "mobile"


def test_sanitise_drops_scripts_and_outside_images():
    assert sanitise('<p onclick="x()">a<script>alert(1)</script><img src="//evil/x.png"></p>') == "<p>a</p>"
