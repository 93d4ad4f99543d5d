"""The annual plan through the real pages, axe on each: 周敏 (县政府办公室) imports the shipped
工作要点 .docx, reviews the 27 parsed tasks (chooses the agencies it could not match, drops one, merges
one into the one before) and saves; she submits it; 赵强 publishes it; 李明 (县财政局) reports progress
(100 % is refused until he confirms the completion criterion); the public page at 375 px."""

import pytest

from gongkai.agencies.models import Role
from gongkai.plans import actions
from gongkai.plans.models import AnnualPlan
from tests.browser.fixtures import login
from tests.conftest import PASSWORD, _person
from tests.plans.conftest import PLAN_DOCX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_from_word_document_to_public_progress(page, axe_check, county, li_ming, zhao_qiang):
    zhou_min = _person("zhoumin", "周敏", county.office, Role.CLERK)

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    login(page, zhou_min.username, PASSWORD)
    visit("/workbench/plans/")
    page.get_by_role("link", name="从Word文件导入").click()
    page.wait_for_url("**/workbench/plans/import/")
    axe_check(page)
    page.get_by_label("制定机关").select_option(label="示范县人民政府")
    page.get_by_label("年度").fill("2026")
    page.get_by_label("工作要点Word文件（.docx）").set_input_files(str(PLAN_DOCX))
    page.get_by_role("button", name="上传并识别").click()
    page.wait_for_url("**/workbench/plans/import/*/")
    axe_check(page)
    assert "识别出5个部分、27项任务" in page.content()
    assert not AnnualPlan.objects.exists()  # nothing saved before the confirmation

    for select in page.locator("select[id^=agency-]").all():  # what the parser could not match
        if not select.input_value():
            select.select_option(label="示范县人民政府办公室")
    page.locator("#keep-2").uncheck()
    page.locator("#merge-4").check()
    page.locator("#person-0").fill("钱进")
    page.get_by_role("button", name="确认保存").click()
    page.wait_for_url("**/workbench/plans/*/")
    axe_check(page)
    assert "已保存工作要点及25项任务" in page.content()
    plan = AnnualPlan.objects.get()

    page.get_by_role("link", name="提交审核").click()
    page.wait_for_url(f"**/workbench/plans/{plan.pk}/act/submit/")
    axe_check(page)
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url(f"**/workbench/plans/{plan.pk}/")
    assert page.locator("#plan-state").inner_text().startswith("审核中")
    actions.publish_plan(zhao_qiang, plan)  # 赵强's page is the same workflow view (tests/plans)

    task = plan.tasks.get(position=1)
    page.context.clear_cookies()
    login(page, li_ming.username, PASSWORD)
    visit(f"/workbench/plans/tasks/{task.pk}/")
    page.get_by_label("进展情况").fill("县级部门预算已全部公开，公开率100%。")
    page.get_by_label("完成进度（%）").fill("100")
    page.get_by_role("button", name="报告进展").click()
    assert "须确认已达到完成标准（县级部门预决算公开率100%）" in page.content()
    axe_check(page)
    page.get_by_label("确认已达到完成标准（进度为100%时必须勾选）").check()
    page.get_by_role("button", name="报告进展").click()
    page.wait_for_url(f"**/workbench/plans/tasks/{task.pk}/")
    assert page.locator("#task-status").inner_text().startswith("已完成")
    axe_check(page)

    page.context.clear_cookies()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        visit(f"/plans/{plan.pk}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out
        assert "县级部门预算已全部公开" in page.content() and "钱进" not in page.content()
    visit("/plans/")
