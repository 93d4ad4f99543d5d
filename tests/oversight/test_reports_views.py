"""The annual report's pages: the staff list, creation (Back + resubmit makes no second report), the
edit form's Chinese errors, the preview with the figures' sources, the workflow through the generic
action view, and the public list and page (published reports only, no personal data)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.oversight import reports_actions as actions
from gongkai.oversight.models import AnnualReport
from tests.oversight.reports_helpers import hand_counted

pytestmark = pytest.mark.django_db


def test_create_edit_and_preview(client, county, li_ming):
    client.force_login(li_ming)
    with hand_counted(county):
        page = client.get(reverse("oversight_staff:report_new"))
        assert page.status_code == 200 and f'<option value="{county.finance.pk}"' in page.content.decode()
        data = {"agency": county.finance.pk, "year": 2025}
        first = client.post(reverse("oversight_staff:report_new"), data)
        second = client.post(reverse("oversight_staff:report_new"), data)  # Back + resubmit
        report = AnnualReport.objects.get()
        assert first["Location"] == second["Location"] == reverse("oversight_staff:report", args=[report.pk])

        edit = reverse("oversight_staff:report_edit", args=[report.pk])
        form = client.get(edit).content.decode()
        assert "行政事业性收费本年收费金额（万元）" in form and "本机关全年主动公开政府信息120条" in form
        assert "本年度有2条政府信息未在规定时限内主动公开" in form  # a prompt for 五
        bad = client.post(edit, {"problems": "问题", "entered_fees": "-1", "overview_proactive": "段落"})
        assert bad.status_code == 200
        assert "行政事业性收费本年收费金额（万元）：不能为负数" in bad.content.decode()
        report.refresh_from_db()
        assert report.problems == ""
        ok = client.post(
            edit,
            {"problems": "网站更新不及时。", "entered_fees": "0.5", "entered_npc_suggestions": "2",
             "entered_cppcc_proposals": "0", "overview_proactive": "全年主动公开政府信息120条。"},
        )  # fmt: skip
        assert ok.status_code == 302
        detail = client.get(reverse("oversight_staff:report", args=[report.pk])).content.decode()
    report.refresh_from_db()
    assert report.entered == {"fees": "0.50", "npc_suggestions": "2", "cppcc_proposals": "0"}
    assert report.overview["proactive"] == "全年主动公开政府信息120条。"
    assert "全年主动公开政府信息120条。" in detail
    assert "/workbench/records/services.enforcement.licensing/?year=2025&amp;n=1" in detail  # the source link
    assert reverse("oversight_staff:report_act", args=[report.pk, "submit"]) in detail
    client.force_login(li_ming)
    download = client.get(reverse("oversight_staff:report_download", args=[report.pk, "xlsx"]))
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_the_list_shows_what_is_owed_and_the_reports(client, county, li_ming):
    with hand_counted(county):
        actions.create_report(li_ming, agency=county.finance, year=2025)
    client.force_login(li_ming)
    body = client.get(reverse("oversight_staff:reports")).content.decode()
    assert "示范县财政局2025年政府信息公开工作年度报告" in body
    assert "2026-01-31" in body


def test_workflow_through_the_action_view_and_the_public_page(client, county, li_ming, wang_fang):
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        actions.update_report(
            li_ming,
            report,
            problems="问题与改进。",
            entered={"fees": "0", "npc_suggestions": "0", "cppcc_proposals": "0"},
        )
        client.force_login(li_ming)
        act = reverse("oversight_staff:report_act", args=[report.pk, "submit"])
        assert client.post(act)["Location"] == reverse("oversight_staff:report", args=[report.pk])
        client.force_login(wang_fang)
        for action in ("approve", "publish"):
            response = client.post(reverse("oversight_staff:report_act", args=[report.pk, action]))
            assert response.status_code == 302, response.content.decode()
    report.refresh_from_db()
    assert report.state == "published"
    client.logout()
    listing = client.get(reverse("oversight:reports")).content.decode()
    assert report.title in listing
    page = client.get(reverse("oversight:report", args=[report.pk])).content.decode()
    assert "全年公示行政许可决定15件" in page
    assert "李明" not in page and "王芳" not in page  # no personal data
    assert "/workbench/records/" not in page  # no links to staff lists of records
    docx = client.get(reverse("oversight:report_download", args=[report.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "filename*=UTF-8''" in docx["Content-Disposition"]
    xlsx = client.get(reverse("oversight:report_download", args=[report.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    assert client.get(reverse("oversight:report_download", args=[report.pk, "pdf"])).status_code == 404


def test_drafts_are_not_public(client, county, li_ming):
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
    assert client.get(reverse("oversight:report", args=[report.pk])).status_code == 404
    assert report.title not in client.get(reverse("oversight:reports")).content.decode()
