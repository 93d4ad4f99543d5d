"""李明 (clerk of 县财政局) edits the 2025 annual report and submits it, 王芳 (reviewer) approves and
publishes it, and the public page shows it in the official layout — at 375 px and at 1280 px, axe on
every page visited."""

from __future__ import annotations

import re

import pytest

from gongkai.agencies.actions import preset_two_factor
from gongkai.agencies.twofactor import new_key
from gongkai.oversight import reports_actions as actions
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

from .reports_helpers import hand_counted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_clerk_edits_reviewer_approves_public_page(page, axe_check, county, li_ming, wang_fang, width):
    page.set_viewport_size({"width": width, "height": 900})

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    with hand_counted(county):
        report = actions.create_report(li_ming, agency=county.finance, year=2025)
        staff_url = f"/workbench/oversight/reports/{report.pk}/"
        preset_two_factor(None, li_ming, key=new_key())
        login(page, li_ming.username, PASSWORD)
        page.goto(page.base + f"{staff_url}edit/")
        axe_check(page)
        page.get_by_label("行政事业性收费本年收费金额（万元）").fill("0")
        page.get_by_label("办理人大代表建议件数").fill("6")
        page.get_by_label("办理政协提案件数").fill("9")
        page.get_by_label("五、存在的主要问题及改进情况").fill("政策解读形式较为单一，2026年将增加图解。")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(f"**{staff_url}")
        axe_check(page)
        fits()
        page.get_by_role("link", name="提交审核").click()
        page.wait_for_url(re.compile(r"/act/submit/$"))
        page.get_by_role("button", name="提交审核").click()
        page.wait_for_url(f"**{staff_url}")
        assert page.locator("#report-state").inner_text() == "待审核"

        page.context.clear_cookies()
        preset_two_factor(None, wang_fang, key=new_key())
        login(page, wang_fang.username, PASSWORD)
        for label in ("审核通过", "发布"):
            page.goto(page.base + staff_url)
            page.get_by_role("link", name=label, exact=True).click()
            page.wait_for_url(re.compile(r"/act/\w+/$"))
            axe_check(page)
            page.get_by_role("button", name=label).click()
            page.wait_for_url(f"**{staff_url}")
        assert page.locator("#report-state").inner_text() == "已发布"

    page.context.clear_cookies()
    page.goto(page.base + f"/oversight/reports/{report.pk}/")
    axe_check(page)
    fits()
    content = page.content()
    assert "示范县财政局2025年政府信息公开工作年度报告" in content
    assert "政策解读形式较为单一" in content
    assert "李明" not in content and "王芳" not in content
