"""A visitor opens the published ranking (at 375 px and at 1280 px), follows 县财政局 to its
scorecard, answers 有用 with a comment carrying a phone number; 赵强 (the county office's supervisor)
approves it in the workbench; the scorecard then shows the comment, masked, and the count. axe on
every page visited."""

from __future__ import annotations

import re

import pytest

from gongkai.agencies.actions import preset_two_factor
from gongkai.agencies.twofactor import new_key
from gongkai.oversight.models import ScorecardRating
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

from .assessment_builders import county_metrics, published_2025

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "排名很直观，建议附上原始数据。联系我13812345678"


@pytest.mark.parametrize("width", [375, 1280])
def test_rate_a_scorecard_and_see_the_approved_comment(page, axe_check, county, zhao_qiang, width):
    with county_metrics(county):
        assessment = published_2025(zhao_qiang, county)
    page.set_viewport_size({"width": width, "height": 900})

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    visit("/oversight/scorecards/")
    fits()
    assert page.locator("#ranking tbody tr").count() == 4
    page.locator("#ranking").get_by_role("link", name="示范县财政局").click()
    page.wait_for_url(f"**/oversight/scorecards/{assessment.pk}/{county.finance.pk}/")
    axe_check(page)
    fits()
    assert "0人认为有用，0人认为没用" in page.content()
    page.get_by_role("link", name="有用", exact=True).click()
    page.wait_for_url(re.compile(r"/rate/\?useful=1$"))
    axe_check(page)
    fits()
    assert page.get_by_label("有用", exact=True).is_checked()
    page.get_by_label("意见或建议（选填）").fill(COMMENT)
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_url(re.compile(r"/rated/\d+/$"))
    axe_check(page)
    assert "审核通过后公开" in page.content() and "138****5678" in page.content()
    assert ScorecardRating.objects.get().state == ScorecardRating.State.PENDING

    page.context.clear_cookies()
    preset_two_factor(None, zhao_qiang, key=new_key())
    login(page, zhao_qiang.username, PASSWORD)
    visit("/workbench/oversight/assessments/")
    page.get_by_role("link", name=re.compile("公众评价意见待审核")).click()
    page.wait_for_url("**/workbench/oversight/assessments/ratings/")
    axe_check(page)
    assert "排名很直观" in page.content()
    page.get_by_role("button", name="通过", exact=True).click()
    page.wait_for_url("**/workbench/oversight/assessments/ratings/")
    assert "没有待审核的意见" in page.content()

    page.context.clear_cookies()
    visit(f"/oversight/scorecards/{assessment.pk}/{county.finance.pk}/")
    fits()
    comments = page.locator("#rating-comments").inner_text()
    assert "排名很直观，建议附上原始数据。联系我138****5678" in comments
    assert "13812345678" not in page.content()
    assert "1人认为有用，0人认为没用" in page.content()
