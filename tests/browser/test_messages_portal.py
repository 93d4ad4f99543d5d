"""A citizen writes a message, presses Back and sends it again: one message, the same receipt; then
looks it up, and the public list shows it as 办理中 — every page passes axe, at 1280 and 375 px."""

import pytest

from gongkai.interaction import actions
from gongkai.interaction.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page) -> None:
    page.get_by_label("写给").select_option(label="县长信箱")
    page.get_by_role("radio", name="建议").check()
    page.get_by_label("主题").fill("建议在幸福路增设公交站")
    page.get_by_label("留言内容").fill("幸福路沿线居民较多，最近的公交站步行要二十分钟，建议增设一个站点。")
    page.locator("#id_writer_name").fill("张三")
    page.get_by_label("联系电话").fill("13812345678")
    page.locator("#id_public_consent").check()


def test_write_back_resubmit_look_up_and_list(page, axe_check, county):
    actions.ensure_mailboxes(None, county.government)
    page.goto(page.base + "/messages/")
    axe_check(page)
    page.get_by_role("link", name="我要写留言").first.click()
    page.wait_for_url("**/messages/write/")
    axe_check(page)
    fill(page)
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url("**/messages/submitted/*/")
    axe_check(page)
    code = page.locator("#receipt-code").inner_text()

    page.go_back()
    page.wait_for_url("**/messages/write/")
    if not page.get_by_label("主题").input_value():  # the browser reloaded the form
        fill(page)
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url("**/messages/submitted/*/")
    assert page.locator("#receipt-code").inner_text() == code
    assert Message.objects.count() == 1

    page.goto(page.base + "/messages/status/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话后四位").fill("5678")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/messages/status/{code}/")
    assert page.locator("#state").inner_text() == "待交办"
    axe_check(page)

    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/messages/list/")
        assert page.get_by_role("link", name="建议在幸福路增设公交站").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        axe_check(page)
    page.get_by_role("link", name="建议在幸福路增设公交站").click()
    assert page.locator("#public-state").inner_text() == "办理中"
    assert "13812345678" not in page.content() and "张三" not in page.content()
    axe_check(page)
