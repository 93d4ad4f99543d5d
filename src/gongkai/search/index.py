"""What other apps call: put objects into the search index, take them out, and search it.

    from gongkai.search.index import index_entry, remove_entry, search

The publishing app indexes a document when it is published (in `transaction.on_commit`) and removes
it when it is withdrawn. `search()` only ever returns entries whose published_at is set and not in
the future, whatever was indexed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.agencies.models import Agency

from . import backends
from .docnumber import doc_number_candidates, normalise_doc_number
from .highlight import highlight, snippet
from .models import SearchEntry
from .segment import segment_joined
from .synonyms import expand, marks

FILTER_FIELDS = ("subject", "genre", "year", "validity", "column")
# Filters search() accepts: the stored filter fields, plus the agency and the kind of object.
SEARCH_FILTERS = ("agency", "kind", *FILTER_FIELDS)
FACETS = ("agency", "year", "kind", "subject", "genre")
KIND_LABELS = {"document": "政府信息", "interpretation": "政策解读"}
MAX_PER_PAGE = 100
# Above this many matches a query is "broad": counted only up to here, title matches ranked, the rest
# newest first, no facets — so that it still answers in milliseconds on a large catalog.
BROAD = 2000
TITLE_TIER = 200


@dataclass(frozen=True)
class Entry:
    """One object to index; what a re-indexer yields (see `registry.py`)."""

    kind: str
    obj_id: str | int
    agency_id: int | None
    title: str
    url: str
    published_at: datetime | None
    doc_number: str = ""
    body: str = ""
    extra_text: str = ""
    filters: dict = field(default_factory=dict)


def _row(entry: Entry) -> SearchEntry:
    unknown = set(entry.filters) - set(FILTER_FIELDS)
    if unknown:
        raise ValueError(f"unknown search filter fields: {sorted(unknown)}")
    filters = {name: str(entry.filters.get(name) or "") for name in FILTER_FIELDS}
    if not filters["year"] and entry.published_at:
        filters["year"] = str(timezone.localtime(entry.published_at).year)
    doc_number = normalise_doc_number(entry.doc_number)
    text = "\n".join(part for part in (entry.body, entry.extra_text) if part)
    return SearchEntry(
        kind=entry.kind,
        object_id=str(entry.obj_id),
        agency_id=entry.agency_id,
        title=entry.title,
        doc_number=doc_number,
        url=entry.url,
        published_at=entry.published_at,
        text=text,
        title_tokens=segment_joined(f"{entry.title} {doc_number}"),
        text_tokens=segment_joined(text),
        **filters,
    )


_UPDATE_FIELDS = [
    "agency",
    "title",
    "doc_number",
    "url",
    "published_at",
    "text",
    "title_tokens",
    "text_tokens",
    "indexed_at",
    *FILTER_FIELDS,
]


def index_entries(entries: Iterable[Entry], *, batch_size: int = 500) -> int:
    """Insert or update many entries (keyed by kind and object id); returns how many."""
    count, batch = 0, []
    now = timezone.now()
    for entry in entries:
        row = _row(entry)
        row.indexed_at = now
        batch.append(row)
        if len(batch) >= batch_size:
            count += _upsert(batch)
            batch = []
    if batch:
        count += _upsert(batch)
    return count


def _upsert(rows: list[SearchEntry]) -> int:
    SearchEntry.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_UPDATE_FIELDS,
    )
    return len(rows)


def index_entry(
    kind: str,
    obj_id: str | int,
    *,
    agency_id: int | None,
    title: str,
    doc_number: str = "",
    body: str = "",
    extra_text: str = "",
    url: str,
    published_at: datetime | None,
    filters: dict | None = None,
) -> None:
    """Insert or update the entry of one object. Call it in transaction.on_commit after a change."""
    index_entries(
        [
            Entry(
                kind=kind,
                obj_id=obj_id,
                agency_id=agency_id,
                title=title,
                doc_number=doc_number,
                body=body,
                extra_text=extra_text,
                url=url,
                published_at=published_at,
                filters=dict(filters or {}),
            )
        ]
    )


def remove_entry(kind: str, obj_id: str | int) -> bool:
    """Take one object out of the index; True if it was there."""
    deleted, _ = SearchEntry.objects.filter(kind=kind, object_id=str(obj_id)).delete()
    return bool(deleted)


# --- searching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: str
    url: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    doc_number: str
    agency_name: str
    published_at: datetime | None
    doc_number_match: bool  # found by its exact 文号, so shown first

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: list[str]
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetValue]]
    more: bool = False  # total is a lower bound: there are more matches than were counted

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.hits else 0


def _conditions(filters: dict, agencies: list[int] | None = None) -> tuple[list[str], list]:
    """SQL conditions every result must meet: published, of the agencies (when given), and the
    filters asked for."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    where, params = ["e.published_at IS NOT NULL", "e.published_at <= %s"], [now]
    if agencies is not None:
        where.append(f"e.agency_id IN ({', '.join(['%s'] * len(agencies))})" if agencies else "1 = 0")
        params.extend(int(pk) for pk in agencies)
    for name, value in filters.items():
        if name not in SEARCH_FILTERS:
            raise ValueError(f"unknown search filter: {name}")
        if value in (None, ""):
            continue
        column = "agency_id" if name == "agency" else name
        where.append(f'e."{column}" = %s')
        params.append(int(value) if name == "agency" else str(value))
    return where, params


