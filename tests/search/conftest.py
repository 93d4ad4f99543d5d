"""Indexing helpers for the search tests: entries go in through the real API, index_entry()."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from gongkai.search.index import index_entry

_serial = iter(range(1, 1_000_000))


def put(
    county_agency,
    title: str,
    *,
    body: str = "",
    doc_number: str = "",
    kind: str = "document",
    published_at: datetime | None = "now",
    extra_text: str = "",
    **filters,
) -> str:
    """Index one entry and return its object id."""
    obj_id = str(next(_serial))
    index_entry(
        kind,
        obj_id,
        agency_id=county_agency.pk if county_agency else None,
        title=title,
        doc_number=doc_number,
        body=body,
        extra_text=extra_text,
        url=f"/openness/documents/{obj_id}/",
        published_at=timezone.now() - timedelta(days=1) if published_at == "now" else published_at,
        filters=filters,
    )
    return obj_id


@pytest.fixture
def index(db):
    return put
