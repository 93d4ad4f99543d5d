"""Chromium enforces the policy: the citizen's path and the workbench run with no CSP violation."""

import pytest

from tests.applications.helpers import CITIZEN
from tests.browser.fixtures import login, open_menu
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_csp_violation_from_application_to_receipt_and_workbench(page, axe_check, county, li_ming):
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto(page.base + "/")
    open_menu(page, "政务公开", "依申请公开")
    page.get_by_label("向哪个机关申请").select_option(label="示范县财政局")
    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill(CITIZEN["name"])
    page.get_by_label("证件号码或统一社会信用代码").fill(CITIZEN["identity_number"])
    page.get_by_label("联系电话").fill(CITIZEN["phone"])
    page.get_by_label("通信地址").fill(CITIZEN["address"])
    page.get_by_label("所需政府信息的名称或内容描述").fill("2026年县财政局部门预算")
    page.get_by_label("纸质").check()
    page.get_by_label("邮寄").check()
    page.get_by_role("button", name="提交申请").click()
    page.get_by_role("link", name="打印回执").click()
    axe_check(page)
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed === true")  # the static script ran under the policy
    login(page, "liming", PASSWORD)
    axe_check(page)
    page.goto(page.base + "/admin/")
    assert violations == []
