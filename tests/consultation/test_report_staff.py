"""The staff page of dispositions: suggestions of near-duplicates, groups, dispositions and the final
text through the real forms; scope (the outsider gets 404); a fixed number of queries."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from gongkai.consultation.models import Comment, CommentGroup
from tests.consultation.report_helpers import after, closed_with_comments

pytestmark = pytest.mark.django_db


def _url(c):
    return reverse("consultation_staff:report", args=[c.pk])


def test_near_duplicates_are_suggested_and_a_confirmed_group_gets_one_disposition(li_ming, wang_fang, client):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        client.force_login(li_ming)
        page = client.get(_url(c)).content.decode()
        assert "建议归类的相似意见" in page and "相似意见1（3条）" in page
        for m in comments[:3]:
            assert f'name="comment" value="{m.pk}" checked' in page
        ids = [str(m.pk) for m in comments[:3]]
        response = client.post(_url(c), {"op": "group", "title": "适用范围包括国有企业", "comment": ids})
        assert response.status_code == 302
        group = CommentGroup.objects.get(consultation=c)
        assert set(group.comments.values_list("pk", flat=True)) == {m.pk for m in comments[:3]}
        client.post(
            _url(c),
            {
                "op": "dispose",
                "kind": "group",
                "target": group.pk,
                "disposition": "partly",
                "reason": "部分采纳",
            },
        )
        assert {Comment.objects.get(pk=m.pk).effective_disposition() for m in comments[:3]} == {"partly"}
        page = client.get(_url(c)).content.decode()
    assert "建议归类的相似意见" not in page  # nothing left to suggest
    assert "还有3条没有处理意见" in page


def test_a_form_error_is_shown_in_chinese_and_saves_nothing(li_ming, wang_fang, client):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        client.force_login(li_ming)
        data = {
            "op": "dispose",
            "kind": "comment",
            "target": comments[5].pk,
            "disposition": "adopted",
            "reason": "",
        }
        page = client.post(_url(c), data, follow=True).content.decode()
    assert "请填写采纳或不采纳的理由" in page
    assert Comment.objects.get(pk=comments[5].pk).disposition == ""


def test_final_text_from_a_word_file(li_ming, wang_fang, client):
    c, _ = closed_with_comments(li_ming, wang_fang)
    doc = Document()
    for line in ("第一条　定稿第一条。", "第二条　定稿第二条。"):
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    buffer.name = "定稿.docx"
    with after(c):
        client.force_login(li_ming)
        client.post(_url(c), {"op": "final_text", "file": buffer, "text": ""})
    c.refresh_from_db()
    assert "第二条　定稿第二条。" in c.final_text


def test_the_outsider_gets_404_and_the_supervisor_sees_it(li_ming, wang_fang, chen_jing, zhao_qiang, client):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        client.force_login(chen_jing)
        assert client.get(_url(c)).status_code == 404
        data = {
            "op": "dispose",
            "kind": "comment",
            "target": comments[0].pk,
            "disposition": "adopted",
            "reason": "x",
        }
        assert client.post(_url(c), data).status_code == 404
        client.force_login(zhao_qiang)
        page = client.get(_url(c)).content.decode()
    assert "意见处理和采纳情况" in page and "来信建议债务信息按季度公开" in page
    assert Comment.objects.get(pk=comments[0].pk).disposition == ""


def test_the_page_takes_a_fixed_number_of_queries(li_ming, wang_fang, client, django_assert_max_num_queries):
    from gongkai.consultation import actions, report_actions

    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        client.force_login(li_ming)
        report_actions.group_comments(li_ming, c, [m.pk for m in comments[:3]], title="适用范围")
        with django_assert_max_num_queries(30) as few:
            client.get(_url(c))
        for i in range(10):
            actions.enter_offline_comment(
                li_ming,
                c,
                channel="letter",
                body=f"补充意见{i}：建议增加第{i}项内容。",
                received_on=c.closes_on,
            )
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(_url(c))
