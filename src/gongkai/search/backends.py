"""The one place that knows how each database does full-text search.

Everything else speaks in segmented terms (see `segment.py`) and plain SQL conditions on
`search_searchentry e`. This module adds, per vendor, the join that matches the terms and the
expression that ranks the matches:

- SQLite: FTS5 table `search_fts` (rowid = entry id); every term is quoted as an FTS5 string, and
  strings side by side mean AND. Ranked by bm25 with title tokens weighted 10× the text tokens.
- PostgreSQL: generated column `search_vector` with a GIN index; the terms go through
  plainto_tsquery('simple', …) — the same parser that built the vector — so AND of the same
  tokens. Ranked by ts_rank_cd with weight A (title) 1.0 against B (text) 0.1.

Both tables come from migration 0002.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Match:
    join: str  # SQL joined after "FROM search_searchentry e"
    join_params: list
    condition: str
    condition_params: list
    rank: str  # ORDER BY expression, best first


def fts5_query(terms: list[str]) -> str:
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def match(terms: list[str]) -> Match:
    if connection.vendor == "sqlite":
        return Match(
            join="JOIN search_fts ON search_fts.rowid = e.id",
            join_params=[],
            condition="search_fts MATCH %s",
            condition_params=[fts5_query(terms)],
            rank="bm25(search_fts, 10.0, 1.0)",
        )
    if connection.vendor == "postgresql":
        return Match(
            join="CROSS JOIN plainto_tsquery('simple', %s) AS tsq",
            join_params=[" ".join(terms)],
            condition="e.search_vector @@ tsq",
            condition_params=[],
            rank="ts_rank_cd('{0.1, 0.1, 0.1, 1.0}', e.search_vector, tsq) DESC",
        )
    raise NotImplementedError(f"全文检索不支持数据库 {connection.vendor}")


def _query(m: Match, where: list[str], params: list) -> tuple[str, list]:
    conditions = " AND ".join([m.condition, *where])
    sql = f"FROM search_searchentry e {m.join} WHERE {conditions}"
    return sql, [*m.join_params, *m.condition_params, *params]


def ranked_ids(terms: list[str], where: list[str], params: list, *, limit: int, offset: int) -> list[int]:
    """Ids of matching entries, best first, one page of them."""
    m = match(terms)
    body, body_params = _query(m, where, params)
    sql = f"SELECT e.id {body} ORDER BY {m.rank}, e.published_at DESC, e.id DESC LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*body_params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def grouped_counts(terms: list[str], where: list[str], params: list) -> list[tuple]:
    """(agency_id, year, kind, subject, genre, count) over all matches: the total and the facets."""
    m = match(terms)
    body, body_params = _query(m, where, params)
    sql = f"SELECT e.agency_id, e.year, e.kind, e.subject, e.genre, COUNT(*) {body} GROUP BY 1, 2, 3, 4, 5"
    with connection.cursor() as cursor:
        cursor.execute(sql, body_params)
        return cursor.fetchall()
