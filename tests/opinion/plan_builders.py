"""Builders for the watch-plan tests: an analyst of 县财政局, a source and posts.

Posts are written with objects.create because collection (another part of #13) owns the actions that
store them; everything about plans goes through the plan actions."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.opinion.models import Post, Source
from tests.conftest import PASSWORD


def analyst(agency, username: str = "zhoumin", full_name: str = "周敏"):
    return create_staff(
        None,
        username=username,
        password=PASSWORD,
        agency=agency,
        full_name=full_name,
        roles=[Role.OPINION_ANALYST],
    )


def post(source: Source, title: str, body: str, *, days_ago: float = 1) -> Post:
    return Post.objects.create(
        source=source,
        title=title,
        body=body,
        content_hash=hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(),
        published_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def source(agency) -> Source:
    return Source.objects.get_or_create(owner=agency, name="示范县论坛", kind="feed", category="forum")[0]
