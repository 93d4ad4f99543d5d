"""Workbench pages: list (masked, constant queries), case page, actions, reveal, notices, report."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.applications import actions, notices
from gongkai.applications.models import Application, State
from gongkai.audit.models import AuditEntry
from tests.applications.helpers import COMPANY, ZHANG_SAN_ID, ZHANG_SAN_PHONE, register, submit

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_list_is_masked_and_constant_in_queries(client, county, li_ming, django_assert_max_num_queries):
    for i in range(3):
        register(li_ming, county.finance, on=D(2026, 11, 2 + i))
    register(li_ming, county.finance, on=D(2026, 10, 9), applicant=COMPANY)
    client.force_login(li_ming)
    with django_assert_max_num_queries(12):
        page = client.get("/workbench/applications/").content.decode()
    assert "张*" in page and "138****5678" in page
    assert ZHANG_SAN_PHONE not in page and ZHANG_SAN_ID not in page and "张三" not in page
    for _ in range(20):
        register(li_ming, county.finance, on=D(2026, 11, 2))
    with django_assert_max_num_queries(12):
        client.get("/workbench/applications/")


@time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_overdue_filter_and_colours(client, county, li_ming):
    # Frozen on 2026-12-02: the 09-01 case is overdue, the 11-20 one (due 12-18) is not yet.
    late = register(li_ming, county.finance, on=D(2026, 9, 1))
    fresh = register(li_ming, county.finance, on=D(2026, 11, 20))
    client.force_login(li_ming)
    page = client.get("/workbench/applications/?due=overdue").content.decode()
    assert late.receipt_code in page and fresh.receipt_code not in page
    assert 'class="overdue"' in page
    home = client.get("/workbench/").content.decode()
    assert late.receipt_code in home and 'class="overdue"' in home


def test_case_page_shows_the_arithmetic_one_click_away(client, county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 9, 28))
    client.force_login(li_ming)
    page = client.get(f"/workbench/applications/{app.pk}/").content.decode()
    assert "<summary>逐日计算过程</summary>" in page
    assert "2026-10-01（周四） 不计 — 国庆节" in page and "2026-10-30" in page


def test_online_case_through_the_pages(client, county, li_ming, zhang_wei, wang_fang):
    app = submit(county.finance, submitted_on=D(2026, 11, 16))
    client.force_login(li_ming)
    url = f"/workbench/applications/{app.pk}/act/"
    assert "双方确认" in client.get(f"/workbench/applications/{app.pk}/").content.decode()
    r = client.post(url + "confirm/", {"confirmed_on": "2026-11-17"})
    assert r.status_code == 302
    r = client.post(url + "request_correction/", {"items": "写明年度\n写明文号", "on": "2026-11-18"})
    assert r.status_code == 302
    r = client.post(url + "receive_correction/", {"on": "2026-11-19"})
    r = client.post(url + "request_extension/", {"days": "5", "reason": "需调档", "on": "2026-11-20"})
    assert r.status_code == 302
    client.force_login(zhang_wei)
    assert "延期待批准" in client.get("/workbench/").content.decode()
    r = client.post(url + "extend/", {"on": "2026-11-20", "note": "同意"})
    assert r.status_code == 302
    client.force_login(li_ming)
    actions.send_notice(li_ming, app.notices.get(kind="extension"), on=D(2026, 11, 20))
    r = client.post(
        url + "draft_reply/",
        {
            "outcome": "partial",
            "where": "邮寄纸质材料",
            "withheld": "第3页身份证号码：涉及个人隐私（条例第十五条）",
        },
    )
    assert r.status_code == 302
    client.force_login(wang_fang)
    client.post(url + "review_reply/", {"note": "同意"})
    client.force_login(li_ming)
    form = client.get(url + "send_reply/").content.decode()
    assert "第三十七条" in form
    r = client.post(url + "send_reply/", {"text": "张三：\n经审查，部分公开（已修改）。", "on": "2026-11-20"})
    assert r.status_code == 302
    app.refresh_from_db()
    assert (app.state, app.outcome, app.clock.extension_days) == (State.REPLIED, "partial", 5)
    reply = app.notices.get(kind="reply")
    assert "已修改" in reply.text and "已修改" in notices.docx_text(reply.file.read())


def test_a_refused_action_keeps_the_form_and_changes_nothing(client, county, li_ming, wang_fang):
    app = register(li_ming, county.finance, on=D(2026, 9, 28))
    client.force_login(li_ming)
    r = client.post(
        f"/workbench/applications/{app.pk}/act/request_extension/",
        {"days": "25", "reason": "", "on": "2026-10-20"},
    )
    page = r.content.decode()
    assert r.status_code == 200 and "此项必须填写" in page and "20" in page
    r = client.post(
        f"/workbench/applications/{app.pk}/act/request_correction/", {"items": "年份", "on": "2026-10-20"}
    )
    assert "7个工作日" in r.content.decode()
    app.refresh_from_db()
    assert app.state == State.ACCEPTED and app.correction_sent_on is None


def test_reveal_page_is_audited(client, county, li_ming, zhao_qiang):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    client.force_login(li_ming)
    page = client.post(f"/workbench/applications/{app.pk}/reveal/", {"reason": "核对身份"}).content.decode()
    assert ZHANG_SAN_ID in page and ZHANG_SAN_PHONE in page
    assert AuditEntry.objects.filter(action="applications.applicant.reveal", actor=li_ming).count() == 1
    client.force_login(zhao_qiang)
    page = client.post(f"/workbench/applications/{app.pk}/reveal/", {"reason": "看看"}).content.decode()
    assert ZHANG_SAN_ID not in page and "只有承办该申请的工作人员" in page


def test_notice_is_edited_sent_stored_and_downloadable(client, county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    notice = app.notices.get(kind="acceptance")
    assert "第三十三条" in notice.text and app.receipt_code in notice.text
    client.force_login(li_ming)
    client.post(
        f"/workbench/applications/notices/{notice.pk}/",
        {"text": notice.text + "\n联系人：李明", "on": "2026-11-02"},
    )
    notice.refresh_from_db()
    assert notice.is_sent and notice.text.endswith("联系人：李明")
    response = client.get(f"/workbench/applications/notices/{notice.pk}/download/")
    text = notices.docx_text(b"".join(response.streaming_content))
    assert "受理回执" in text and "示范县财政局" in text and "（印章）" in text and "联系人：李明" in text


def test_report_page_and_exports(client, county, li_ming, wang_fang, zhang_wei):
    app = register(li_ming, county.finance, on=D(2026, 3, 2))
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "邮寄"})
    actions.review_reply(wang_fang, app)
    actions.send_reply(zhang_wei, app, on=D(2026, 3, 10))
    client.force_login(li_ming)
    query = f"?agency={county.finance.pk}&year=2026"
    page = client.get("/workbench/applications/report/" + query).content.decode()
    assert "（一）予以公开" in page and "导出 CSV" in page
    csv_text = client.get("/workbench/applications/report/" + query + "&export=csv").content.decode(
        "utf-8-sig"
    )
    assert "（一）予以公开,1,0,0,0,0,0,1" in csv_text
    book = load_workbook(
        io.BytesIO(client.get("/workbench/applications/report/" + query + "&export=xlsx").content)
    )
    assert book.sheetnames == ["表三", "表四"]


def test_report_refuses_an_unbalanced_table(client, county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 3, 2))
    Application.objects.filter(pk=app.pk).update(closed_on=D(2026, 3, 5))  # closed without an outcome
    client.force_login(li_ming)
    query = f"?agency={county.finance.pk}&year=2026"
    page = client.get("/workbench/applications/report/" + query).content.decode()
    assert "统计结果不平衡" in page and "已办结但没有办理结果" in page and "导出 CSV" not in page
    export = client.get("/workbench/applications/report/" + query + "&export=csv")
    assert export["Content-Type"].startswith("text/html")
