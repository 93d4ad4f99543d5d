"""A supervisor's first login in the browser: password, enrolment with the QR code, the recovery
codes, then a later login with the code. axe checks each page; screenshots at 1280 and 375 px."""

from __future__ import annotations

import os

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.twofactor import current_code
from tests.browser.fixtures import next_totp_code
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("GONGKAI_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_first_login_enrols_then_the_code_is_asked(page, axe_check, zhao_qiang):
    page.goto(page.base + "/workbench/login/")
    page.get_by_label("用户名").fill("zhaoqiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/two-factor/enrol/**")
    assert page.locator(".qr-image svg").count() == 1
    axe_check(page)
    _shot(page, "enrol")

    secret = page.locator(".secret").inner_text().replace(" ", "")
    from gongkai.agencies.twofactor import key_from_base32

    page.get_by_label("6位验证码").fill(current_code(key_from_base32(secret)))
    page.get_by_role("button", name="确认绑定").click()
    page.wait_for_url("**/workbench/two-factor/**")
    assert page.locator(".recovery-codes li").count() == 10
    axe_check(page)
    _shot(page, "recovery-codes")
    page.get_by_role("link", name="我已保存，继续").click()
    page.wait_for_url("**/workbench/")

    page.get_by_role("button", name="退出登录").click()
    page.goto(page.base + "/workbench/login/")
    page.get_by_label("用户名").fill("zhaoqiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/login/code/**")
    axe_check(page)
    _shot(page, "code")
    assert TOTPDevice.objects.filter(user=zhao_qiang, confirmed=True).exists()
    page.get_by_label("验证码或恢复码").fill(next_totp_code("zhaoqiang"))
    page.get_by_role("button", name="验证并登录").click()
    page.wait_for_url("**/workbench/")
