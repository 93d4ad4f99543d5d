"""verify_pages for one site of the 网站群 (`hosts`) and without rendering again what a crawl has
just rendered (`fresh_since`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.common import integrity
from gongkai.common.models import PublishedPage


def test_hosts_and_fresh_since_limit_what_is_verified(db, monkeypatch):
    rendered = []
    monkeypatch.setattr(integrity, "_render", lambda host, path: rendered.append((host, path)) or (200, b"x"))
    monkeypatch.setattr(integrity, "_cached", lambda host, path: None)
    from gongkai.common.pagecache import generation

    now, gen = timezone.now(), generation.current()
    digest = integrity.sha256(b"x")
    for host, path, age in [("a.gov.cn", "/", 60), ("a.gov.cn", "/new/", 0), ("b.gov.cn", "/", 60)]:
        PublishedPage.objects.create(
            host=host, path=path, sha256=digest, generation=gen, published_at=now - dt.timedelta(seconds=age)
        )

    checked, unviewed, differences = integrity.verify_pages(
        hosts=["a.gov.cn"], fresh_since=now - dt.timedelta(seconds=1)
    )
    assert (checked, unviewed, differences) == (2, 0, [])
    assert rendered == [("a.gov.cn", "/")]  # b.gov.cn is another site; /new/ was just rendered

    rendered.clear()
    assert integrity.verify_pages()[0] == 3 and len(rendered) == 3
