"""A survey through the real pages, axe on every page visited: 张三 answers 县财政局's survey on a
phone (375 px), verifying his number with the SMS code (read from the locmem SMS backend), and sees
the thank-you page → 王芳 (reviewer) closes the survey, approves his suggestion (masked) and
publishes the results → the public results page shows the SVG charts and the masked suggestion."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.common import sms
from gongkai.surveys import actions
from gongkai.surveys.models import Response, State, Survey
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13812345678"
SUGGESTION = "希望周末开放窗口，我是张三，电话13812345678。"


def _survey(li_ming, county) -> Survey:
    now = timezone.now()
    survey = actions.create_survey(
        li_ming,
        agency=county.finance,
        title="县财政局政务服务满意度调查",
        intro="请就办事体验提出意见。",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        rule="phone",
    )
    actions.add_question(
        li_ming, survey, kind="single", text="您办理的业务类型", options=["预算", "采购", "其他"]
    )
    actions.add_question(
        li_ming, survey, kind="multiple", text="您通过哪些渠道了解政策", options=["网站", "公众号", "窗口"]
    )
    actions.add_question(li_ming, survey, kind="rating", text="总体满意度")
    actions.add_question(li_ming, survey, kind="text", text="意见和建议", required=False)
    return actions.open_survey(li_ming, survey)


def test_a_citizen_answers_on_a_phone_and_staff_publish_the_results(
    page, axe_check, county, li_ming, wang_fang
):
    survey = _survey(li_ming, county)
    sms.outbox.clear()

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # 张三 on his phone: the list, the survey, the guarantee stated in plain words.
    page.set_viewport_size({"width": 375, "height": 800})
    visit("/surveys/")
    page.get_by_role("link", name=survey.title).click()
    page.wait_for_url(f"**/surveys/{survey.pk}/")
    axe_check(page)
    fits()
    assert "每个手机号码只能参与一次" in page.locator("#guarantee").inner_text()

    # Submitting with nothing chosen: the required questions are named, all at once.
    page.get_by_role("button", name="提交答卷").click()
    assert "有3道题需要修改" in page.locator("#form-errors").inner_text()
    axe_check(page)
    fits()

    page.get_by_role("radio", name="采购").check()
    page.get_by_role("checkbox", name="网站").check()
    page.get_by_role("checkbox", name="窗口").check()
    page.get_by_role("radio", name="4分").check()
    page.get_by_label("意见和建议").fill(SUGGESTION)
    page.get_by_label("手机号码").fill(PHONE)
    page.get_by_role("button", name="获取验证码").click()
    assert "验证码已发送至138****5678" in page.locator("#code-sent").inner_text()
    assert page.get_by_label("意见和建议").input_value() == SUGGESTION  # kept across the round trip
    assert page.get_by_role("radio", name="采购").is_checked()
    axe_check(page)
    [text] = [m.text for m in sms.outbox if m.phone == PHONE]
    code = re.search(r"验证码(\d{6})", text).group(1)
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="提交答卷").click()
    page.wait_for_url(f"**/surveys/{survey.pk}/thanks/")
    assert "答卷已经提交成功" in page.locator("#thanks-text").inner_text()
    axe_check(page)
    fits()
    # Back + resubmit: the same response, not a second one.
    page.go_back()
    page.get_by_role("button", name="提交答卷").click()
    page.wait_for_url(f"**/surveys/{survey.pk}/thanks/")
    assert Response.objects.filter(survey=survey).count() == 1

    # 王芳 closes the survey, approves the suggestion (masked), publishes the results.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    login(page, wang_fang.username, PASSWORD)

    def act(label: str, done: str) -> None:
        visit(f"/workbench/surveys/{survey.pk}/")
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(f"**/workbench/surveys/{survey.pk}/act/**")
        axe_check(page)
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_url(f"**/workbench/surveys/{survey.pk}/")
        assert done in page.content()
        axe_check(page)

    visit("/workbench/surveys/")
    act("结束调查", "调查已结束，不再接受答卷")
    page.get_by_role("link", name="审核问答题回答").click()
    page.wait_for_url("**/review/")
    axe_check(page)
    masked = page.locator("textarea[name=text_public]").input_value()
    assert PHONE not in masked and "张三" not in masked
    page.get_by_role("button", name=re.compile("^通过")).click()
    page.wait_for_url("**/review/?show=pending")
    assert "已通过，结果公布后显示" in page.content()
    act("公布结果", "调查结果已在门户网站公布")
    assert Survey.objects.get(pk=survey.pk).state == State.PUBLISHED

    # The public results: charts drawn on the server, the numbers in tables, the suggestion masked.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    visit(f"/surveys/{survey.pk}/results/")
    fits()
    assert page.locator("svg.chart").count() == 3
    assert page.locator("#response-total").inner_text() == "1"
    content = page.content()
    assert "希望周末开放窗口" in content and PHONE not in content and "张三" not in content
