"""解读专家 in a real browser: from the 主动公开 tabs to the registry, a refused and a good entry,
an edit; axe-core runs on every page."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.publishing.models import Expert
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_and_edit_an_expert(page, axe_check, li_ming):
    login(page, "liming", PASSWORD)
    page.goto(page.base + "/workbench/publishing/")
    page.get_by_role("navigation", name="主动公开").get_by_role("link", name="解读专家").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("主动公开：解读专家")
    axe_check(page)

    page.get_by_role("link", name="登记解读专家").click()
    axe_check(page)
    page.get_by_label("姓名").fill("   ")  # passes the browser's required check, not the server's
    page.get_by_label("研究领域").fill("公共财政")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").first).to_contain_text("请填写专家姓名")
    axe_check(page)
    assert not Expert.objects.exists()

    page.get_by_label("姓名").fill("赵教授")
    page.get_by_label("工作单位").fill("示范大学")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("解读专家已登记")
    expect(page.get_by_role("cell", name="示范大学")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name=re.compile("修改.*赵教授")).click()
    axe_check(page)
    page.get_by_label("研究领域").fill("财税体制")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="财税体制")).to_be_visible()
    assert Expert.objects.get().field == "财税体制"
