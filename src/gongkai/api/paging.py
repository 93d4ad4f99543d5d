"""Cursor paging for every list of the API: `?limit=&cursor=`; the answer carries `next_cursor`.

A cursor is the sort key of the last row given (keyset paging: deep pages cost what the first one
does, and rows added meanwhile never shift a page). It is signed, so a client cannot forge or edit
one, and bound to its list, so a cursor of one list is refused by another."""

from __future__ import annotations

from django.core import signing
from django.db.models import Q, QuerySet
from ninja import Schema

from .errors import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class PageParams(Schema):
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(
            422,
            "invalid_input",
            f"每页条数 limit 应在1至{MAX_LIMIT}之间",
            fields={"limit": f"应在1至{MAX_LIMIT}之间"},
        )
    return limit


def _after(keys: tuple[str, ...], values: list) -> Q:
    """Rows after the one with `values` in the order `keys` ("-field" descending)."""
    q = Q()
    for i, key in enumerate(keys):
        name = key.lstrip("-")
        step = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": values[i]})
        for prior, value in zip(keys[:i], values[:i], strict=False):
            step &= Q(**{prior.lstrip("-"): value})
        q |= step
    return q


def page(queryset: QuerySet, *, list_name: str, keys: tuple[str, ...], limit: int, cursor: str | None):
    """(rows, next_cursor) of one page of `queryset`, ordered by `keys` (the last one unique, e.g. -pk)."""
    limit = check_limit(limit)
    salt = f"gongkai.api.cursor:{list_name}"
    queryset = queryset.order_by(*keys)
    if cursor:
        try:
            raw = signing.loads(cursor, salt=salt)
            model = queryset.model
            values = [
                model._meta.get_field(k.lstrip("-")).to_python(v) for k, v in zip(keys, raw, strict=True)
            ]
        except Exception as exc:  # a forged, damaged or foreign cursor: one answer
            raise ApiError(
                400,
                "bad_cursor",
                "分页游标 cursor 无效：请使用上一页返回的 next_cursor，或去掉 cursor 从第一页开始",
            ) from exc
        queryset = queryset.filter(_after(keys, values))
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if not more:
        return rows, None
    last = rows[-1]
    values = [_plain(getattr(last, k.lstrip("-"))) for k in keys]
    return rows, signing.dumps(values, salt=salt, compress=True)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def check_params(request, allowed: tuple[str, ...]) -> None:
    """Refuse query parameters the list does not know (a typo must not silently widen the list)."""
    unknown = sorted(set(request.GET) - set(allowed) - {"limit", "cursor"})
    if unknown:
        raise ApiError(
            400,
            "unknown_parameter",
            f"不认识的查询参数：{'、'.join(unknown)}；可用的参数：{'、'.join((*allowed, 'limit', 'cursor'))}",
            fields={name: "不认识的查询参数" for name in unknown},
        )
