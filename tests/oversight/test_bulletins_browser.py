"""A bulletin through the real pages, axe on each: 周敏 (县政府办公室) drafts it and names 城关镇 (表扬) and
县财政局 (批评); 吴刚 approves it and 赵强 publishes it; 李明 (县财政局) records the 整改 from his 待办; 吴刚
accepts it; the public page at 1280 and 375 px shows the accepted 整改 and no one's name."""

from datetime import date

import pytest

from gongkai.oversight import bulletins_actions as ba
from gongkai.oversight.models import Bulletin
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.oversight.bulletins_fixtures import FINANCE_FINDING, NUMBER, TITLE, wu_gang, zhou_min

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bulletin_from_draft_to_published_with_rectification_accepted(
    page, axe_check, county, li_ming, zhao_qiang
):
    clerk, reviewer = zhou_min(county), wu_gang(county)

    login(page, clerk.username, PASSWORD)
    page.goto(page.base + "/workbench/oversight/bulletins/")
    axe_check(page)
    page.get_by_role("link", name="起草通报").click()
    page.wait_for_url("**/workbench/oversight/bulletins/new/")
    axe_check(page)
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("文号").fill(NUMBER)
    page.get_by_label("开头（主送机关和通报缘由）").fill(
        "各乡镇人民政府，县政府各部门：\n现将考核情况通报如下。"
    )
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/workbench/oversight/bulletins/*/")
    bulletin = Bulletin.objects.get()
    for agency, kind, finding in (
        ("示范县城关镇人民政府", "表扬", "考核得分第一。"),
        ("示范县财政局", "批评", FINANCE_FINDING),
    ):
        page.get_by_label("被通报单位").select_option(label=agency)
        page.get_by_label("类别").select_option(label=kind)
        page.get_by_label("通报内容").fill(finding)
        page.get_by_role("button", name="添加", exact=True).click()
        page.wait_for_load_state("load")
    assert "通报批评的单位" in page.content() and FINANCE_FINDING in page.content()
    axe_check(page)
    page.get_by_role("link", name="提交审核").click()
    page.wait_for_url(f"**/bulletins/{bulletin.pk}/act/submit/")
    axe_check(page)
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url(f"**/bulletins/{bulletin.pk}/")
    assert page.locator("#bulletin-state").inner_text() == "待审核"
    ba.approve_bulletin(reviewer, bulletin)  # the same workflow view (test_bulletins_workflow.py)
    ba.publish_bulletin(zhao_qiang, bulletin)
    rect = bulletin.entries.get(agency=county.finance).rectification

    page.context.clear_cookies()
    login(page, li_ming.username, PASSWORD)
    page.get_by_role("link", name=f"整改：{TITLE}").click()
    page.wait_for_url(f"**/rectifications/{rect.pk}/")
    axe_check(page)
    page.get_by_label("整改措施").fill("已补发年度报告，超期件已全部答复。")
    page.get_by_label("整改完成日期").fill(date.today().isoformat())
    page.get_by_role("button", name="报送").click()
    page.wait_for_url(f"**/rectifications/{rect.pk}/")
    assert page.locator("#rect-state").inner_text() == "待审核"

    page.context.clear_cookies()
    login(page, reviewer.username, PASSWORD)
    page.goto(page.base + f"/workbench/oversight/bulletins/rectifications/{rect.pk}/")
    axe_check(page)
    page.get_by_role("button", name="审核通过").click()
    page.wait_for_url(f"**/rectifications/{rect.pk}/")
    assert page.locator("#rect-state").inner_text() == "已通过"

    page.context.clear_cookies()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + f"/oversight/bulletins/{bulletin.pk}/")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        html = page.content()
        assert "已完成整改" in html and "已补发年度报告" in html
        assert not any(name in html for name in ("李明", "周敏", "吴刚", "赵强"))
    page.goto(page.base + "/oversight/bulletins/")
    axe_check(page)
    assert TITLE in page.content()