def _exact_doc_numbers(q: str, filters: dict, agencies: list[int] | None = None) -> list[int]:
    candidates = doc_number_candidates(q)
    if not candidates:
        return []
    qs = SearchEntry.objects.filter(doc_number__in=candidates, published_at__lte=timezone.now())
    if agencies is not None:
        qs = qs.filter(agency_id__in=agencies)
    for name, value in filters.items():
        if value not in (None, ""):
            qs = qs.filter(**{"agency_id" if name == "agency" else name: value})
    return list(qs.order_by("-published_at", "-id").values_list("id", flat=True)[:MAX_PER_PAGE])


def search(
    q: str,
    *,
    filters: dict | None = None,
    agencies: Iterable[int] | None = None,
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    """Full-text search of published entries: 文号 matches first, then by relevance.

    A query is segmented exactly as the index was, and every term must match (AND); a word of the
    synonym list (data/synonyms.txt) matches any word of its group (OR). Filters are
    equality on agency (id), kind, subject, genre, year, validity, column. Page numbers start at 1;
    a page past the end is empty. A fixed number of queries, whatever the page size. `agencies`
    (ids) limits the results to those agencies' entries: a site's (网站群).
    """
    agencies = None if agencies is None else list(agencies)
    q = (q or "").strip()
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    terms = expand(q)  # clauses: the query's terms, each with its synonyms (data/synonyms.txt)
    if not terms:
        return SearchResults(q, [], [], 0, page, per_page, {})

    where, params = _conditions(filters, agencies)
    exact = _exact_doc_numbers(q, filters, agencies)
    _exclude(where, params, exact)

    with backends.planner_hints():
        matched = backends.count(terms, where, params, cap=BROAD + 1)
        broad = matched > BROAD
        if broad:
            # Too many matches to rank them all quickly: title matches by relevance, then the rest newest first.
            leading = exact + backends.ranked_ids(terms, where, params, limit=TITLE_TIER, title_only=True)
            _exclude(where, params, leading[len(exact) :])
            facets: dict[str, list[FacetValue]] = {}
        else:
            leading = exact
            facets = _facets(backends.grouped_counts(terms, where, params))
        offset = (page - 1) * per_page
        page_ids = leading[offset : offset + per_page]
        if len(page_ids) < per_page:
            rest = backends.recent_ids if broad else backends.ranked_ids
            page_ids += rest(
                terms, where, params, limit=per_page - len(page_ids), offset=max(0, offset - len(leading))
            )
    rows = SearchEntry.objects.select_related("agency").in_bulk(page_ids)
    # Each term is a substring of the normalised text it was cut from: the terms (synonyms' too) are what to mark.
    marked = marks(terms)
    hits = [_hit(rows[pk], marked, pk in exact) for pk in page_ids if pk in rows]
    return SearchResults(q, marked, hits, len(exact) + matched, page, per_page, facets, more=broad)


def _exclude(where: list[str], params: list, ids: list[int]) -> None:
    if ids:
        where.append(f"e.id NOT IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)


def _hit(entry: SearchEntry, marks: list[str], by_doc_number: bool) -> Hit:
    return Hit(
        kind=entry.kind,
        object_id=entry.object_id,
        url=entry.url,
        title=entry.title,
        title_html=mark_safe(highlight(entry.title, marks)),  # highlight() escapes
        snippet_html=mark_safe(snippet(entry.text, marks)),  # snippet() escapes
        doc_number=entry.doc_number,
        agency_name=entry.agency.name if entry.agency else "",
        published_at=entry.published_at,
        doc_number_match=by_doc_number,
    )


def _facets(groups: list[tuple]) -> dict[str, list[FacetValue]]:
    """Counts per agency, year, kind, subject and genre, over the full-text matches.

    The few exact 文号 matches are counted in the total but not in the facets (a cheap omission:
    counting them would cost a query for at most a handful of entries).
    """
    counters = {name: Counter() for name in FACETS}
    for agency_id, year, kind, subject, genre, count in groups:
        for name, value in zip(FACETS, (agency_id, year, kind, subject, genre), strict=True):
            if value not in (None, ""):
                counters[name][value] += count
    names = dict(Agency.objects.filter(pk__in=counters["agency"]).values_list("pk", "name"))
    labels = {"agency": lambda v: names.get(v, ""), "kind": lambda v: KIND_LABELS.get(v, v)}
    facets = {}
    for name, counter in counters.items():
        label = labels.get(name, str)
        values = [FacetValue(str(v), label(v), n) for v, n in counter.most_common()]
        facets[name] = sorted(values, key=lambda f: f.value, reverse=True) if name == "year" else values
    return facets
