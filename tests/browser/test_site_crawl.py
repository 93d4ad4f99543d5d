"""Crawl the demo site as a citizen and as the county supervisor: every internal link works and every
page passes axe-core. New pages are covered as soon as something links to them."""

from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest

from gongkai.demo import applications as demo_applications
from gongkai.demo import county as demo_county
from gongkai.demo import publishing as demo_publishing
from tests.browser.fixtures import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages reached by following links; several of each list/detail kind is enough.
MAX_PAGES = 45
PER_KIND = 2
SKIP = (
    "/admin/",
    "/workbench/logout/",
    "/static/",
    "/media/",
    "/feeds/",
    "/sitemap.xml",
    ".docx",
    ".xlsx",
    ".csv",
    ".json",  # data downloads (scorecards), not pages
    ".jsonld",  # the open-data catalog in DCAT (downloads, tested in tests/opendata/test_dcat.py)
    ".rdf",
    "/api/",  # the JSON API: tests/api
)


# Pages checked by axe in every display mode (normal, 大字版, 高对比度): one of each kind of page —
# list, document, form, guide, table-heavy workbench list (search results: test_display_modes.py). Every other page: normal mode only, which
# keeps the crawl's time bounded (each mode costs a reload and an axe run).
ALL_MODES = {
    "/",
    "/catalog/",
    "/documents/#/#/",  # /documents/<credit code>/<year-serial>/
    "/openness/guide/",
    "/applications/apply/",
    "/applications/status/",
    "/workbench/",
    "/workbench/publishing/",
    "/workbench/applications/",
}


@pytest.fixture
def demo_site(db):
    agencies = demo_county.build_county()
    demo_publishing.build_publishing(agencies, generated=12)
    demo_applications.build_applications()


def _kind(path: str) -> str:
    """/documents/123/ and /documents/456/ are one kind of page."""
    return "/".join("#" if any(c.isdigit() for c in part) else part for part in path.split("/"))


def crawl(page, axe_check, start: str, prefix: str, axe_check_modes=None) -> list[str]:
    base = page.base
    seen_kinds: dict[str, int] = {}
    queue, visited, broken = deque([start]), set(), []
    checked_in_modes: set[str] = set()
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        response = page.goto(base + path)
        if response is None or response.status >= 400:
            broken.append(f"{path} → {response.status if response else '无响应'}")
            continue
        kind = _kind(urlparse(path).path)
        if axe_check_modes and kind in ALL_MODES and kind not in checked_in_modes:
            checked_in_modes.add(kind)
            axe_check_modes(page)
        else:
            axe_check(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            link = urldefrag(href)[0]
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or not link.startswith(prefix) or any(s in link for s in SKIP):
                continue
            kind = _kind(parsed.path)
            if link not in visited and seen_kinds.get(kind, 0) < PER_KIND:
                seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
                queue.append(link)
    assert broken == [], f"broken internal links: {broken}"
    return sorted(visited)


def test_public_site_then_workbench_as_supervisor(page, axe_check, axe_check_modes, demo_site):
    """One test for both crawls: building the demo site is the costly part, so it is built once."""
    visited = crawl(page, axe_check, "/", "/", axe_check_modes)
    assert len(visited) >= 10
    assert any(p.startswith("/documents/") for p in visited)
    public_kinds = {kind for kind in ALL_MODES if not kind.startswith("/workbench/")}
    assert public_kinds <= {_kind(urlparse(p).path) for p in visited}  # each checked in every mode

    login(page, demo_county.demo_username("xzfb", "supervisor"), demo_county.DEMO_PASSWORD)
    visited = crawl(page, axe_check, "/workbench/", "/workbench/", axe_check_modes)
    assert len(visited) >= 10
