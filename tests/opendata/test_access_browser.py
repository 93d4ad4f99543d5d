"""有条件开放 through the real pages, axe on each: a citizen on a phone (375 px) finds a conditional
dataset on the open-data home page, applies and gets a receipt code; 王芳 (reviewer of 县财政局)
approves on the workbench and sees the token once; the opening plan and 需求征集 pages fit the phone."""

import pytest

from gongkai.opendata.models import AccessApplication, AccessToken
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.opendata.access_helpers import make_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_and_approve(page, axe_check, county, wang_fang):
    dataset = make_dataset(county.finance, "县级财政专项资金明细")

    def visit(path: str, width: int = 375) -> None:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + path)
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out

    visit("/data/")
    page.get_by_role("link", name=f"申请使用{dataset.title}").click()
    page.wait_for_url(f"**/data/datasets/{dataset.pk}/apply/")
    axe_check(page)
    page.get_by_role("button", name="提交申请").click()  # empty: every error at once
    for message in ("请填写申请人姓名", "请填写联系方式", "请填写使用目的和场景", "请填写使用期限的开始日期"):
        assert message in page.content()
    axe_check(page)
    page.get_by_label("申请人姓名").fill("周研究")
    page.get_by_label("联系方式（电话或电子邮箱）").fill("13912345678")
    page.get_by_label("使用目的和场景").fill("研究县级财政支出结构")
    page.get_by_label("使用期限自").fill("2026-12-01")
    page.get_by_label("使用期限至").fill("2027-11-30")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/data/apply/SJ*/")
    axe_check(page)
    app = AccessApplication.objects.get()
    assert page.locator("#receipt-code").inner_text() == app.receipt_code
    for path in ("/data/opening-plan/", "/data/requests/", "/data/requests/new/"):
        visit(path)

    page.context.clear_cookies()
    login(page, wang_fang.username, PASSWORD)
    visit("/workbench/data/access/", 1280)
    page.get_by_role("link", name=app.receipt_code).click()
    page.wait_for_url(f"**/workbench/data/access/{app.pk}/")
    axe_check(page)
    assert "周研究" in page.content()
    page.get_by_label("批准，签发访问令牌").check()
    page.get_by_label("每日行数上限").fill("5000")
    page.get_by_role("button", name="提交审核结果").click()
    page.wait_for_load_state()
    axe_check(page)
    token = page.locator("#issued-token").inner_text()
    assert token.startswith("gkd_") and AccessToken.objects.get().prefix == token[:12]
    assert page.locator("#app-state").inner_text() == "已批准"
    visit(f"/workbench/data/access/{app.pk}/", 375)
    assert token not in page.content()
