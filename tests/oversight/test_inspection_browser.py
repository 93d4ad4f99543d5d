"""The inspection flow through the real pages, axe on each, at 1280 and 375 px: 赵强 (supervisor)
runs the inspection of 县财政局's small site, which finds an empty column; 李明 (县财政局) sees it
in 待办, publishes a document into the column and marks the finding fixed; 赵强 runs the next
inspection, which clears it (复查通过)."""

import pytest

from gongkai.agencies.actions import preset_two_factor
from gongkai.agencies.twofactor import new_key
from gongkai.portal.actions import create_site
from gongkai.publishing import actions as publishing
from gongkai.publishing.models import UpdateClass
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.publishing.builders import published, team  # noqa: F401 — fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "栏目“预算决算”为空白栏目"


def test_supervisor_inspects_agency_fixes_next_inspection_clears(
    page,
    axe_check,
    county,
    team,  # noqa: F811
    zhao_qiang,
):
    site = create_site(
        None, name="示范县财政局网站", code="3709000002", hosts=["czj.sfx.gov.cn"], agency=county.finance
    )
    news = publishing.create_column(None, name="工作动态", slug="gzdt", update_class=UpdateClass.NEWS)
    budget = publishing.create_column(None, name="预算决算", slug="ysjs", update_class=UpdateClass.NOTICE)
    published(team, column=news, title="示范县财政局召开预算公开工作会议")

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    def run_inspection_now() -> None:
        visit(f"/workbench/oversight/inspections/site/{site.pk}/")
        page.get_by_role("link", name="立即检查").click()
        page.wait_for_url(f"**/inspections/site/{site.pk}/run/")
        axe_check(page)
        page.get_by_role("button", name="开始检查").click()
        page.wait_for_url("**/workbench/oversight/inspections/*/", timeout=120_000)  # the crawl runs
        axe_check(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    preset_two_factor(None, zhao_qiang, key=new_key())  # a supervisor signs in with a code
    login(page, zhao_qiang.username, PASSWORD)
    visit("/workbench/oversight/inspections/")
    assert "示范县财政局网站" in page.content() and "尚未检查" in page.content()
    run_inspection_now()
    assert "检查完成" in page.content()
    page.locator("#deduction-findings, #veto-findings").get_by_role("link", name=TITLE).click()
    assert "示范县财政局" in page.locator("#finding-facts").inner_text()

    page.context.clear_cookies()
    login(page, team.clerk.username, PASSWORD)  # 李明
    axe_check(page)
    page.get_by_role("link", name=f"网站检查问题整改：{TITLE}").click()
    page.wait_for_url("**/inspections/finding/*/")
    axe_check(page)
    assert page.locator("#finding-state").inner_text() == "未整改"
    published(team, column=budget, title="示范县2026年财政预算公开")  # the cause, fixed
    page.get_by_label("整改说明").fill("已在预算决算栏目发布2026年财政预算")
    page.get_by_role("button", name="标记已整改").click()
    page.wait_for_url("**/inspections/finding/*/")
    assert page.locator("#finding-state").inner_text() == "已整改待复查"
    axe_check(page)
    finding_url = page.url
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(finding_url)
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, zhao_qiang.username, PASSWORD)
    run_inspection_now()
    assert TITLE in page.locator("#cleared-findings").inner_text()
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(finding_url)
    assert page.locator("#finding-state").inner_text().startswith("复查通过")
    visit(f"/workbench/oversight/inspections/site/{site.pk}/")
    assert page.locator("svg.chart").count() == 1
