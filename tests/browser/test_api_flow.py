"""Integration tokens through the real pages, axe on each: 赵强 (supervisor, 县政府办公室) issues a
token for the 12345 platform in the workbench (shown once), the platform sends a ticket with it to
the JSON API, and the message appears in 赵强's message list; then he revokes the token and the
API refuses it. The API docs page is checked by axe too, at 375 and 1280 px."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.agencies.actions import preset_two_factor
from gongkai.agencies.twofactor import new_key
from gongkai.interaction import actions
from tests.browser.fixtures import login, open_menu
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_token_issued_in_the_workbench_sends_a_message(page, axe_check, county, zhao_qiang):
    actions.ensure_mailboxes(None, county.government)
    preset_two_factor(None, zhao_qiang, key=new_key())  # a supervisor signs in with a code
    login(page, zhao_qiang.username, PASSWORD)
    page.goto(page.base + "/workbench/")
    open_menu(page, "管理", "接口令牌")
    page.wait_for_url("**/workbench/api/")
    axe_check(page)
    page.get_by_label("令牌名称").fill("市12345平台对接")
    page.get_by_label("messages:write：提交留言（如12345平台工单、OA系统转来的诉求）").check()
    page.get_by_label("有效期").select_option(label="90天")
    page.get_by_role("button", name="签发新令牌").click()
    assert "新令牌已签发：市12345平台对接" in page.content()
    axe_check(page)
    raw = page.locator("#issued-token").input_value()
    assert raw.startswith("gk_")

    ticket = {
        "ticket_id": "12345-BROWSER-0001",
        "kind": "complaint",
        "subject": "城关镇幸福路路灯不亮",
        "body": "幸福路12号附近路灯已坏一周，夜间出行不便。",
        "caller_name": "周敏",
        "caller_phone": "13905312222",
        "call_time": timezone.localtime().isoformat(timespec="seconds"),
    }
    headers = {"Authorization": f"Bearer {raw}"}
    response = page.request.post(page.base + "/api/staff/messages/tickets", data=ticket, headers=headers)
    assert response.status == 201, response.text()
    code = response.json()["receipt_code"]

    page.goto(page.base + "/workbench/messages/")
    axe_check(page)
    assert "城关镇幸福路路灯不亮" in page.content() or code in page.content()

    page.goto(page.base + "/workbench/api/")
    page.get_by_role("link", name="吊销令牌 市12345平台对接").click()
    axe_check(page)
    page.get_by_role("button", name="确认吊销").click()
    page.wait_for_url("**/workbench/api/")
    assert "已吊销" in page.content()
    refused = page.request.post(
        page.base + "/api/staff/messages/tickets",
        data={**ticket, "ticket_id": "12345-BROWSER-0002"},
        headers=headers,
    )
    assert refused.status == 401 and refused.json()["code"] == "token_revoked"

    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/workbench/api/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(page.base + "/api/docs")
    page.wait_for_selector("#swagger-ui .opblock", state="attached")
    assert "gongkai 开放接口" in page.content()
