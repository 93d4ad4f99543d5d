"""The one place that knows how each database does full-text search.

Everything else speaks in query clauses (see `synonyms.expand`: every clause must match, any one
alternative of a clause may, and an alternative is segmented terms that must all match) and plain SQL
conditions on `search_searchentry e`. This module adds, per vendor, the join that matches the
clauses and the expression that ranks the matches:

- SQLite: FTS5 table `search_fts` (rowid = entry id); every term is quoted as an FTS5 string,
  terms and clauses are joined by AND, the alternatives of a clause by OR. Ranked by bm25
  with title tokens weighted 10× the text tokens.
- PostgreSQL: generated column `search_vector` with a GIN index; each alternative goes through
  plainto_tsquery('simple', …) — the same parser that built the vector — so AND of the same
  tokens; alternatives are combined with `||`, clauses with `&&`. Ranked by ts_rank_cd with weight
  A (title) 1.0 against B (text) 0.1.

Either way an interpretation's relevance is scaled by `KIND_WEIGHTS` (0.5): an interpretation
repeats its document's title and talks about the same words at length, and a citizen searching for
them is looking for the document first, the explanation second.

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


Clause = tuple[tuple[str, ...], ...]
Terms = list[str] | list[Clause]

# Relevance multiplier per kind of entry (1.0 for any kind not named).
KIND_WEIGHTS = {"interpretation": 0.5}


def clauses_of(terms: Terms) -> list[Clause]:
    """Plain terms (each must match) as clauses; clauses as they are."""
    return [((term,),) if isinstance(term, str) else term for term in terms]


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(terms: Terms) -> str:
    parts = []
    for clause in clauses_of(terms):
        alternatives = [" AND ".join(_fts5_string(term) for term in alternative) for alternative in clause]
        parts.append(
            alternatives[0]
            if len(alternatives) == 1
            else "(" + " OR ".join(f"({a})" for a in alternatives) + ")"
        )
    return " AND ".join(parts)  # explicit: FTS5 has no implicit AND next to a parenthesised group


def _tsquery(terms: Terms) -> tuple[str, list[str]]:
    """A tsquery expression and its parameters: && between clauses, || between alternatives."""
    sql, params = [], []
    for clause in clauses_of(terms):
        sql.append("(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(clause)) + ")")
        params.extend(" ".join(alternative) for alternative in clause)
    return " && ".join(sql), params


def _weighted(rank: str) -> str:
    cases = " ".join(f"WHEN '{kind}' THEN {weight}" for kind, weight in KIND_WEIGHTS.items())
    return f"({rank}) * (CASE e.kind {cases} ELSE 1.0 END)"


def match(terms: Terms, *, title_only: bool = False) -> Match:
    if connection.vendor == "sqlite":
        query = fts5_query(terms)
        return Match(
            join="JOIN search_fts ON search_fts.rowid = e.id",
            join_params=[],
            condition="search_fts MATCH %s",
            condition_params=["{title_tokens}: (" + query + ")" if title_only else query],
            # bm25 is negative, better matches more so: scaling towards zero ranks an entry lower.
            rank=_weighted("bm25(search_fts, 10.0, 1.0)"),
        )
    if connection.vendor == "postgresql":
        vector = "e.title_vector" if title_only else "e.search_vector"
        tsquery, params = _tsquery(terms)
        return Match(
            join=f"CROSS JOIN (SELECT {tsquery} AS tsq) AS q",
            join_params=params,
            condition=f"{vector} @@ q.tsq",
            condition_params=[],
            rank=_weighted(f"ts_rank_cd('{{0.1, 0.1, 0.1, 1.0}}', {vector}, q.tsq)") + " DESC",
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


def count(terms: Terms, where: list[str], params: list, *, cap: int) -> int:
    """How many entries match, counting no further than `cap` (so broad queries stay cheap)."""
    body, body_params = _query(match(terms), where, params)
    return _fetch(f"SELECT COUNT(*) FROM (SELECT 1 {body} LIMIT %s) AS capped", [*body_params, cap])[0][0]


def ranked_ids(
    terms: Terms, where: list[str], params: list, *, limit: int, offset: int = 0, title_only: bool = False
) -> list[int]:
    """Ids of matching entries, most relevant first."""
    m = match(terms, title_only=title_only)
    body, body_params = _query(m, where, params)
    sql = f"SELECT e.id {body} ORDER BY {m.rank}, e.published_at DESC, e.id DESC LIMIT %s OFFSET %s"
    return [row[0] for row in _fetch(sql, [*body_params, limit, offset])]


def recent_ids(terms: Terms, where: list[str], params: list, *, limit: int, offset: int) -> list[int]:
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


def grouped_counts(terms: Terms, where: list[str], params: list) -> list[tuple]:
    """(agency_id, year, kind, subject, genre, count) over all matches: the facets."""
    body, body_params = _query(match(terms), where, params)
    sql = f"SELECT e.agency_id, e.year, e.kind, e.subject, e.genre, COUNT(*) {body} GROUP BY 1, 2, 3, 4, 5"
    return _fetch(sql, body_params)
