"""The one place that knows how each database does full-text search.

Everything else speaks in segmented terms (see `segment.py`) and plain SQL conditions on
`search_searchentry e`. This module adds, per vendor, the join that matches the terms and the
expression that ranks the matches:

- SQLite: FTS5 table `search_fts` (rowid = entry id); every term is quoted as an FTS5 string, and
  strings side by side mean AND. Ranked by bm25 with title tokens weighted 10× the text tokens.
- PostgreSQL: generated column `search_vector` with a GIN index; the terms go through
  plainto_tsquery('simple', …) — the same parser that built the vector — so AND of the same
  tokens. Ranked by ts_rank_cd with weight A (title) 1.0 against B (text) 0.1.

Both come from migrations 0002–0004 (PostgreSQL's stored title vector `title_vector` with its own GIN index).

Ranking every match costs about a microsecond a row on SQLite and more on PostgreSQL, so for broad
queries (thousands of matches) `search()` ranks only the title matches by relevance and lists the rest
newest-indexed first, which both databases can stream with LIMIT; see `index.search`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction


@dataclass(frozen=True)
class Match:
    join: str  # SQL joined after "FROM search_searchentry e"
    join_params: list
    condition: str
    condition_params: list
    rank: str  # ORDER BY expression, best first


def fts5_query(terms: list[str]) -> str:
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def match(terms: list[str], *, title_only: bool = False) -> Match:
    if connection.vendor == "sqlite":
        query = fts5_query(terms)
        return Match(
            join="JOIN search_fts ON search_fts.rowid = e.id",
            join_params=[],
            condition="search_fts MATCH %s",
            condition_params=["{title_tokens}: (" + query + ")" if title_only else query],
            rank="bm25(search_fts, 10.0, 1.0)",
        )
    if connection.vendor == "postgresql":
        vector = "e.title_vector" if title_only else "e.search_vector"
        return Match(
            join="CROSS JOIN plainto_tsquery('simple', %s) AS tsq",
            join_params=[" ".join(terms)],
            condition=f"{vector} @@ tsq",
            condition_params=[],
            rank=f"ts_rank_cd('{{0.1, 0.1, 0.1, 1.0}}', {vector}, tsq) DESC",
        )
    raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")


def _query(m: Match, where: list[str], params: list) -> tuple[str, list]:
    conditions = " AND ".join([m.condition, *where])
    sql = f"FROM search_searchentry e {m.join} WHERE {conditions}"
    return sql, [*m.join_params, *m.condition_params, *params]


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@contextmanager
def planner_hints() -> Iterator[None]:
    """Wrap the queries of one search.

    PostgreSQL underestimates what `search_vector @@ query` costs per row (the vector is read from
    TOAST), so for a LIMITed broad query it picks a sequential scan that is 2-3x slower than the GIN
    bitmap scan (measured: 38 ms against 16 ms at 100,000 entries). Steer it, for these queries only.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("RESET enable_seqscan")


def count(terms: list[str], where: list[str], params: list, *, cap: int) -> int:
    """How many entries match, counting no further than `cap` (so broad queries stay cheap)."""
    body, body_params = _query(match(terms), where, params)
    return _fetch(f"SELECT COUNT(*) FROM (SELECT 1 {body} LIMIT %s) AS capped", [*body_params, cap])[0][0]


def ranked_ids(
    terms: list[str], where: list[str], params: list, *, limit: int, offset: int = 0, title_only: bool = False
) -> list[int]:
    """Ids of matching entries, most relevant first."""
    m = match(terms, title_only=title_only)
    body, body_params = _query(m, where, params)
    sql = f"SELECT e.id {body} ORDER BY {m.rank}, e.published_at DESC, e.id DESC LIMIT %s OFFSET %s"
    return [row[0] for row in _fetch(sql, [*body_params, limit, offset])]


def recent_ids(terms: list[str], where: list[str], params: list, *, limit: int, offset: int) -> list[int]:
    """Ids of matching entries, newest-indexed first: streamed, so cheap however many match."""
    m = match(terms)
    body, body_params = _query(m, where, params)
    order = "search_fts.rowid DESC" if connection.vendor == "sqlite" else "e.id DESC"
    return [
        row[0]
        for row in _fetch(
            f"SELECT e.id {body} ORDER BY {order} LIMIT %s OFFSET %s", [*body_params, limit, offset]
        )
    ]


def grouped_counts(terms: list[str], where: list[str], params: list) -> list[tuple]:
    """(agency_id, year, kind, subject, genre, count) over all matches: the facets."""
    body, body_params = _query(match(terms), where, params)
    sql = f"SELECT e.agency_id, e.year, e.kind, e.subject, e.genre, COUNT(*) {body} GROUP BY 1, 2, 3, 4, 5"
    return _fetch(sql, body_params)
