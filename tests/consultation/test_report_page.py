"""The published adoption report: page and .docx — counts equal to the records, personal data
masked, the changes between draft and final text, and the adopted decision linked both ways."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.urls import reverse

from gongkai.common.errors import ActionRefused
from gongkai.common.officialdoc import docx_text
from gongkai.consultation import report_actions
from gongkai.consultation.models import Channel, Comment, Disposition
from tests.consultation.report_helpers import PHONE_IN_TEXT, after, closed_with_comments, reported
from tests.publishing.builders import published, team  # noqa: F401

pytestmark = pytest.mark.django_db


def _cells(page: str) -> list[list[str]]:
    table = re.search(r'<table class="list report" id="report-figures">(.*?)</table>', page, re.S).group(1)
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_counts_in_the_report_equal_the_records(li_ming, wang_fang, client):
    c, _ = reported(li_ming, wang_fang)
    page = client.get(reverse("consultation:report", args=[c.pk])).content.decode()
    records = Counter(
        (m.get_channel_display(), m.effective_disposition())
        for m in Comment.objects.filter(consultation=c).select_related("group")
    )
    rows = {row[0]: row[1:] for row in _cells(page)[1:]}  # after the header row
    for _value, label in Channel.choices:
        expected = [records[(label, d)] for d in Disposition.values]
        if sum(expected):
            assert rows[label] == [str(n) for n in [*expected, sum(expected)]]
        else:
            assert label not in rows
    assert rows["合计"][-1] == str(Comment.objects.filter(consultation=c).count()) == "6"
    assert rows["合计"][:3] == ["0", "3", "3"]  # 3 in the group not adopted, 3 partly


def test_personal_data_is_masked_on_the_page_and_in_the_docx(li_ming, wang_fang, client):
    c, _ = reported(li_ming, wang_fang)
    page = client.get(reverse("consultation:report", args=[c.pk])).content.decode()
    response = client.get(reverse("consultation:report_docx", args=[c.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(response.content)
    for shown in (page, text):
        assert PHONE_IN_TEXT not in shown  # neither in the comment nor in the staff's reason
        assert "13812345678" not in shown  # the writers' contact numbers never appear
        assert "建议第四条增加债务资金绩效评价" in shown
        assert "这是一条与草案无关的广告内容" not in shown  # hidden: listed without its content
        assert "该意见未在网上公开显示" in shown
    assert "关于《示范县政府性债务管理办法（征求意见稿）》公开征求意见采纳情况的说明" in text
    assert "本次征求意见共收到意见6条，其中采纳0条、部分采纳3条、不采纳3条。" in text


def test_the_changes_between_draft_and_final_text(li_ming, wang_fang, client):
    c, _ = reported(li_ming, wang_fang)
    page = client.get(reverse("consultation:report", args=[c.pk])).content.decode()
    assert "修改1处，新增1处，删除0处" in page
    assert '<ins class="diff-add">化解</ins>' in page or '<ins class="diff-add">防范化解</ins>' in page
    assert "<h3>新增：第六条</h3>" in page
    assert '<ins class="diff-add">第六条 县财政局每年公开政府性债务限额和余额。</ins>' in page
    text = docx_text(client.get(reverse("consultation:report_docx", args=[c.pk])).content)
    assert "新增第六条：第六条 县财政局每年公开政府性债务限额和余额。" in text


def test_the_report_is_not_public_before_it_is_published(li_ming, wang_fang, client):
    c, _ = closed_with_comments(li_ming, wang_fang)
    assert client.get(reverse("consultation:report", args=[c.pk])).status_code == 404
    assert client.get(reverse("consultation:report_docx", args=[c.pk])).status_code == 404


def test_adopted_decision_linked_both_ways(li_ming, wang_fang, team, client):  # noqa: F811
    c, _ = reported(li_ming, wang_fang)
    decision = published(team, title="示范县人民政府关于印发示范县政府性债务管理办法的通知")
    other = published(team, title="示范县财政局另一份文件")
    with after(c):
        with pytest.raises(ActionRefused, match="没有找到这份已公开的文件"):
            report_actions.find_public_document("no-such-index")
        found = report_actions.find_public_document(
            "https://www.example.gov.cn" + decision.get_absolute_url()
        )
        report_actions.link_adopted_document(li_ming, c, found)
    report_page = client.get(reverse("consultation:report", args=[c.pk])).content.decode()
    assert f'<a href="{decision.get_absolute_url()}">{decision.title}</a>' in report_page
    doc_page = client.get(decision.get_absolute_url()).content.decode()
    assert "本决策经公开征求意见" in doc_page
    assert f'href="{reverse("consultation:report", args=[c.pk])}"' in doc_page
    assert "本决策经公开征求意见" not in client.get(other.get_absolute_url()).content.decode()
    docx = docx_text(client.get(reverse("consultation:report_docx", args=[c.pk])).content)
    assert decision.title in docx


def test_linking_a_decision_needs_the_report_published(li_ming, wang_fang, team):  # noqa: F811
    c, _ = closed_with_comments(li_ming, wang_fang)
    decision = published(team)
    with after(c), pytest.raises(ActionRefused, match="请先公布意见采纳情况，再关联决策文件"):
        report_actions.link_adopted_document(li_ming, c, decision)
