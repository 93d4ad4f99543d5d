"""Sources, posts and events of 县财政局 for the events tests and the scope test.

Posts are stored with `objects.create` and then go through the real clustering stage
(`cluster_posts`): the collection action of 舆情 is built beside this part; when it is there the
posts can be stored through it instead."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from gongkai.agencies.models import Role, Staff
from gongkai.opinion.actions_events import cluster_posts
from gongkai.opinion.models import Event, Post, Source
from tests.opinion.events_texts import CANTEEN

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 1, 8, 0, tzinfo=SH)


def analyst(county) -> Staff:
    """吴华, opinion analyst (舆情员) of 县财政局."""
    from tests.conftest import _person

    return Staff.objects.filter(username="wuhua").first() or _person(
        "wuhua", "吴华", county.finance, Role.OPINION_ANALYST
    )


def source(agency, name: str = "示范论坛", *, weight: float = 1.0, category: str = "forum") -> Source:
    return Source.objects.get_or_create(
        owner=agency, name=name, defaults={"kind": "vendor", "category": category, "weight": weight}
    )[0]


def post(src: Source, title: str, body: str = "", *, at: datetime = T0, **fields) -> Post:
    text = f"{title}\n{body}\n{at.isoformat()}\n{fields.get('external_id', '')}"
    return Post.objects.create(
        source=src,
        title=title,
        body=body,
        published_at=at,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        **fields,
    )


def posts(src: Source, items, *, start: datetime = T0, step: timedelta = timedelta(minutes=10), **fields):
    return [post(src, title, body, at=start + i * step, **fields) for i, (title, body) in enumerate(items)]


def finance_event(county) -> Event:
    """An event of 县财政局 about the canteen of the 实验小学 (found again when asked twice)."""
    existing = Event.objects.filter(owner=county.finance, title__contains="食堂").first()
    if existing:
        return existing
    src = source(county.finance, "财政舆情监测")
    rows = posts(src, CANTEEN)
    cluster_posts(rows)
    return Event.objects.get(pk=Post.objects.get(pk=rows[0].pk).event_id)
