"""A citizen comments on paragraph 3 through the real pages (at 375 px and at 1280 px), 王芳 moderates
it in the workbench, and the public page shows it under paragraph 3 with the personal data masked.
axe on every page visited (all display modes on the consultation's page)."""

import re

import pytest

from gongkai.consultation.models import Comment, Moderation
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.consultation.conftest import opened

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "第二条应当写明乡镇政府也适用。我是张三，电话13912345678。"


@pytest.mark.parametrize("width", [375, 1280])
def test_comment_on_paragraph_3_moderated_and_shown_masked(
    page, axe_check, axe_check_modes, li_ming, wang_fang, width
):
    consultation = opened(li_ming, wang_fang)
    page.set_viewport_size({"width": width, "height": 900})

    def visit(path: str) -> None:
        page.goto(page.base + path)
        axe_check(page)

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The citizen finds the draft and comments on paragraph 3 (第二条).
    visit("/consultations/")
    page.get_by_role("link", name=consultation.title).first.click()
    page.wait_for_url(f"**/consultations/{consultation.pk}/")
    axe_check_modes(page)
    fits()
    page.get_by_role("link", name="对第3段提意见").click()
    page.wait_for_url(f"**/consultations/{consultation.pk}/comment/?p=3#comment-form")
    axe_check(page)
    fits()
    assert "您针对的条文：第3段（第二条）" in page.content()
    page.get_by_label("意见内容").fill(BODY)
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_role("button", name="提交意见").click()
    # The form's action keeps the #comment-form anchor, which the browser carries over the redirect.
    page.wait_for_url(re.compile(rf"/consultations/{consultation.pk}/comment/\d+/"))
    axe_check(page)
    fits()
    comment = Comment.objects.get()
    assert (comment.paragraph.number, comment.moderation) == (3, Moderation.PENDING)
    assert comment.quoted_text.startswith("第二条")

    # Not public before moderation.
    visit(f"/consultations/{consultation.pk}/")
    assert "乡镇政府也适用" not in page.content()

    # 王芳 moderates it.
    page.context.clear_cookies()
    login(page, wang_fang.username, PASSWORD)
    visit("/workbench/consultations/moderation/")
    assert "乡镇政府也适用" in page.content()
    page.get_by_label("公开显示（自动遮盖个人信息）").check()
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url("**/workbench/consultations/moderation/")
    axe_check(page)
    assert "意见已公开显示" in page.content()
    visit(f"/workbench/consultations/{consultation.pk}/")
    comment.refresh_from_db()
    assert comment.moderation == Moderation.APPROVED

    # The public page shows it under paragraph 3, masked.
    page.context.clear_cookies()
    visit(f"/consultations/{consultation.pk}/#p-3")
    fits()
    under_3 = page.locator("#p-3").inner_text()
    assert "第二条应当写明乡镇政府也适用" in under_3 and "139****5678" in under_3
    assert "13912345678" not in page.content() and "张三" not in page.content()
    assert "网友" in under_3
