"""Every public and staff page sends a strict Content-Security-Policy, and answers HEAD like GET."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import get_resolver, reverse

from gongkai.demo import county as demo_county
from gongkai.demo import publishing as demo_publishing
from tests.agencies.test_scope_urls import _walk
from tests.scope_registry import STAFF_URLS

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "gongkai"
SKIP = ("/admin/", "/workbench/", "/static/", "/media/")


def assert_strict_policy(response, path: str) -> None:
    policy = response.get("Content-Security-Policy", "")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    # 'self', plus at most this response's nonce (pages with the editor's import map).
    assert re.fullmatch(r"'self'( 'nonce-[A-Za-z0-9+/=]{16,}')?", directives.get("script-src", "")), (
        path,
        policy,
    )
    assert directives.get("style-src") == "'self'", (path, policy)
    assert directives.get("object-src") == "'none'" and directives.get("frame-ancestors") == "'none'", path
    assert "unsafe" not in policy, (path, policy)


def assert_head_like_get(client, path: str, get) -> None:
    head = client.head(path)
    assert head.status_code == get.status_code, path
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert body == b"", path
    assert head.get("Content-Type") == get.get("Content-Type"), path
    if not get.streaming:
        assert head.get("Content-Length") == str(len(get.content)), path


def test_no_template_has_inline_script_style_or_handlers():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)
    found = [
        f"{path.relative_to(TEMPLATES)}: {m.group(0)}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for m in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.fixture
def demo_site(db):
    agencies = demo_county.build_county()
    demo_publishing.build_publishing(agencies, generated=3)


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_every_public_page_has_the_policy_and_answers_head(client, demo_site):
    # The public pages with no parameter, then whatever they link to (two of each kind of page).
    start = [
        "/" + route
        for name, _cb, route in _walk(get_resolver().url_patterns)
        if "<" not in route
        and not route.startswith(("admin/", "workbench/", "api/"))  # api/: JSON, tests/api
    ]
    queue, seen, kinds, checked = deque(start), set(), {}, 0
    while queue and checked < 80:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        get = client.get(path)
        if get.status_code in (301, 302):
            continue
        if get.status_code == 405:  # a POST-only endpoint (the 12345 tickets API): HEAD is refused too
            assert "GET" not in get["Allow"] and client.head(path).status_code == 405, path
            continue
        assert get.status_code == 200, path
        checked += 1
        if get.get("Content-Type", "").startswith("text/html"):
            assert_strict_policy(get, path)
            for href in _links(get.content.decode()):
                href = urldefrag(href).url.replace("&amp;", "&")
                parsed = urlparse(href)
                if parsed.netloc or not parsed.path.startswith("/") or parsed.path.startswith(SKIP):
                    continue
                kind = re.sub(r"\d+", "#", parsed.path)
                if kinds.setdefault(kind, 0) < 2:
                    kinds[kind] += 1
                    queue.append(href)
        assert_head_like_get(client, path, get)
    assert checked >= 15, sorted(seen)


@pytest.fixture
def people(li_ming, zhao_qiang, chen_jing):
    return {"owner": li_ming, "supervisor": zhao_qiang, "outsider": chen_jing}


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_every_staff_page_has_the_policy_and_answers_head(client, county, people, name):
    kwargs, _ = STAFF_URLS[name](county, people)
    client.force_login(people["supervisor"])
    path = reverse(name, kwargs=kwargs)
    get = client.get(path)
    assert get.status_code == 200
    if get.get("Content-Type", "").startswith("text/html"):
        assert_strict_policy(get, path)
    assert_head_like_get(client, path, get)


def test_head_changes_nothing_on_a_post_only_view(client, county, li_ming):
    client.force_login(li_ming)
    assert client.head(reverse("workbench:logout")).status_code == 405
    assert client.get(reverse("workbench:home")).status_code == 200  # still logged in
