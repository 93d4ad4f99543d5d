"""A citizen submits, presses Back and submits again: the same receipt, one application."""

import pytest

from gongkai.applications.models import Application
from tests.applications.helpers import CITIZEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page) -> None:
    page.get_by_label("向哪个机关申请").select_option(label="示范县财政局")
    page.get_by_role("radio", name="自然人").check()
    page.get_by_label("姓名或名称").fill(CITIZEN["name"])
    page.get_by_label("证件号码或统一社会信用代码").fill(CITIZEN["identity_number"])
    page.get_by_label("联系电话").fill(CITIZEN["phone"])
    page.get_by_label("通信地址").fill(CITIZEN["address"])
    page.get_by_label("所需政府信息的名称或内容描述").fill("2026年县财政局部门预算")
    page.get_by_label("纸质").check()
    page.get_by_label("邮寄").check()


def test_back_and_resubmit_shows_the_first_receipt(page, axe_check, county):
    page.goto(page.base + "/applications/apply/")
    axe_check(page)
    fill(page)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/applications/submitted/*/")
    axe_check(page)
    code = page.locator("#receipt-code").inner_text()

    page.go_back()
    page.wait_for_url("**/applications/apply/")
    if not page.get_by_label("姓名或名称").input_value():  # the browser reloaded the form
        fill(page)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/applications/submitted/*/")
    assert page.locator("#receipt-code").inner_text() == code
    assert Application.objects.count() == 1

    # A reload of the empty form and the same content typed again: still the first receipt.
    page.goto(page.base + "/applications/apply/")
    fill(page)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/applications/submitted/*/")
    assert page.locator("#receipt-code").inner_text() == code
    assert Application.objects.count() == 1
