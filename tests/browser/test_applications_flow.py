"""依申请公开 end to end in the browser: a citizen applies, staff handle it, the citizen checks.

Citizen applies on the portal → clerk confirms, asks for 补正, receives it, asks for an extension →
the signer finds the request on the signer's own 待办, approves it and sends the 延期答复告知书 →
clerk drafts a 部分公开 reply → reviewer reviews → clerk sends → the case shows 已办结 → the citizen
sees the status with the receipt code and phone digits. axe-core runs on every page visited.
"""

import re

import pytest

from gongkai.applications.models import Application
from tests.applications.helpers import CITIZEN
from tests.browser.fixtures import login, open_menu
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page, axe_check, button: str) -> None:
    page.get_by_role("link", name=button, exact=True).click()
    axe_check(page)


def submit(page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url("**/workbench/applications/*/")


def logout(page) -> None:
    page.get_by_role("button", name="退出登录").click()


def test_citizen_to_reply_and_back(page, axe_check, county, li_ming, wang_fang, zhang_wei):
    # the citizen applies
    page.goto(page.base + "/")
    open_menu(page, "政务公开", "依申请公开")
    axe_check(page)
    page.get_by_label("向哪个机关申请").select_option(label="示范县财政局")
    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill(CITIZEN["name"])
    page.get_by_label("证件号码或统一社会信用代码").fill("370999198001011231")  # wrong check digit
    page.get_by_label("联系电话").fill(CITIZEN["phone"])
    page.get_by_label("通信地址").fill(CITIZEN["address"])
    page.get_by_label("所需政府信息的名称或内容描述").fill("2026年县财政局部门预算及三公经费预算")
    page.get_by_label("纸质").check()
    page.get_by_label("邮寄").check()
    page.get_by_role("button", name="提交申请").click()
    assert "校验位错误" in page.locator("main").inner_text()
    axe_check(page)
    page.get_by_label("证件号码或统一社会信用代码").fill(CITIZEN["identity_number"])
    page.get_by_role("button", name="提交申请").click()
    code = page.locator("#receipt-code").inner_text()
    axe_check(page)
    page.get_by_role("link", name="打印回执").click()
    assert code in page.locator("main").inner_text()
    axe_check(page)
    assert Application.objects.count() == 1

    # the clerk confirms, asks for 补正, receives it
    login(page, "liming", PASSWORD)
    axe_check(page)
    page.get_by_role("link", name="依申请公开", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name=code).click()
    axe_check(page)
    act(page, axe_check, "确认收到（双方确认）")
    submit(page, "确认收到（双方确认）")
    assert page.locator("#case-state").inner_text() == "已受理"
    page.get_by_text("逐日计算过程").click()
    assert "第20个工作日" in page.locator("pre.explain").inner_text()
    axe_check(page)
    act(page, axe_check, "告知补正")
    page.get_by_label("需要补正的事项（每行一项，一次性列明）").fill("请写明预算年度\n请写明所需的具体表格")
    submit(page, "告知补正")
    assert page.locator("#case-state").inner_text() == "待补正"
    page.get_by_role("link", name=re.compile(r"修改并发出\s*补正申请告知书")).click()
    axe_check(page)
    page.get_by_role("button", name="发出并生成 Word 文件").click()
    page.wait_for_url("**/workbench/applications/*/")
    act(page, axe_check, "收到补正")
    submit(page, "收到补正")

    # the clerk asks for an extension; only the signer can approve it
    act(page, axe_check, "申请延期答复")
    page.get_by_label("延长工作日数（最多20个）").fill("10")
    page.get_by_label("延期理由").fill("需要调取2026年预算档案")
    submit(page, "申请延期答复")
    assert page.locator("#case-state").inner_text() == "延期待批准"
    assert page.get_by_role("link", name="批准延期答复", exact=True).count() == 0
    logout(page)

    # the signer approves from the signer's own account, from the 待办
    login(page, "zhangwei", PASSWORD)
    page.goto(page.base + "/workbench/")
    todo = page.get_by_role("link", name=re.compile(code))
    assert "李明申请延长10个工作日" in page.locator("main").inner_text()
    axe_check(page)
    todo.click()
    act(page, axe_check, "批准延期答复")
    submit(page, "批准延期答复")
    assert page.locator("#case-state").inner_text() == "已延期"
    page.get_by_role("link", name=re.compile(r"修改并发出\s*延期答复告知书")).click()
    page.get_by_role("button", name="发出并生成 Word 文件").click()
    page.wait_for_url("**/workbench/applications/*/")
    logout(page)

    # the clerk drafts the 部分公开 reply
    login(page, "liming", PASSWORD)
    page.goto(page.base + "/workbench/applications/")
    page.get_by_role("link", name=code).click()
    act(page, axe_check, "拟写答复")
    page.get_by_label("答复类型").select_option(value="partial")
    page.get_by_label("获取方式和途径 / 渠道").fill("邮寄纸质材料")
    page.get_by_label("不予公开的部分及理由（部分公开时填写，每行一项，格式：部分：理由）").fill(
        "附表3中供应商联系人电话：涉及个人隐私（条例第十五条）"
    )
    submit(page, "拟写答复")
    logout(page)

    # the reviewer reviews
    login(page, "wangfang", PASSWORD)
    page.goto(page.base + "/workbench/applications/")
    page.get_by_role("link", name=code).click()
    act(page, axe_check, "审核答复")
    submit(page, "审核答复")
    logout(page)

    # the clerk sends the reply
    login(page, "liming", PASSWORD)
    page.goto(page.base + "/workbench/applications/")
    page.get_by_role("link", name=code).click()
    act(page, axe_check, "发出答复")
    assert "第三十七条" in page.get_by_label("答复告知书正文（可修改）").input_value()
    submit(page, "发出答复")
    assert page.locator("#case-outcome").inner_text() == "（二）部分公开"
    assert "已办结" in page.locator("#closed-on").inner_text()
    axe_check(page)
    logout(page)

    # the citizen checks the status
    page.goto(page.base + "/applications/status/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话后四位").fill(CITIZEN["phone"][-4:])
    page.get_by_role("button", name="查询").click()
    assert page.locator("#state").inner_text() == "已答复"
    assert "部分公开" in page.locator("#outcome").inner_text()
    assert CITIZEN["name"] not in page.locator("main").inner_text()
    axe_check(page)
