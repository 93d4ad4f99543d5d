"""The query engine of resource rows: DuckDB over the Parquet file written at upload.

A request never reads the uploaded file: `run(path, schema, query)` asks DuckDB for one page of the
filtered, sorted rows and their count, and `csv_lines` streams them as CSV. Parquet columns are
named c0, c1 … (`ingest.column`), so no user text ever becomes part of the SQL: field names are
looked up in the version's schema and values are bound parameters.

Query parameters (the API and, through `from_preview`, the portal's preview):
  <field>=v            equal            <field>__in=a,b      one of
  <field>__gte=v / __lte / __gt / __lt  range                 <field>__contains=v  text contains
  q=words              full text over the text fields (every word must appear in some text field)
  sort=field,-other    sorting          limit / offset        paging (limit ≤ MAX_LIMIT)
Unknown fields, operators and unparsable values raise `QueryError` with a machine code and a
Chinese message.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .ingest import TYPE_LABELS, column, parse_cell

RESERVED = {"q", "sort", "limit", "offset", "format", "page", "token"}
OPERATORS = {"eq": "=", "in": "IN", "gte": ">=", "lte": "<=", "gt": ">", "lt": "<", "contains": "contains"}
DEFAULT_LIMIT = 20
MAX_LIMIT = 1000
MAX_IN = 100
_local = threading.local()


class QueryError(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


@dataclass
class Query:
    filters: list[tuple[int, str, list]] = field(default_factory=list)  # (field index, op, values)
    words: list[str] = field(default_factory=list)
    sort: list[tuple[int, bool]] = field(default_factory=list)  # (field index, descending)
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass
class Page:
    total: int
    rows: list[tuple]


def _index(schema: list[dict], name: str) -> int:
    for i, f in enumerate(schema):
        if f["name"] == name:
            return i
    raise QueryError("unknown_field", f"未知字段“{name}”，可用字段：{'、'.join(f['name'] for f in schema)}")


def _value(schema: list[dict], i: int, raw: str):
    kind = schema[i]["type"]
    try:
        value = parse_cell(raw, kind)
    except ValueError:
        value = None
    if value is None:
        raise QueryError("bad_value", f"字段“{schema[i]['name']}”的值“{raw[:30]}”不是{TYPE_LABELS[kind]}")
    return value


def _int(raw: str | None, default: int, name: str, *, maximum: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError("bad_paging", f"“{name}”应为非负整数") from None
    if value < 0:
        raise QueryError("bad_paging", f"“{name}”应为非负整数")
    return min(value, maximum)


def parse(schema: list[dict], params: Mapping[str, str]) -> Query:
    """A Query from request parameters (one value each: a QueryDict's last value)."""
    query = Query()
    for key, raw in params.items():
        if key in RESERVED:
            continue
        name, _, op = key.partition("__")
        op = op or "eq"
        i = _index(schema, name)
        if op not in OPERATORS:
            raise QueryError("unknown_operator", f"未知的筛选条件“{op}”，可用：{'、'.join(OPERATORS)}")
        if op == "in":
            items = [v for v in raw.split(",") if v.strip()][:MAX_IN]
            values = [_value(schema, i, v) for v in items]
        elif op == "contains":
            if schema[i]["type"] != "text":
                raise QueryError("unknown_operator", f"“contains”只能用于文本字段，“{name}”不是文本字段")
            values = [raw.strip()]
        else:
            values = [_value(schema, i, raw)]
        if values:
            query.filters.append((i, op, values))
    query.words = [w for w in (params.get("q") or "").split()[:5] if w]
    for part in (params.get("sort") or "").split(","):
        part = part.strip()
        if part:
            query.sort.append((_index(schema, part.lstrip("-")), part.startswith("-")))
    query.limit = _int(params.get("limit"), DEFAULT_LIMIT, "limit", maximum=MAX_LIMIT) or DEFAULT_LIMIT
    query.offset = _int(params.get("offset"), 0, "offset", maximum=10**9)
    return query


def _where(schema: list[dict], query: Query) -> tuple[str, list]:
    clauses, args = [], []
    for i, op, values in query.filters:
        col = column(i)
        if op == "in":
            clauses.append(f"{col} IN ({', '.join('?' * len(values))})")
            args += values
        elif op == "contains":
            clauses.append(f"contains(lower({col}), lower(?))")
            args += values
        else:
            clauses.append(f"{col} {OPERATORS[op]} ?")
            args += values
    texts = [column(i) for i, f in enumerate(schema) if f["type"] == "text"]
    for word in query.words:
        if not texts:
            clauses.append("false")
            continue
        clauses.append("(" + " OR ".join(f"contains(lower({c}), lower(?))" for c in texts) + ")")
        args += [word] * len(texts)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _order(query: Query) -> str:
    keys = [f"{column(i)} {'DESC' if desc else 'ASC'} NULLS LAST" for i, desc in query.sort]
    return " ORDER BY " + ", ".join(keys) if keys else ""


def _connection():
    """One DuckDB connection per thread (a connection is not shared between threads)."""
    con = getattr(_local, "con", None)
    if con is None:
        import duckdb

        con = _local.con = duckdb.connect(config={"threads": 2})
    return con


def count(path: Path, schema: list[dict], query: Query, *, rows_in_file: int | None = None) -> int:
    """The number of rows matching (`rows_in_file` answers when nothing filters)."""
    where, args = _where(schema, query)
    if not where and rows_in_file is not None:
        return rows_in_file
    return (
        _connection()
        .execute(f"SELECT count(*) FROM read_parquet(?){where}", [str(path), *args])
        .fetchone()[0]
    )


def rows(path: Path, schema: list[dict], query: Query) -> list[tuple]:
    """One page of the matching rows, in the query's order."""
    where, args = _where(schema, query)
    cols = ", ".join(column(i) for i in range(len(schema)))
    return (
        _connection()
        .execute(
            f"SELECT {cols} FROM read_parquet(?){where}{_order(query)} LIMIT ? OFFSET ?",
            [str(path), *args, query.limit, query.offset],
        )
        .fetchall()
    )


def run(path: Path, schema: list[dict], query: Query, *, rows_in_file: int | None = None) -> Page:
    return Page(total=count(path, schema, query, rows_in_file=rows_in_file), rows=rows(path, schema, query))


def json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def display(value):
    """A cell as the preview shows it: ISO dates, numbers without a trailing .0."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if not value.second else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def guard_cell(value) -> str:
    """A cell as CSV text; text that a spreadsheet would run as a formula is prefixed with '."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
        return value
    return f"{value:g}" if isinstance(value, float) else str(value)


def csv_lines(path: Path, schema: list[dict], query: Query, *, limit: int | None = None) -> Iterator[str]:
    """The filtered, sorted rows as CSV lines (UTF-8 with BOM for spreadsheet programs)."""
    import csv
    import io

    con = _connection().cursor()  # its own cursor: the stream outlives this call
    where, args = _where(schema, query)
    cols = ", ".join(column(i) for i in range(len(schema)))
    sql = f"SELECT {cols} FROM read_parquet(?){where}{_order(query)}"
    params = [str(path), *args]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    result = con.execute(sql, params)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([f["label"] for f in schema])
    yield "\ufeff" + buf.getvalue()
    while batch := result.fetchmany(5000):
        buf.seek(0)
        buf.truncate()
        for row in batch:
            writer.writerow([guard_cell(v) for v in row])
        yield buf.getvalue()
    con.close()


def chart_series(
    path: Path, schema: list[dict], query: Query, value_index: int
) -> list[tuple[str, float | None]]:
    """Bars for a numeric field: its monthly average when the data has a date field, else its value
    per row of the current page, labelled by the first text field."""
    con = _connection()
    where, args = _where(schema, query)
    col = column(value_index)
    dated = next((i for i, f in enumerate(schema) if f["type"] in ("date", "datetime")), None)
    if dated is not None:
        rows = con.execute(
            f"SELECT strftime(date_trunc('month', {column(dated)}), '%Y-%m') AS m, avg({col}) "
            f"FROM read_parquet(?){where} GROUP BY m HAVING m IS NOT NULL ORDER BY m DESC LIMIT 24",
            [str(path), *args],
        ).fetchall()
        return [(m, None if v is None else round(v, 2)) for m, v in reversed(rows)]
    label = next((i for i, f in enumerate(schema) if f["type"] == "text"), None)
    label_col = column(label) if label is not None else "''"
    rows = con.execute(
        f"SELECT {label_col}, {col} FROM read_parquet(?){where}{_order(query)} LIMIT 20",
        [str(path), *args],
    ).fetchall()
    return [(str(name or ""), None if v is None else float(v)) for name, v in rows]
