"""Reading query parameters of list pages within bounds.

A query string is typed by anyone: `?year=99999999999999999999`, `?agency=²`, `?q=%00` must not
reach the database as they are (an integer wider than the column overflows, a NUL byte is refused
by PostgreSQL). Each reader returns a value within its bounds or the "no filter" value, so an
unknown or absurd parameter is ignored and the page is shown unfiltered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from django.http import QueryDict

MAX_ID = 2**63 - 1  # BigAutoField
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def param_int(raw: str | None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """A whole number of ASCII digits within [minimum, maximum], or None."""
    text = (raw or "").strip()
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def param_id(raw: str | None) -> int | None:
    """A primary key: a positive integer that fits the column."""
    return param_int(raw, minimum=1, maximum=MAX_ID)


def param_year(raw: str | None) -> int | None:
    """A calendar year the site can hold (Python dates end at 9999; nothing here predates 1949)."""
    return param_int(raw, minimum=1949, maximum=2100)


def param_text(raw: str | None, *, max_length: int = 100) -> str:
    """Free text for a search box: control characters (NUL included) removed, cut to max_length."""
    return _CONTROL.sub("", raw or "").strip()[:max_length].rstrip()


def param_slug(raw: str | None) -> str:
    """A URL slug (as Django's `slug` converter takes it), or ""."""
    text = (raw or "").strip()
    return text if _SLUG.fullmatch(text) else ""


def clean_query(query: QueryDict, *, max_length: int = 1000) -> QueryDict:
    """The query string for binding a form: control characters removed, each value cut to
    `max_length`, so a form never echoes a NUL byte back; the form's own fields then validate."""
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(
            param_text(key, max_length=100), [param_text(v, max_length=max_length) for v in values]
        )
    return cleaned


def param_choice(raw: str | None, choices: Iterable[str]) -> str:
    """One of `choices`, or "" for anything else."""
    text = (raw or "").strip()
    return text if text in set(choices) else ""


def param_date(raw: str | None) -> date | None:
    """A day written YYYY-MM-DD between 1949 and 2100, or None."""
    text = (raw or "").strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None
    return value if 1949 <= value.year <= 2100 else None


def param_ids(raw: Iterable[str], *, limit: int = 5000) -> list[int]:
    """The valid primary keys among repeated values (`?agency=1&agency=2`), at most `limit` of them."""
    ids = (param_id(value) for value in list(raw)[:limit])
    return sorted({pk for pk in ids if pk is not None})
