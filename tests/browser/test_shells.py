"""The portal and workbench shells in a real browser: they work by keyboard and pass axe-core."""

import pytest

from tests.browser.fixtures import login, open_menu
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_portal_shell(page, axe_check, county):
    page.goto(page.base + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("meta[name=SiteIDCode]").get_attribute("content") == "3709990001"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    axe_check(page)
    # The home page's 机构导航 lists agencies by their short names.
    page.locator(".agency-directory").get_by_role("link", name="县财政局", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "示范县财政局"
    axe_check(page)


def test_clerk_logs_in_to_the_workbench(page, axe_check, li_ming):
    page.goto(page.base + "/workbench/")
    assert "/workbench/login/" in page.url
    axe_check(page)
    login(page, "liming", PASSWORD)
    assert page.get_by_role("heading", name="待办事项").is_visible()
    assert "李明" in page.locator("header").inner_text()
    axe_check(page)
    open_menu(page, "管理", "机关")
    axe_check(page)


def test_wrong_password_shows_a_chinese_message(page, li_ming):
    page.goto(page.base + "/workbench/login/")
    page.get_by_label("用户名").fill("liming")
    page.get_by_label("密码").fill("wrong-password-1")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不正确" in page.get_by_role("alert").inner_text()


def test_narrow_screen_has_no_horizontal_scroll(page, county):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
