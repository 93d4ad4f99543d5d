"""The inspection pages: scoped lists and reports, the finding marked fixed by its agency, the
to-do that appears and disappears, the .xlsx read back, the rules editor, the dashboard panel and
the metric `oversight.inspection.score`."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.audit.models import AuditEntry
from gongkai.common import registry
from gongkai.oversight.inspection_queries import todo_items
from gongkai.oversight.models import Finding

from .inspection_fixtures import inspect_with, make_site


@pytest.fixture
def portal(county):
    return make_site("示范县人民政府门户网站", county.government)


@pytest.fixture
def first(portal, county):
    """One veto (5 empty columns of 县住建局) and broken links of 县财政局."""
    return inspect_with(
        portal,
        [("columns.empty", "housing-cols", county.housing, 5, "/columns/zhujian/")]
        + [("links.broken", f"l{i}", county.finance, 1, f"/doc/{i}/") for i in range(3)],
        at=timezone.now() - dt.timedelta(days=1),
    )


def test_supervisor_sees_everything_and_the_trend(client, first, zhao_qiang, portal):
    client.force_login(zhao_qiang)
    home = client.get(reverse("oversight_staff:inspections")).content.decode()
    assert "示范县人民政府门户网站" in home and "立即检查" in home and "单项否决，不合格" in home
    report = client.get(reverse("oversight_staff:inspection", args=[first.pk])).content.decode()
    assert report.index("veto-findings") < report.index("deduction-findings")
    assert "columns.empty housing-cols" in report and "links.broken l0" in report
    assert "示范县住房和城乡建设局" in report and "国办秘函〔2019〕19号" in report
    inspect_with(portal, [])
    history = client.get(reverse("oversight_staff:inspection_site", args=[portal.pk])).content.decode()
    assert '<svg class="chart"' in history and "历次检查得分" in history and "100.0" in history


def test_agency_staff_see_only_their_findings(client, first, li_ming, liu_yang, chen_jing, county):
    client.force_login(li_ming)
    report = client.get(reverse("oversight_staff:inspection", args=[first.pk])).content.decode()
    assert "links.broken l0" in report and "housing-cols" not in report
    assert "立即检查" not in client.get(reverse("oversight_staff:inspections")).content.decode()
    housing = first.findings.get(check_code="columns.empty")
    assert client.get(reverse("oversight_staff:finding", args=[housing.pk])).status_code == 404
    assert client.get(reverse("oversight_staff:inspection_run", args=[first.site_id])).status_code == 403
    client.force_login(chen_jing)  # 邻县: no finding of theirs, not their site
    assert client.get(reverse("oversight_staff:inspection", args=[first.pk])).status_code == 404
    assert "示范县人民政府门户网站" not in client.get(reverse("oversight_staff:inspections")).content.decode()


def test_finding_goes_to_todo_is_fixed_and_cleared(client, first, portal, li_ming, county):
    items = todo_items(li_ming)
    assert len(items) == 3 and all(i.due for i in items)
    assert {i.agency for i in items} == {"县财政局"}
    finding = first.findings.get(key="l0")
    url = reverse("oversight_staff:finding", args=[finding.pk])
    client.force_login(li_ming)
    home = client.get(reverse("workbench:home")).content.decode()
    assert "网站检查问题整改" in home and url in home
    refused = client.post(url, {"note": "  "})
    assert refused.status_code == 400 and "请填写整改说明" in refused.content.decode()
    assert client.post(url, {"note": "已删除失效链接"}).status_code == 302
    again = client.post(url, {"note": "已删除失效链接"})  # Back + resubmit
    assert again.status_code == 400 and "已标记为已整改" in again.content.decode()
    finding.refresh_from_db()
    assert finding.fixed_by == li_ming and finding.fix_note == "已删除失效链接"
    assert AuditEntry.objects.filter(action="oversight.finding.fix").count() == 1
    assert len(todo_items(li_ming)) == 2
    assert "已整改待复查" in client.get(url).content.decode()
    # the next inspection no longer finds l0 (cleared) but still finds l1 and l2
    second = inspect_with(portal, [("links.broken", f"l{i}", county.finance, 1) for i in (1, 2)])
    finding.refresh_from_db()
    assert finding.cleared_by == second
    assert "复查通过" in client.get(url).content.decode()
    assert len(todo_items(li_ming)) == 2
    # a finding marked fixed but found again is open again
    l1 = second.findings.get(key="l1")
    client.post(reverse("oversight_staff:finding", args=[l1.pk]), {"note": "已修复"})
    third = inspect_with(portal, [("links.broken", "l1", county.finance, 1)])
    assert [i.url for i in todo_items(li_ming)] == [
        reverse("oversight_staff:finding", args=[third.findings.get().pk])
    ]
    # an old inspection's finding can no longer be marked
    stale = client.post(
        reverse("oversight_staff:finding", args=[first.findings.get(key="l2").pk]), {"note": "x"}
    )
    assert stale.status_code == 400


def test_overdue_finding_is_marked(client, portal, li_ming, county):
    inspect_with(
        portal, [("links.broken", "old", county.finance, 1)], at=timezone.now() - dt.timedelta(days=30)
    )
    (item,) = todo_items(li_ming)
    assert item.urgency == "overdue" and "已超期" in item.status


def test_xlsx_reads_back(client, first, zhao_qiang, li_ming):
    client.force_login(zhao_qiang)
    response = client.get(reverse("oversight_staff:inspection_xlsx", args=[first.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content))
    findings, checks = wb["问题清单"], wb["分项得分"]
    assert "A1:K1" in {str(r) for r in findings.merged_cells.ranges}
    rows = list(findings.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 4
    assert rows[0][1:4] == ("空白栏目", "columns.empty housing-cols", "单项否决")
    assert rows[0][6].endswith("/columns/zhujian/") and rows[0][7] == "示范县住房和城乡建设局"
    assert rows[1][4] == 1.0 and rows[1][9] == "未整改"
    by_check = {r[0]: r for r in checks.iter_rows(min_row=3, values_only=True) if r[0]}
    assert by_check["空白栏目"][4] == "是" and by_check["链接可用性"][5] == 3.0
    assert by_check["结论"][5] == "单项否决，不合格"
    client.force_login(li_ming)
    wb = load_workbook(
        BytesIO(client.get(reverse("oversight_staff:inspection_xlsx", args=[first.pk])).content)
    )
    assert len(list(wb["问题清单"].iter_rows(min_row=3))) == 3  # 县财政局's own only


def test_rules_page_edits_and_refuses(client, db, zhao_qiang, li_ming):
    client.force_login(zhao_qiang)
    page = client.get(reverse("oversight_staff:inspection_rules") + "?year=2026")
    assert page.status_code == 200 and "空白栏目" in page.content.decode()
    rule = page.context["rules"][0]
    url = reverse("oversight_staff:inspection_rules") + "?year=2026"
    bad = client.post(
        url,
        {"what": "rule", "rule": rule.pk, "kind": "veto", "veto_threshold": "x5", "points": "0", "cap": "0"},
    )
    assert bad.status_code == 400 and "否决阈值应为" in bad.content.decode() and "x5" in bad.content.decode()
    ok = client.post(
        url,
        {
            "what": "rule",
            "rule": rule.pk,
            "kind": "veto",
            "veto_threshold": "2",
            "points": "0",
            "cap": "0",
            "indicator": "测试指标",
        },
    )
    assert ok.status_code == 302
    rule.refresh_from_db()
    assert rule.veto_threshold == 2 and rule.indicator == "测试指标"
    client.force_login(li_ming)
    page = client.get(url).content.decode()
    assert "空白栏目" in page and '<button type="submit">保存' not in page and "disabled" in page
    assert client.post(url, {"what": "scheme", "pass_line": "10"}).status_code == 403


def test_dashboard_panel_and_metric(client, first, zhao_qiang, county, portal):
    client.force_login(zhao_qiang)
    page = client.get(reverse("workbench:dashboard")).content.decode()
    assert "inspection-panel" in page and "示范县人民政府门户网站" in page
    metric = registry.metrics()["oversight.inspection.score"]
    today = timezone.localdate()
    assert metric.fn(today - dt.timedelta(days=7), today) == {county.government.pk: 0.0}  # vetoed
    inspect_with(portal, [("links.broken", "a", county.finance, 1)])
    assert metric.fn(today - dt.timedelta(days=7), today, [county.government.pk]) == {
        county.government.pk: 99.0
    }
    assert metric.fn(today - dt.timedelta(days=7), today, [county.finance.pk]) == {}
    assert metric.records(today, today, None) == reverse("oversight_staff:inspections")
    assert Finding.objects.count() == 5
