"""Playwright driving Debian's Chromium against the live test server, with axe-core checks.

Loaded for the whole suite by `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside one
# unless told that the caller knows it is synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return os.environ.get("GONGKAI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(
            "CI=true 但未找到 Chromium：CI 中浏览器测试不能跳过（bin/test 以 root 运行时会安装 chromium）"
        )
    if not path:
        pytest.skip(
            "未找到 Chromium（Debian 软件包 chromium），跳过浏览器测试；bin/test 以 root 运行时会自动安装"
        )
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=path, headless=True, args=CHROMIUM_FLAGS, locale="zh-CN"
        )
        yield context
        context.close()


@pytest.fixture
def page(browser, live_server):
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    # The head loads modes.js without defer (display modes must apply before the first paint), so right
    # after a click that navigated, the new document can still be parsing with an empty <body>: reading
    # content() then, or running axe, sees a page without <main> (both failed CI under load). Wait for
    # the document to finish loading first; the locators already wait for what they look for.
    content = page.content

    def loaded_content() -> str:
        page.wait_for_load_state("load")
        return content()

    page.content = loaded_content
    yield page
    page.close()
    browser.clear_cookies()


@pytest.fixture
def axe_check():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        page.wait_for_load_state("load")  # see the page fixture: never audit a half-parsed document
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


# Display modes (gongkai/modes.js): what each keeps in the browser's localStorage.
DISPLAY_MODES = {
    "normal": {},
    "large": {"gongkai.large": "on"},
    "contrast": {"gongkai.contrast": "on"},
}


def set_display_mode(page, mode: str) -> None:
    """Put the browser in a display mode, as a visitor's earlier click would, and reload the page."""
    page.evaluate(
        """items => { for (const key of ["gongkai.large", "gongkai.contrast", "gongkai.font"]) localStorage.removeItem(key);
                      for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value); }""",
        DISPLAY_MODES[mode],
    )
    page.reload()


@pytest.fixture
def axe_check_modes(axe_check):
    """axe in every display mode on the current page, ending back in the normal mode. Costs three axe
    runs: use it on a representative set of pages and `axe_check` (normal mode) everywhere else."""

    def check(page) -> None:
        for mode in DISPLAY_MODES:
            set_display_mode(page, mode)
            css_class = {"large": "gk-large", "contrast": "gk-contrast"}.get(mode)
            if css_class:
                assert css_class in (page.locator("html").get_attribute("class") or ""), mode
            axe_check(page)
        set_display_mode(page, "normal")

    return check


def open_menu(page, group: str, entry: str) -> None:
    """Follow a navigation entry that sits in a group (政务公开 ▾ …): open the group, then the entry."""
    nav = page.locator(".site-nav")
    nav.locator("summary", has_text=group).click()
    nav.get_by_role("link", name=entry, exact=True).click()


def login(page, username: str, password: str) -> None:
    """Sign in through the login page; a user with an authenticator gives its current code too."""
    page.goto(page.base + "/workbench/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/workbench/login/code/" in url or url.endswith("/workbench/"))
    if "/workbench/login/code/" in page.url:
        page.get_by_label("验证码或恢复码").fill(next_totp_code(username))
        page.get_by_role("button", name="验证并登录").click()
        page.wait_for_url("**/workbench/")


def next_totp_code(username: str) -> str:
    """The code the user's authenticator shows for the next step the server still accepts (a code
    is accepted once, so two logins in one 30-second step need the next one)."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), device.last_t + 1)
    while step > totp.t() + device.tolerance:  # too far ahead: wait for the clock
        time.sleep(1)
        totp.time = time.time()
    totp.time = device.t0 + step * device.step
    return f"{totp.token():06d}"
