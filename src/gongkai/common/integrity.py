"""Hashes of published public pages, and the check that what is served is what was published.

The page cache records, for every page without a query string it stores, the SHA-256 of the bytes and
the publication generation (`record_page`). `verify_pages` then looks at each recorded page:

- the copy served now — fetched from `base_url` (nginx, a load balancer) when given, otherwise the
  copy in the page cache for the current generation — must hash to the record;
- a fresh rendering from the database, when the record belongs to the current generation (no
  publication since), must hash to the record too: a page that changed without a publication was
  changed outside gongkai's actions (an edited database row or template).

Pages not viewed since the last publication have no record for the current generation; they are
counted, not reported.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PublishedPage


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def record_page(host: str, path: str, content: bytes) -> None:
    """Remember the hash of a page just rendered into the page cache."""
    from .pagecache import generation

    digest, gen = sha256(content), generation.current()
    values = {"sha256": digest, "generation": gen, "published_at": timezone.now()}
    if PublishedPage.objects.filter(host=host, path=path, sha256=digest, generation=gen).exists():
        return
    if PublishedPage.objects.filter(host=host, path=path).update(**values):
        return
    try:
        with transaction.atomic():
            PublishedPage.objects.create(host=host, path=path, **values)
    except IntegrityError:  # another worker recorded the same page at the same instant
        PublishedPage.objects.filter(host=host, path=path).update(**values)


@dataclass(frozen=True)
class Difference:
    url: str
    what: str  # Chinese, for the report
    expected: str
    found: str


def _render(host: str, path: str) -> tuple[int, bytes]:
    from django.test import Client

    from .pagecache import BYPASS

    response = Client().get(path, HTTP_HOST=host, secure=True, **{BYPASS: "1"})
    return response.status_code, response.content


def _fetch(base_url: str, host: str, path: str) -> tuple[int, bytes]:
    request = urllib.request.Request(base_url.rstrip("/") + path, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _cached(host: str, path: str) -> bytes | None:
    from django.core.cache import caches

    from .pagecache import ALIAS, generation, key_for

    stored = caches[ALIAS].get(key_for(host, path, "", generation.current()))
    return None if stored is None else stored[2]


def verify_pages(*, base_url: str = "", hosts=None, fresh_since=None) -> tuple[int, int, list[Difference]]:
    """(pages checked, pages not viewed since the last publication, differences).

    `hosts` limits the check to the pages of those host names (one site of the 网站群);
    `fresh_since` skips the second rendering of pages recorded at or after that moment (a crawl that
    has just rendered them from the database, as the website self-inspection does)."""
    from .pagecache import generation

    current = generation.current()
    checked = unviewed = 0
    differences: list[Difference] = []
    pages = PublishedPage.objects.order_by("host", "path")
    if hosts is not None:
        pages = pages.filter(host__in=list(hosts))
    for page in pages.iterator():
        url = f"{page.host}{page.path}"
        checked += 1
        if base_url:
            status, served = _fetch(base_url, page.host, page.path)
            if status != 200 or sha256(served) != page.sha256:
                if page.generation == current:
                    differences.append(
                        Difference(url, "对外提供的页面与发布时不同", page.sha256, _label(status, served))
                    )
        else:
            served = _cached(page.host, page.path)
            if served is not None and sha256(served) != page.sha256:
                differences.append(Difference(url, "缓存中的页面与发布时不同", page.sha256, sha256(served)))
        if page.generation != current:
            unviewed += 1
            continue
        if fresh_since is not None and page.published_at >= fresh_since:
            continue
        status, fresh = _render(page.host, page.path)
        if status != 200 or sha256(fresh) != page.sha256:
            differences.append(
                Difference(
                    url, "页面内容在没有发布操作的情况下发生了变化", page.sha256, _label(status, fresh)
                )
            )
    return checked, unviewed, differences


def _label(status: int, content: bytes) -> str:
    return sha256(content) if status == 200 else f"HTTP {status}"


def clear_records() -> int:
    """Forget every record (after an upgrade changed the templates); the cache starts afresh."""
    from .pagecache import bump_now

    count, _ = PublishedPage.objects.all().delete()
    bump_now()
    return count
