"""Events to handle, for the handling tests. The events part (op-events) owns how events are made
from posts; until its actions exist these build the rows directly, as its clustering would leave them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.opinion.models import Event, Post, Source
from tests.conftest import PASSWORD


def analyst(agency, username="zhoumin", full_name="周敏"):
    return create_staff(
        None, username=username, password=PASSWORD, agency=agency, full_name=full_name,
        roles=[Role.OPINION_ANALYST],
    )  # fmt: skip


def make_event(
    owner, title="城关镇某小区停水三天无人管", *, hours_ago: float = 1, posts: int = 3, **fields
) -> Event:
    now = timezone.now()
    first = now - timedelta(hours=hours_ago)
    source, _ = Source.objects.get_or_create(
        owner=owner, name="本地论坛", defaults={"kind": "feed", "category": "forum", "weight": 1.0}
    )
    event = Event.objects.create(
        owner=owner, title=title, keywords=fields.pop("keywords", ["停水", "小区"]), first_seen_at=first,
        last_seen_at=now, created_at=first, post_count=posts, **fields,
    )  # fmt: skip
    for i in range(posts):
        Post.objects.create(
            source=source, external_id=f"{event.pk}-{i}", content_hash=f"{event.pk}-{i}", title=f"{title}（{i}）",
            body=title, published_at=first + timedelta(minutes=i), event=event, sentiment="negative",
        )  # fmt: skip
    return event


@pytest.fixture
def zhou_min(county):
    """舆情员 of 县政府办公室, which monitors the county's opinion."""
    return analyst(county.office)
