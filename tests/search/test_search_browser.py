"""The search page in a real browser: search from the header, see highlighted results, pass axe."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_the_header_and_see_highlighted_results(page, axe_check, index, county):
    index(
        county.finance,
        "示范县财政局关于公开2024年三公经费预算的通知",
        doc_number="示财发〔2024〕3号",
        body="根据预算公开要求，现将本局2024年三公经费预算公开如下。",
    )
    index(county.housing, "保障性住房分配公示", body="本次分配名单如下。")

    page.goto(page.base + "/search/")
    assert "请输入检索词" in page.get_by_role("status").inner_text()
    axe_check(page)

    page.get_by_role("search", name="站内检索").get_by_label("站内检索").fill("三公经费")
    page.get_by_role("search", name="站内检索").get_by_role("button", name="检索").click()
    page.wait_for_url("**/search/?q=*")

    assert "共找到 1 条结果" in page.get_by_role("status").inner_text()
    result = page.locator(".search-results li").first
    assert result.locator("h3 mark").inner_text() == "三公经费"
    assert "文号：示财发〔2024〕3号" in result.inner_text()
    axe_check(page)

    page.get_by_label("检索词").fill("示财发[2024]3号")
    page.get_by_role("button", name="检索").last.click()
    page.wait_for_url("**q=*5B2024*")
    assert page.locator(".search-results li h3").first.inner_text().startswith("示范县财政局关于公开")

    page.get_by_label("检索词").fill("没有这样的文件")
    page.get_by_role("button", name="检索").last.click()
    page.wait_for_url("**q=*%E6%B2%A1*")
    assert "没有找到" in page.get_by_role("status").inner_text()
    axe_check(page)
