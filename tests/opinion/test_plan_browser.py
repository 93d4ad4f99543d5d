"""The watch-plan editor in the browser, axe on each page: 周敏 (舆情员 of 县财政局) types a plan; the
live count follows her typing without a reload; a malformed expression shows its position; she fixes
it, saves, and the plan's page lists the matching posts, at 1280 px and 375 px."""

import pytest
from django.db import transaction

from gongkai.opinion.models import WatchPlan
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.opinion.plan_builders import analyst, post, source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_writes_a_plan_with_the_live_count(page, axe_check, county):
    zhou_min = analyst(county.finance)
    src = source(county.office)
    with transaction.atomic():
        post(src, "示范县实验学校午餐变质", "多名学生反映饭菜有异味")
        post(src, "示范县幼儿园食物中毒？", "家长称孩子呕吐")
        post(src, "县医院门诊", "排队太久")

    login(page, zhou_min.username, PASSWORD)
    page.goto(page.base + "/workbench/opinion/plans/")
    axe_check(page)
    page.get_by_role("link", name="新建监测方案").click()
    page.wait_for_url("**/workbench/opinion/plans/new/")
    axe_check(page)
    page.get_by_label("方案名称").fill("校园食品安全")
    page.get_by_label("主体").fill("学校 幼儿园")
    page.get_by_label("事件").fill("变质 食物中毒")
    live = page.locator("#plan-live")
    live.filter(has_text="近7日命中 2 条").wait_for()  # asked by the script, no reload
    page.get_by_label("高级表达式").fill("{主体} AND ({事件}")
    live.filter(has_text="第 15 个字符处：缺少右括号").wait_for()
    page.get_by_role("button", name="保存").click()
    assert (
        "第 15 个字符处：缺少右括号（与第 10 个字符处的左括号配对）"
        in page.locator(".has-error").inner_text()
    )
    axe_check(page)
    assert not WatchPlan.objects.exists()
    page.get_by_label("高级表达式").fill("{主体} NEAR/4 {事件}")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/workbench/opinion/plans/*/")
    plan = WatchPlan.objects.get()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + f"/workbench/opinion/plans/{plan.pk}/")
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert "命中的信息（2 条）" in page.content() and "示范县幼儿园食物中毒？" in page.content()
