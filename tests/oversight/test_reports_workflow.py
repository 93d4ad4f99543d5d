"""The annual report's writes: creation (scoped, idempotent), editing with validation, the review
workflow with its roles, refusals while the figures do not balance or are blank, publication that
freezes the figures and reaches the catalog, all audited."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEntry
from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.oversight import reports_actions as actions
from gongkai.oversight.models import AnnualReport
from tests.conftest import PASSWORD
from tests.oversight.reports_helpers import hand_counted, table3

pytestmark = pytest.mark.django_db
ENTERED = {"fees": "0.5", "npc_suggestions": "2", "cppcc_proposals": "1"}


def _ready(report, actor):
    """Fill what the figures cannot: entered figures and 五."""
    return actions.update_report(
        actor, report, entered=ENTERED, problems="网站栏目更新不够及时，已建立周检查机制。"
    )


def _audit_codes(report):
    return list(
        AuditEntry.objects.filter(object_type="oversight.annualreport", object_id=str(report.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_a_clerk_creates_the_report_of_her_agency_once(county, li_ming):
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        again = actions.create_report(li_ming, agency=county.finance, year="2025")
    assert again.pk == report.pk and AnnualReport.objects.count() == 1
    assert report.title == "示范县财政局2025年政府信息公开工作年度报告"
    assert report.overview["proactive"].startswith("2025年，本机关全年主动公开政府信息120条")
    assert _audit_codes(report) == ["oversight.report.created"]


def test_creation_is_refused_outside_scope_and_for_bad_years(county, li_ming, chen_jing):
    with pytest.raises(ActionRefused, match="您不能为示范县住房和城乡建设局编写年度报告"):
        actions.create_report(li_ming, agency=county.housing, year=2025)
    with pytest.raises(ActionRefused, match="您不能为示范县财政局编写年度报告"):
        actions.create_report(chen_jing, agency=county.finance, year=2025)
    with pytest.raises(ActionRefused, match="请填写正确的年度"):
        actions.create_report(li_ming, agency=county.finance, year="明年")
    with pytest.raises(ActionRefused, match="不是县级以上人民政府，不编写本级政府汇总报告"):
        actions.create_report(li_ming, agency=county.finance, year=2025, consolidated=True)
    assert AnnualReport.objects.count() == 0


def test_bad_figures_are_refused_and_nothing_changes(county, li_ming):
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        with pytest.raises(ActionRefused) as refused:
            actions.update_report(
                li_ming, report, problems="新的文字", entered={"fees": "-3", "npc_suggestions": "两件"}
            )
    assert "行政事业性收费本年收费金额（万元）：不能为负数" in refused.value.message
    assert "办理人大代表建议件数：请填写数字" in refused.value.message
    report.refresh_from_db()
    assert report.problems == "" and report.entered == {}
    assert _audit_codes(report) == ["oversight.report.created"]


def test_a_figure_from_records_cannot_be_typed_over(county, li_ming):
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        actions.update_report(li_ming, report, entered={"licensing": "999", "fees": "1"})
    report.refresh_from_db()
    assert report.entered == {"fees": "1.00"}


def test_review_with_roles_and_publication(county, li_ming, wang_fang, zhang_wei):
    published = []

    def catalog(actor, item):
        published.append((actor, item))
        return "/catalog/doc/1/"

    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        with pytest.raises(
            ActionRefused, match="以下数据尚未填写：行政事业性收费本年收费金额（万元）、办理人大代表建议件数"
        ):
            actions.submit_report(li_ming, report)
        _ready(report, li_ming)
        with pytest.raises(ActionRefused, match="提交审核需要以下角色之一：信息公开工作人员"):
            actions.submit_report(wang_fang, report)
        actions.submit_report(li_ming, report)
        with pytest.raises(ActionRefused, match="不能修改"):
            actions.update_report(li_ming, report, problems="改")
        with pytest.raises(ActionRefused, match="审核通过需要以下角色之一"):
            actions.approve_report(li_ming, report)
        with pytest.raises(ActionRefused, match="请填写退回理由"):
            actions.return_report(wang_fang, report, reason="  ")
        actions.return_report(wang_fang, report, reason="请补充平台建设情况")
        report.refresh_from_db()
        assert report.state == "returned" and report.return_reason == "请补充平台建设情况"
        actions.update_report(li_ming, report, overview={"platforms": "新增政务公开专区一个。"})
        actions.submit_report(li_ming, report)
        actions.approve_report(wang_fang, report)
        with registry.restoring():
            registry.register_catalog_publisher(catalog)
            actions.publish_report(zhang_wei, report)
    report.refresh_from_db()
    assert report.state == "published" and report.published_at and report.catalog_url == "/catalog/doc/1/"
    assert report.snapshot["table2"]["licensing"]["value"] == 15
    assert report.snapshot["overview"]["platforms"] == "新增政务公开专区一个。"
    ((actor, item),) = published
    assert actor == zhang_wei and item.title == report.title and item.agency == county.finance
    assert item.url == f"/oversight/reports/{report.pk}/" and item.key == f"oversight.report:{report.pk}"
    assert _audit_codes(report) == [
        "oversight.report.created",
        "oversight.report.edited",
        "oversight.report.submitted",
        "oversight.report.returned",
        "oversight.report.edited",
        "oversight.report.submitted",
        "oversight.report.approved",
        "oversight.report.published",
    ]


def test_figures_that_do_not_balance_are_refused_listing_why(county):
    office_clerk = create_staff(
        None,
        username="office_clerk",
        password=PASSWORD,
        agency=county.office,
        full_name="周敏",
        roles=[Role.CLERK],
    )
    broken = table3({"new": (4, 0), "open": (2, 0), "total": (3, 0)})
    with hand_counted(county, housing_t3=broken):
        report = actions.create_report(office_clerk, agency=county.government, year=2025, consolidated=True)
        _ready(report, office_clerk)
        with pytest.raises(ActionRefused) as refused:
            actions.submit_report(office_clerk, report)
    assert refused.value.message.startswith("年度报告不能提交审核：")
    assert "自然人列：（七）总计为13，各项办理结果之和为12" in refused.value.message
    report.refresh_from_db()
    assert report.state == "draft"


def test_a_report_of_a_year_not_ended_stays_a_draft(county, li_ming):
    with time_machine.travel(date(2026, 6, 1)), hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2026)
        _ready(report, li_ming)
        with pytest.raises(ActionRefused, match="2026年度尚未结束，年度报告只能保存为草稿"):
            actions.submit_report(li_ming, report)
        with pytest.raises(ActionRefused, match="请填写正确的年度"):
            actions.create_report(li_ming, agency=county.finance, year=2027)


def test_staff_of_a_sibling_agency_cannot_act(county, li_ming, liu_yang):
    sibling = create_staff(
        None,
        username="zj_clerk",
        password=PASSWORD,
        agency=county.housing,
        full_name="住建文员",
        roles=[Role.CLERK],
    )
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        _ready(report, li_ming)
        with pytest.raises(ActionRefused, match="只有示范县财政局及其主管部门的工作人员可以提交审核"):
            actions.submit_report(sibling, report)
        with pytest.raises(ActionRefused, match="只有示范县财政局及其主管部门的工作人员可以修改"):
            actions.update_report(sibling, report, problems="x")


def test_publication_reaches_the_catalog(county, li_ming, wang_fang, client):
    """The real catalog publisher (publishing's): a published document with the report's files."""
    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        _ready(report, li_ming)
        actions.submit_report(li_ming, report)
        actions.approve_report(wang_fang, report)
        actions.publish_report(wang_fang, report)
    report.refresh_from_db()
    assert report.catalog_url.startswith("/documents/") or report.catalog_url
    page = client.get(report.catalog_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "示范县财政局2025年政府信息公开工作年度报告" in body
    assert f"/oversight/reports/{report.pk}/" in body
    assert "示范县财政局2025年政府信息公开工作年度报告.docx" in body
    assert "示范县财政局2025年政府信息公开工作年度报告.xlsx" in body
