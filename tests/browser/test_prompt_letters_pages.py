"""The prompt-letter pages at 1280 px and on a phone (375 px): the office's list, letter and issue
form, the dispatch page's suggestions, the keywords page, and the public letter — all pass axe."""

import pytest

from gongkai.interaction.actions import letters as letter_actions
from tests.browser.fixtures import login
from tests.conftest import PASSWORD
from tests.interaction.helpers import finance_keyword, finance_letter, office_clerk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
def test_prompt_letter_pages(page, axe_check, county, li_ming, width):
    letter = finance_letter(county)
    finance_keyword(county)
    clerk = office_clerk(county)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, clerk.username, PASSWORD)

    def visit(path: str) -> None:
        page.goto(page.base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out
        axe_check(page)

    visit("/workbench/messages/letters/")
    assert page.get_by_role("link", name=letter.topic).is_visible()
    visit(f"/workbench/messages/letters/{letter.pk}/")
    assert page.locator("#letter-state").inner_text() == "待签发"
    visit(f"/workbench/messages/letters/{letter.pk}/act/issue/")
    page.get_by_role("button", name="签发提示函").click()
    page.wait_for_url(f"**/workbench/messages/letters/{letter.pk}/")
    assert page.locator("#letter-state").inner_text() == "已签发，待反馈"
    visit("/workbench/messages/letters/keywords/")
    message = letter.messages.first()
    visit(f"/workbench/messages/{message.pk}/")

    letter.refresh_from_db()
    letter_actions.record_letter_feedback(li_ming, letter, text="经查，已于3月5日全部发放。")
    letter_actions.publish_prompt_letter(clerk, letter)
    visit("/messages/prompt-letters/")
    visit(f"/messages/prompt-letters/{letter.pk}/")
    assert "已于3月5日全部发放" in page.content()
