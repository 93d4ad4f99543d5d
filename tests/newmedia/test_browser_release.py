"""A release through the real pages, axe on each: 李明 of 县财政局 releases a published document to
three channels in one step — the portal's feeds, the county app's webhook (a local test server that
checks the signature) and the WeChat account without an API — sees each channel's state, then posts
the package by hand and records its link. Also the public list and the account page at 375 px."""

import pytest

from gongkai.newmedia.models import OutboxItem, OutboxState
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.newmedia.conftest import make_account, webhook_account
from tests.publishing.builders import Team, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "示范县财政局关于2027年预算公开的通知"


def test_release_to_three_channels(page, axe_check, server, li_ming, wang_fang, zhang_wei, sun_li):
    published(Team(li_ming, wang_fang, zhang_wei, sun_li), title=TITLE)
    hook = webhook_account(li_ming, wang_fang, server.url("/hook"))
    wechat = make_account(li_ming, wang_fang, page_url="https://mp.example.cn/czj")

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    login(page, li_ming.username, PASSWORD)
    visit("/workbench/new-media/")
    assert "示范县融媒体客户端" in page.content()
    visit("/workbench/new-media/releases/")
    page.get_by_role("row", name=TITLE).get_by_role("link", name="发布到新媒体").click()
    page.wait_for_url("**/workbench/new-media/release/publishing.document/**")
    axe_check(page)
    for label in ("门户网站订阅", "示范县融媒体客户端", "示范县财政（微信公众号"):
        assert page.get_by_label(label).is_checked()
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url("**/workbench/new-media/releases/*/")
    axe_check(page)
    assert "已发布到3个渠道" in page.content()

    rows = {item.kind: item for item in OutboxItem.objects.all()}
    assert rows["webhook"].state == OutboxState.SENT
    (hit,) = server.hits("/hook")
    assert hit["verified"] is True
    webhook_row = page.locator(f"#item-{rows['webhook'].pk}")
    assert webhook_row.locator(".outbox-state").inner_text() == "已发布"
    assert "https://rmt.example.cn/post/" in webhook_row.inner_text()
    assert page.locator(f"#item-{rows['feed'].pk} .outbox-state").inner_text() == "已发布"
    package_row = page.locator(f"#item-{rows['package'].pk}")
    assert package_row.locator(".outbox-state").inner_text() == "待人工发布"
    assert page.locator("svg.qr").count() == 1  # the package's QR code, drawn on the server

    package_row.get_by_label("发布后的链接").fill("https://mp.weixin.qq.com/s/czj2027")
    package_row.get_by_role("button", name="登记已发布").click()
    page.wait_for_load_state()
    axe_check(page)
    assert page.locator(f"#item-{rows['package'].pk} .outbox-state").inner_text() == "已发布"
    assert OutboxItem.objects.get(pk=rows["package"].pk).remote_url == "https://mp.weixin.qq.com/s/czj2027"

    # The public list at phone width, and the account page.
    page.set_viewport_size({"width": 375, "height": 800})
    visit("/new-media/")
    assert "示范县财政" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    visit(f"/workbench/new-media/accounts/{wechat.pk}/")
    assert hook.pk != wechat.pk
