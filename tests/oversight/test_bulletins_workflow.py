"""通报: drafted by the office's clerk, reviewed, published by a supervisor; the .docx read back;
publishing opens the criticised agency's 整改 with its deadline, shown in its 待办, reviewed by the office."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.common.officialdoc import docx_text
from gongkai.oversight import bulletins_actions as ba
from gongkai.oversight.bulletins_queries import bulletin_docx, todo_items
from gongkai.oversight.models import Bulletin, BulletinEntry, Rectification
from gongkai.workdays.services import current_calendar
from tests.oversight.bulletins_fixtures import (
    FINANCE_FINDING,
    NUMBER,
    TITLE,
    draft_bulletin,
    published_bulletin,
    wu_gang,
    zhou_min,
)


@pytest.fixture(autouse=True)
def _today():
    """Monday 2 February 2026, 10:00 in Asia/Shanghai."""
    with time_machine.travel("2026-02-02 10:00 +08:00", tick=False):
        yield


def test_each_step_needs_its_role(county, li_ming, zhao_qiang):
    clerk, reviewer = zhou_min(county), wu_gang(county)
    bulletin = draft_bulletin(county)
    with pytest.raises(ActionRefused, match="提交审核需要以下角色之一：信息公开工作人员"):
        ba.submit_bulletin(reviewer, bulletin)
    with pytest.raises(ActionRefused, match="只有示范县人民政府办公室的工作人员可以提交审核"):
        ba.submit_bulletin(li_ming, bulletin)  # a clerk, but of 县财政局
    ba.submit_bulletin(clerk, bulletin)
    with pytest.raises(ActionRefused, match="通报当前状态为“待审核”，不能发布（仅在已审核时可以）"):
        ba.publish_bulletin(zhao_qiang, bulletin)
    ba.return_bulletin(reviewer, bulletin, reason="文号有误")
    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.return_reason) == ("returned", "文号有误")
    ba.update_bulletin(clerk, bulletin, title=TITLE, number=NUMBER)
    ba.submit_bulletin(clerk, bulletin)
    ba.approve_bulletin(reviewer, bulletin)
    with pytest.raises(ActionRefused, match="发布需要以下角色之一：主管部门"):
        ba.publish_bulletin(reviewer, bulletin)
    with pytest.raises(ActionRefused, match="通报当前状态为“已审核”，不能修改"):
        ba.add_entry(clerk, bulletin, agency=county.housing, kind="praise", finding="好")
    ba.publish_bulletin(zhao_qiang, bulletin)
    bulletin.refresh_from_db()
    assert bulletin.state == "published" and bulletin.issued_on == date(2026, 2, 2)
    codes = list(AuditEntry.objects.filter(object_id=str(bulletin.pk)).values_list("action", flat=True))
    assert codes.count("oversight.bulletin.submit") == 2 and "oversight.bulletin.publish" in codes


def test_an_agency_outside_the_issuers_subtree_is_refused(county):
    bulletin = draft_bulletin(county)
    with pytest.raises(ActionRefused, match="邻县人民政府不在示范县人民政府的管辖范围内，不能列入本通报"):
        ba.add_entry(zhou_min(county), bulletin, agency=county.neighbour, kind="criticism", finding="差")
    with pytest.raises(ActionRefused, match="示范县财政局已列入本通报的批评事项"):
        ba.add_entry(zhou_min(county), bulletin, agency=county.finance, kind="criticism", finding="再次")
    assert bulletin.entries.count() == 2


def test_the_docx_reads_back_title_number_and_entries(county, zhao_qiang):
    bulletin = published_bulletin(county, zhao_qiang)
    text = docx_text(bulletin_docx(bulletin))
    lines = text.splitlines()
    assert lines[0] == TITLE and lines[1] == NUMBER
    assert "一、通报表扬的单位" in lines and "二、通报批评的单位" in lines and "三、有关要求" in lines
    assert "1. 示范县城关镇人民政府。考核得分第一。" in lines
    assert f"1. 示范县财政局。{FINANCE_FINDING}" in lines
    assert "示范县人民政府办公室" in lines and "2026年2月2日" in lines


def test_publishing_opens_the_rectification_with_its_deadline_and_todo(county, li_ming, zhao_qiang, settings):
    settings.GONGKAI_RECTIFICATION_WORKDAYS = 20
    bulletin = published_bulletin(county, zhao_qiang)
    rect = Rectification.objects.get()
    assert rect.agency == county.finance and rect.entry.kind == BulletinEntry.Kind.CRITICISM
    assert rect.due_on == current_calendar().add_workdays(date(2026, 2, 2), 20).due
    assert [i.title for i in todo_items(li_ming)] == [f"整改：{bulletin.title}"]
    assert todo_items(li_ming)[0].due == rect.due_on
    assert todo_items(zhou_min(county)) == []  # the office's clerk neither records nor reviews


def test_rectification_recorded_returned_and_accepted(client, county, li_ming, wang_fang, zhao_qiang):
    published_bulletin(county, zhao_qiang)
    rect = Rectification.objects.get()
    reviewer = wu_gang(county)
    with pytest.raises(
        ActionRefused, match="只有示范县财政局的信息公开工作人员、审核人或审发人可以报送整改情况"
    ):
        ba.record_rectification(reviewer, rect, measures="x", done_on=date(2026, 2, 1))
    with pytest.raises(ActionRefused, match="整改完成日期不能晚于今天"):
        ba.record_rectification(li_ming, rect, measures="补发年报", done_on=date(2026, 3, 1))
    ba.record_rectification(li_ming, rect, measures="已补发年度报告。", done_on=date(2026, 2, 1))
    with pytest.raises(ActionRefused, match="只有示范县人民政府办公室的审核人或主管部门可以审核整改情况"):
        ba.accept_rectification(wang_fang, rect)  # 县财政局's own reviewer
    assert [i.title for i in todo_items(reviewer)] == ["审核县财政局的整改情况"]
    client.force_login(reviewer)
    url = reverse("oversight_staff:rectification", args=[rect.pk])
    page = client.post(url, {"op": "return", "reason": ""})
    assert "请填写退回理由" in page.content.decode()
    client.post(url, {"op": "return", "reason": "缺少超期答复的整改措施"})
    rect.refresh_from_db()
    assert rect.state == "returned" and [i.status for i in todo_items(li_ming)] == ["已退回"]
    ba.record_rectification(
        li_ming, rect, measures="已补发年度报告，超期件已答复。", done_on=date(2026, 2, 2)
    )
    client.post(url, {"op": "accept"})
    rect.refresh_from_db()
    assert rect.state == "accepted" and todo_items(li_ming) == [] and todo_items(reviewer) == []


def test_the_pages_take_a_bulletin_from_draft_to_published(client, county, zhao_qiang):
    clerk = zhou_min(county)
    client.force_login(clerk)
    response = client.post(reverse("oversight_staff:bulletin_new"), {"title": TITLE, "number": NUMBER})
    bulletin = Bulletin.objects.get()
    assert response.url == reverse("oversight_staff:bulletin", args=[bulletin.pk])
    detail = reverse("oversight_staff:bulletin", args=[bulletin.pk])
    page = client.post(
        detail, {"op": "add", "agency": county.neighbour.pk, "kind": "praise", "finding": "好"}
    )
    assert "请从列表中选择" in page.content.decode() and not bulletin.entries.exists()
    client.post(
        detail, {"op": "add", "agency": county.finance.pk, "kind": "criticism", "finding": FINANCE_FINDING}
    )
    client.post(reverse("oversight_staff:bulletin_act", args=[bulletin.pk, "submit"]), {})
    client.force_login(wu_gang(county))
    client.post(reverse("oversight_staff:bulletin_act", args=[bulletin.pk, "approve"]), {})
    client.force_login(zhao_qiang)
    client.post(reverse("oversight_staff:bulletin_act", args=[bulletin.pk, "publish"]), {})
    bulletin.refresh_from_db()
    assert bulletin.state == "published"
    public = client.get(reverse("oversight:bulletin", args=[bulletin.pk])).content.decode()
    assert FINANCE_FINDING in public and "整改中" in public
    docx = client.get(reverse("oversight:bulletin_docx", args=[bulletin.pk]))
    assert TITLE in docx_text(docx.content)
