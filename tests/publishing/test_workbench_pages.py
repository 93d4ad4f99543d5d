# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Workbench pages: lists with query counts, the detail page actions, upload, diff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.publishing.models import Document, State

pytestmark = pytest.mark.django_db


def test_lists_are_paginated_with_a_fixed_number_of_queries(team, client, django_assert_max_num_queries):
    for i in range(30):
        draft(team.clerk, title=f"草稿{i}")
    client.force_login(team.clerk)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("publishing:drafts"))
    assert "第 1 / 2 页" in response.content.decode()
    filtered = client.get(reverse("publishing:drafts"), {"q": "草稿29"}).content.decode()
    assert "草稿29" in filtered and "草稿28" not in filtered


def test_review_through_the_detail_page(team, client):
    doc = draft(team.clerk)
    client.force_login(team.clerk)
    client.post(reverse("publishing:act", args=[doc.pk, "submit"]))
    client.post(reverse("publishing:act", args=[doc.pk, "approve"]), {"comment": "初审同意"})
    client.force_login(team.reviewer)
    page = client.get(reverse("publishing:detail", args=[doc.pk])).content.decode()
    assert 'value="approve"' in page and "初审同意" in page
    response = client.post(reverse("publishing:act", args=[doc.pk, "reject"]), follow=True)
    assert "退回时须写明理由" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).state == State.REVIEW


def test_upload_creates_a_draft(team, client):
    client.force_login(team.clerk)
    text = "示范县财政局关于上传测试的通知\n示财发〔2025〕9号\n\n各乡镇：\n    请遵照执行。\n\n示范县财政局\n2025年3月3日\n"
    upload = SimpleUploadedFile("notice.txt", text.encode("gbk"))
    response = client.post(reverse("publishing:import"), {"file": upload})
    doc = Document.objects.get()
    assert response.status_code == 302 and doc.doc_number == "示财发〔2025〕9号"


def test_upload_of_a_bad_file_says_why(team, client):
    client.force_login(team.clerk)
    response = client.post(reverse("publishing:import"), {"file": SimpleUploadedFile("x.txt", b"")})
    assert "空文件" in response.content.decode() and Document.objects.count() == 0


def test_diff_page(team, client):
    from gongkai.publishing import actions

    doc = draft(team.clerk, body="<p>旧的一段</p>")
    actions.update_document(team.clerk, doc, body="<p>新的一段</p>")
    client.force_login(team.clerk)
    page = client.get(reverse("publishing:diff", args=[doc.pk]), {"a": 1, "b": 2}).content.decode()
    assert "旧的一段" in page and "新的一段" in page and "diff-add" in page
