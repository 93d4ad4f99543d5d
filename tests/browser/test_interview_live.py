"""A live interview through the real pages, axe on every page: 李明 (县财政局) types the guest's
answer to an approved question in the live console (one browser page, signed in on `localhost`);
the public page open on `127.0.0.1` (another host: no shared cookies) shows it without a reload;
a citizen asks a question; the public page fits 375 px."""

from __future__ import annotations

import pytest

from gongkai.interaction import actions as messages
from gongkai.interviews import actions
from gongkai.interviews.models import Moderation, Question
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.interviews.conftest import make_interview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "补贴预计6月底前发放到户，标准为每亩105元。"


def test_an_answer_typed_by_staff_appears_on_the_open_public_page(page, browser, axe_check, county, li_ming):
    messages.ensure_mailboxes(None, county.government)
    interview = make_interview(li_ming, county.finance, state="collecting")
    actions.add_guest(li_ming, interview, name="王建国", agency=county.finance, title="县财政局局长")
    question, _ = actions.submit_question(
        interview,
        body="耕地地力保护补贴什么时候发放？",
        phone="13812345678",
        display_name="老农民",
        idempotency_key="q",
    )
    actions.moderate_question(li_ming, question, decision=Moderation.APPROVED)
    interview = actions.start_interview(li_ming, interview)
    actions.post_entry(li_ming, interview, body="各位网友，大家好！")

    public = browser.new_page()
    public.set_default_timeout(15_000)
    public_base = page.base.replace("localhost", "127.0.0.1")
    public.goto(f"{public_base}/interviews/{interview.pk}/")
    assert public.get_by_text("各位网友，大家好！").is_visible()
    assert public.locator(".gk-live-reload").is_hidden()  # the script runs: no reload link needed
    axe_check(public)
    public.evaluate("window.__notReloaded = true")

    # 李明 answers in the console, as the guest.
    login(page, li_ming.username, PASSWORD)
    page.goto(f"{page.base}/workbench/interviews/{interview.pk}/console/")
    axe_check(page)
    assert "耕地地力保护补贴什么时候发放？" in page.content()  # the console's list of questions
    page.get_by_label("发言人").select_option(label="王建国（县财政局局长）")
    page.get_by_label("回答网友提问（可选）").select_option(label="老农民：耕地地力保护补贴什么时候发放？")
    page.get_by_label("发言内容").fill(ANSWER)
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url(f"**/workbench/interviews/{interview.pk}/console/")
    assert "已发布" in page.content()
    axe_check(page)

    # The open public page shows it, in place, with the question it answers.
    public.get_by_text(ANSWER).wait_for(timeout=40_000)
    assert public.evaluate("window.__notReloaded") is True
    entry = public.locator(".gk-live-entry").last
    assert "王建国" in entry.inner_text() and "耕地地力保护补贴什么时候发放？" in entry.inner_text()
    assert public.locator(".gk-live-entries").get_attribute("aria-live") == "polite"
    axe_check(public)

    # A citizen asks during the event.
    public.get_by_role("link", name="我要提问").click()
    axe_check(public)
    public.get_by_label("您的问题").fill("种粮大户的补贴标准一样吗？")
    public.get_by_label("联系电话（不公开）").fill("13900001111")
    public.get_by_role("button", name="提交问题").click()
    public.wait_for_url("**/asked/**")
    assert "问题已提交" in public.content()
    axe_check(public)
    assert Question.objects.filter(body="种粮大户的补贴标准一样吗？", moderation=Moderation.HELD).count() == 1

    # The public page at 375 px: nothing wider than the screen.
    public.set_viewport_size({"width": 375, "height": 800})
    public.goto(f"{public_base}/interviews/{interview.pk}/")
    assert public.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(public)
    public.close()
