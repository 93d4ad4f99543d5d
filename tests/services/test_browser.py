"""A citizen on the real pages at 375 px, axe on each: the power list of 县财政局 with the changes of
its second version highlighted, a service guide with a missing element, and 办件查询 (a wrong phone
tail, then the right one)."""

import pytest

from gongkai.services import actions
from tests.services.helpers import ITEM, finance_case, finance_guide, finance_power_list

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_reads_a_diff_and_a_guide_and_looks_up_a_case(page, axe_check, county, li_ming, wang_fang):
    v1 = finance_power_list(li_ming, items=2)
    actions.submit_power_list(li_ming, v1)
    actions.publish_power_list(wang_fang, v1)
    v2 = actions.start_power_list(li_ming, county.finance, note="依据新修订的条例调整")
    first = v2.items.get(name="财政权责测试事项1")
    actions.update_power_item(
        li_ming, first, **{**ITEM, "name": "财政权责测试事项1", "basis": "《条例》第九条"}
    )
    actions.add_power_item(li_ming, v2, **{**ITEM, "name": "新增的行政检查事项", "kind": "inspection"})
    actions.submit_power_list(li_ming, v2)
    actions.publish_power_list(wang_fang, v2)
    guide = finance_guide(li_ming, phone="")
    actions.publish_service_guide(li_ming, guide)
    finance_case(li_ming)

    page.set_viewport_size({"width": 375, "height": 800})

    def visit(path: str) -> None:
        page.goto(page.base + path, timeout=60_000)  # the first page compiles its templates
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sticks out

    visit("/services/")
    page.get_by_role("link", name="权责清单").first.click()
    page.wait_for_url("**/services/powers/")
    axe_check(page)
    page.get_by_role("link", name="示范县财政局").click()
    page.wait_for_url(f"**/services/powers/{county.finance.pk}/")
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    diff = page.locator("section[aria-labelledby=diff-title]")
    assert "新增1项，取消0项，变更1项，未变1项" in diff.inner_text()
    assert "现：《条例》第九条" in diff.locator("ins").inner_text()
    page.get_by_role("link", name="第1版").click()
    axe_check(page)
    assert "此为历史版本" in page.content()

    visit("/services/guides/")
    page.get_by_label("事项名称").fill("票据")
    page.get_by_role("button", name="查找").click()
    axe_check(page)
    page.get_by_role("link", name="财政票据领购测试指南").click()
    axe_check(page)
    assert "本指南缺少：联系电话" in page.content()

    visit("/services/cases/")
    page.get_by_label("办件编号").fill("CZ2026000123")
    page.get_by_label("申请人手机号后四位").fill("0000")
    page.get_by_role("button", name="查询").click()
    axe_check(page)
    assert "未查询到该办件" in page.content()
    page.get_by_label("申请人手机号后四位").fill("4321")
    page.get_by_role("button", name="查询").click()
    axe_check(page)
    assert "已受理" in page.locator("[role=status]").inner_text()
