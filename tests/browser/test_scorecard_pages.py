# ruff: noqa: F811  (fixtures imported from tests/interaction/conftest.py)
"""The public scorecard of 留言办理 at 1280 px and at 375 px: the chart and the table fit, and pass axe."""

import pytest

from gongkai.interaction import actions, scorecard
from tests.interaction.conftest import answer, county_box, mailboxes, write, wu_lei, zhou_min  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scorecard_on_desktop_and_phone(
    page, axe_check, county_box, county, zhou_min, wu_lei, wang_fang, tmp_path
):
    for i in range(3):
        m = write(county_box, key=f"b{i}", subject=f"浏览器记分卡{i}")
        answer(m, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
        actions.rate_reply(m, value="satisfied" if i else "dissatisfied")
    scorecard.rebuild()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/messages/scorecards/")
        row = page.locator("table.scorecard tbody tr", has_text="示范县财政局")
        assert "66.7%" in row.inner_text() and "（3件已评价）" in row.inner_text()
        assert page.locator("svg.chart[role='img']").count() == 2
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the wide table scrolls inside
        page.screenshot(path=str(tmp_path / f"scorecard-{width}.png"), full_page=True)
        axe_check(page)
    page.get_by_role("link", name="示范县财政局").click()
    page.wait_for_url("**/messages/scorecards/*/**")
    assert "满意率" in page.locator("dl.figures").inner_text()
    axe_check(page)
