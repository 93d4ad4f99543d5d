"""舆情 handling through the real pages, axe on each: 周敏 (舆情员 of 县政府办公室) finds a burst on her
待办, confirms the proposed grade and assigns the event to 县财政局; the bureau publishes a document;
李明 (县财政局) links it as the authoritative response from his 待办; the event shows the response time,
and its page fits a 375 px phone."""

from __future__ import annotations

import pytest

from gongkai.opinion import actions_handling as actions
from gongkai.opinion.models import Event
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.opinion.handling_helpers import analyst, make_event
from tests.publishing.builders import Team, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "县城关中学食堂食物中毒 多名学生送医"


def test_burst_graded_assigned_answered(page, axe_check, county, li_ming, wang_fang, zhang_wei, sun_li):
    zhou_min = analyst(county.office)
    event = make_event(
        county.office, TITLE, hours_ago=2, posts=12, heat=900, negative_share=0.8, is_burst=True
    )
    actions.propose_grade(event)
    event.refresh_from_db()
    proposed = event.get_proposed_grade_display()

    def check(path: str | None = None) -> None:
        if path:
            page.goto(page.base + path)
        axe_check(page)

    login(page, zhou_min.username, PASSWORD)
    check()
    page.get_by_role("link", name=f"舆情事件：{TITLE}").click()
    page.wait_for_url(f"**/{event.pk}/")
    check()
    assert "突发" in page.content() and f"规则建议：{proposed}" in page.content()

    page.get_by_role("link", name="确认等级").click()
    page.wait_for_url(f"**/events/{event.pk}/act/grade/")
    check()
    page.get_by_role("radio", name="重大", exact=True).check()
    if proposed != "重大":
        page.get_by_label("定级理由").fill("多名学生送医，社会关注度高")
    page.get_by_role("button", name="确认等级").click()
    page.wait_for_url(f"**/{event.pk}/")
    assert "等级已确认" in page.content() and page.locator("#event-grade").inner_text().startswith("重大")

    page.get_by_role("link", name="交办").click()
    page.wait_for_url(f"**/events/{event.pk}/act/assign/")
    check()
    page.get_by_label("责任单位").select_option(label="示范县财政局")
    page.get_by_label("交办意见").fill("请5小时内发布权威信息")
    page.get_by_role("button", name="交办").click()
    page.wait_for_url(f"**/{event.pk}/")
    assert page.locator("#event-state").inner_text() == "处置中"
    assert page.locator("#event-agency").inner_text().startswith("示范县财政局")

    doc = published(Team(li_ming, wang_fang, zhang_wei, sun_li), title="关于城关中学学生就医情况的通报")
    page.context.clear_cookies()
    login(page, li_ming.username, PASSWORD)
    page.get_by_role("link", name=f"舆情事件待回应：{TITLE}").click()
    page.wait_for_url(f"**/{event.pk}/")
    page.get_by_role("link", name="登记权威回应").click()
    page.wait_for_url(f"**/events/{event.pk}/act/respond/")
    check()
    page.get_by_label("关于城关中学学生就医情况的通报", exact=False).check()
    page.get_by_role("button", name="登记权威回应").click()
    page.wait_for_url(f"**/{event.pk}/")
    check()
    event = Event.objects.get(pk=event.pk)
    assert event.responded_at == doc.published_at and event.state == "responded"
    assert "首次出现后2.0小时" in page.locator("#response-time").inner_text()
    assert page.get_by_role("link", name="关于城关中学学生就医情况的通报").count() == 1

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    check()
