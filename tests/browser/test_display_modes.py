# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""大字版, 高对比度 and the document's 字体 大/中/小 are remembered by the browser across pages; pages work
without the script; at 375 px the key public pages do not scroll sideways and their controls are at
least 44 px tall; a document prints without the site's chrome; axe passes in every mode."""

import pytest

from tests.browser.fixtures import login, set_display_mode
from tests.conftest import PASSWORD
from tests.publishing.builders import published, team  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY_PAGES = (
    "/",
    "/catalog/",
    "/openness/",
    "/search/?q=预算",
    "/applications/apply/",
    "/applications/status/",
)
OVERFLOW = "document.scrollingElement.scrollWidth <= window.innerWidth"
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main button, main input:not([type=checkbox]):not([type=radio]):not([type=hidden]), main select, .site-nav a')]
  .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
  .map(el => el.outerHTML.slice(0, 80))"""


def html_classes(page) -> str:
    return page.locator("html").get_attribute("class") or ""


def test_modes_persist_across_pages_and_pass_axe(page, axe_check, team):
    doc = published(team, title="示范县财政局关于2026年部门预算公开的通知")
    other = published(team, title="示范县财政局关于政府采购意向公开的通知")
    page.goto(page.base + doc.get_absolute_url())
    large = page.get_by_role("button", name="大字版")
    assert large.get_attribute("aria-pressed") == "false"
    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.doc-body')).fontSize)")

    large.click()
    assert large.get_attribute("aria-pressed") == "true" and "gk-large" in html_classes(page)
    page.get_by_role("button", name="大字体").click()  # 字体：大, on top of 大字版
    bigger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.doc-body')).fontSize)")
    assert bigger >= body_size * 1.5

    page.goto(page.base + other.get_absolute_url())  # another page: the choices stay
    assert "gk-large" in html_classes(page) and "gk-doc-l" in html_classes(page)
    assert page.get_by_role("button", name="大字版").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="大字体").get_attribute("aria-pressed") == "true"
    assert page.evaluate(
        "getComputedStyle(document.body).lineHeight.endsWith('px') && "
        "parseFloat(getComputedStyle(document.body).lineHeight) / "
        "parseFloat(getComputedStyle(document.body).fontSize) >= 1.5"
    )
    axe_check(page)

    page.get_by_role("button", name="高对比度").click()
    page.goto(page.base + "/catalog/")
    assert "gk-contrast" in html_classes(page)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    axe_check(page)

    page.get_by_role("button", name="大字版").click()  # off again, and it stays off
    page.get_by_role("button", name="高对比度").click()
    page.reload()
    assert "gk-large" not in html_classes(page) and "gk-contrast" not in html_classes(page)


def test_pages_work_without_javascript(page, team):
    doc = published(team)
    page.route("**/*.js", lambda route: route.abort())
    page.goto(page.base + doc.get_absolute_url())
    assert not page.get_by_role("button", name="大字版").is_visible()  # no control that cannot work
    assert not page.get_by_role("button", name="打印").is_visible()
    assert page.locator(".doc-body").is_visible()
    page.get_by_role("link", name="公开目录").first.click()
    page.wait_for_url("**/catalog/")
    assert page.get_by_role("link", name=doc.title).is_visible()


def test_key_pages_on_a_phone_in_normal_and_large_type(page, axe_check_modes, team):
    doc = published(team, title="示范县财政局关于做好2026年度部门预算和“三公”经费预算公开工作的通知")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base + "/")
    for mode in ("normal", "large"):
        set_display_mode(page, mode)
        for path in (*KEY_PAGES, doc.get_absolute_url()):
            page.goto(page.base + path)
            assert page.evaluate(OVERFLOW), f"{path} scrolls sideways in {mode} mode"
            assert page.evaluate(SMALL_TARGETS) == [], f"{path} in {mode} mode"
    set_display_mode(page, "normal")
    page.goto(page.base + "/search/?q=预算")
    result = page.locator(".search-results li").first
    assert result.bounding_box()["width"] > 300
    axe_check_modes(page)


def test_a_document_prints_without_the_site_chrome(page, team):
    doc = published(team)
    page.goto(page.base + doc.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".display-tools", ".doc-tools", ".breadcrumb"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".doc-meta").is_visible() and page.locator(".doc-body").is_visible()
    page.emulate_media(media="screen")


def test_workbench_lists_read_as_cards_on_a_phone(page, team):
    doc = published(team, title="示范县财政局关于做好2026年度部门预算和“三公”经费预算公开工作的通知")
    login(page, "liming", PASSWORD)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base + "/workbench/publishing/published/")
    assert page.evaluate(OVERFLOW)
    row = page.locator("table.list tbody tr", has_text=doc.title)
    title = row.locator("td").first
    assert title.bounding_box()["width"] > 300  # the title runs across the card, not in a narrow column
    number = row.locator("td[data-label='文号']")
    assert number.bounding_box()["y"] > title.bounding_box()["y"]  # the other cells follow, labelled
    assert (
        page.evaluate("el => getComputedStyle(el, '::before').content", number.element_handle()) == '"文号"'
    )
