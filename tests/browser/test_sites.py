# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""网站群 in a real browser: one live server, several host names (*.localhost resolves to this
machine), each with its own home page, documents and footer; an unknown host gets the Chinese page."""

import os
from urllib.parse import urlsplit

import pytest

from gongkai.portal.actions import create_site, update_site
from gongkai.portal.models import Site
from tests.publishing.builders import published, team  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "示范县财政局关于公开2026年部门预算的通知"


def test_two_sites_on_one_server(page, axe_check, team, county, tmp_path):
    portal = Site.objects.filter(is_default=True).first()  # the migration's, unless a flush removed it
    if portal:
        update_site(None, portal, agency=county.government)
    else:
        create_site(None, name="示范县人民政府", code="3709990001", agency=county.government, is_default=True)
    create_site(
        None, name="示范县财政局", code="3709990002", hosts=["czj.localhost"], agency=county.finance,
        icp="示ICP备20260002号", psr="示公网安备 37099902000002号",
    )  # fmt: skip
    doc = published(team, title=TITLE, doc_number="示财发〔2026〕9号")
    port = urlsplit(page.base).port
    finance, unknown = f"http://czj.localhost:{port}", f"http://nosuch.localhost:{port}"

    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(finance + "/")
        assert page.title().startswith("示范县财政局")
        assert page.locator(".home-block-latest").get_by_role("link", name=TITLE).is_visible()
        footer = page.locator("footer")
        assert "网站标识码：3709990002" in footer.inner_text() and "示ICP备20260002号" in footer.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        axe_check(page)
        if os.environ.get("GONGKAI_SCREENSHOTS"):
            page.screenshot(path=f"{os.environ['GONGKAI_SCREENSHOTS']}/site-czj-{width}.png", full_page=True)

    page.goto(finance + doc.get_absolute_url())
    assert page.locator("h1").inner_text() == TITLE

    page.goto(page.base + "/catalog/")  # the county portal lists its department's document too
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert "示范县人民政府" in page.title() and "3709990002" not in page.locator("footer").inner_text()

    response = page.goto(unknown + "/")
    assert response.status == 404 and "网站不存在" in page.locator("h1").inner_text()
    axe_check(page)
