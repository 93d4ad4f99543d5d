# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""At 375 px (a phone) the catalog rows and the metadata table stack readably, and pass axe."""

import pytest

from tests.publishing.builders import published, team  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "示范县财政局关于做好2025年度部门预算和“三公”经费预算公开工作的通知"
LINES = (
    "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"
)


def test_catalog_and_document_page_on_a_phone(page, axe_check, team):
    for i in range(21):
        doc = published(team, title=f"{TITLE}（{i}）", doc_number=f"示财发〔2025〕{i + 1}号")
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(page.base + "/catalog/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sticks out sideways
    row = page.locator("table.catalog tbody tr").first
    title = row.locator("td.catalog-title")
    assert title.bounding_box()["width"] > 300
    assert (
        title.bounding_box()["y"] < row.locator("td[data-label='索引号']").bounding_box()["y"]
    )  # title first
    assert page.locator(".pagination a[aria-current='page']").text_content() == "第1页（当前页）"
    axe_check(page)

    page.get_by_label("跳转到第").fill("2")
    page.get_by_role("button", name="跳转").click()
    page.wait_for_url("**/catalog/?page=2")
    assert page.locator(".pagination a[aria-current='page']").text_content() == "第2页（当前页）"

    page.goto(page.base + doc.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    table = page.locator("table.doc-meta")
    for label in ("索引号", "发布机构", "文号", "成文日期", "信息名称", "有效性"):
        th = table.locator("th", has_text=label)
        assert th.evaluate(LINES) == 1, label  # the label on one line
    value = table.locator("tr", has=page.locator("th", has_text="信息名称")).locator("td")
    assert value.bounding_box()["width"] > 200 and value.inner_text() == doc.title
    axe_check(page)
