"""Live text (文字直播): a page that shows new entries without a reload, by short polls.

A domain (在线访谈, 新闻发布会 …) keeps its entries as rows with an `updated_at` (auto_now, indexed
with the parent) and shows them through one template include; `static/gongkai/live.js` polls a
small JSON endpoint every few seconds, appends or replaces entries in place, and the list is an
`aria-live="polite"` region so screen readers announce each new entry. Without JavaScript the page
is a plain list with a reload link.

Why short polls: gunicorn runs sync workers, so a long poll or an event stream would hold one worker
per viewer. A poll is one short request instead, and most polls end in `304 Not Modified` without a
database query: each feed has a *version* token in the shared "pages" cache (Redis, or files under
var/ that every worker of the machine reads), replaced by `changed(key)` when the transaction that
wrote an entry commits. The ETag is the version plus the cursor the client
will ask from next, so an unchanged feed answers 304 from one cache read. A lost token (eviction, restart) only costs one full answer.

The cursor is the newest `updated_at` the client has, and each answer repeats the last few seconds
(`OVERLAP`) so that an entry whose transaction committed late is not skipped; the script ignores
entries it already shows (same id, same stamp). An entry rendered as None is removed from the page.

How to use (press conferences, for instance):

    # models.py: class LiveEntry(models.Model): conference = FK; updated_at = DateTimeField(auto_now=True)
    #            Meta.indexes = [models.Index(fields=["conference", "updated_at"])]
    # actions:   after saving an entry (or hiding one, or ending the event):
    live.changed(f"press:{conference.pk}")
    # views.py:
    def feed(conference_pk):  # a Feed costs no query until it is read
        return live.Feed(key=f"press:{conference_pk}",
                         entries=LiveEntry.objects.filter(conference_id=conference_pk, conference__public=True),
                         render=lambda e: render_to_string("press/_live_entry.html", {"entry": e}))
    def live_json(request, pk):            # urls: path("<int:pk>/live.json", live_json)  (not @public_page)
        return live.respond(request, feed(pk), done=lambda: not Conference.objects.get(pk=pk).is_live)
    # the page's view: context |= live.page_context(feed(pk), url=reverse(...live_json...), polling=is_live)
    # the template:    {% include "gongkai/live.html" %}   (it loads live.js itself)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.cache import caches
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse

CACHE_ALIAS = "pages"  # shared by every worker: Redis, or files under var/
VERSION_TIMEOUT = 7 * 86400
OVERLAP = timedelta(seconds=10)  # answers repeat this much before the cursor (late commits)
MAX_ENTRIES = 200  # per answer; the client asks again at once when an answer is full
POLL_SECONDS = 4  # the script's base interval; it backs off when nothing changes or the tab is hidden


@dataclass
class Feed:
    """The entries of one live page. `entries` is a lazy queryset (building it costs no query)."""

    key: str
    entries: QuerySet
    render: Callable[[Model], str | None]  # the entry's HTML, or None: remove it from the page
    order: Callable[[Model], int | str] = field(default=lambda entry: entry.pk)
    stamp_field: str = "updated_at"


def _version_key(key: str) -> str:
    return f"gongkai:live:{key}"


def version(key: str) -> str | None:
    return caches[CACHE_ALIAS].get(_version_key(key))


def bump_now(key: str) -> str:
    token = uuid.uuid4().hex[:16]
    caches[CACHE_ALIAS].set(_version_key(key), token, VERSION_TIMEOUT)
    return token


def changed(key: str) -> None:
    """Entries of `key` changed: pollers see it once the current transaction commits."""
    transaction.on_commit(lambda: bump_now(key))


def _ensure_version(key: str) -> str:
    token = version(key)
    if token is None:
        caches[CACHE_ALIAS].add(_version_key(key), uuid.uuid4().hex[:16], VERSION_TIMEOUT)
        token = version(key) or bump_now(key)
    return token


# ---------------------------------------------------------------- cursors


def _stamp(value: datetime) -> int:
    return int(value.timestamp() * 1_000_000)


def _from_stamp(stamp: int) -> datetime:
    return datetime.fromtimestamp(stamp / 1_000_000, tz=UTC)


def parse_cursor(raw: str | None) -> int:
    """The cursor of a request (microseconds since the epoch); 0 for none or nonsense."""
    try:
        value = int(raw or 0)
    except ValueError:
        return 0
    return value if 0 <= value < 10**17 else 0


def _etag(token: str, cursor: int) -> str:
    return f'W/"{token}.{cursor}"'


def _item(feed: Feed, entry: Model) -> dict:
    return {
        "id": str(entry.pk),
        "order": feed.order(entry),
        "stamp": _stamp(getattr(entry, feed.stamp_field)),
        "html": feed.render(entry),
    }


def _read(feed: Feed, cursor: int) -> list[Model]:
    qs = feed.entries
    if cursor:
        qs = qs.filter(**{f"{feed.stamp_field}__gte": _from_stamp(cursor) - OVERLAP})
    return list(qs.order_by(feed.stamp_field, "pk")[:MAX_ENTRIES])


# ---------------------------------------------------------------- the page and the endpoint


def page_context(feed: Feed, *, url: str, polling: bool = True) -> dict:
    """Context for `{% include "gongkai/live.html" %}`: the entries shown now, in order, and the
    cursor the script starts from. `polling=False` (the event is over) renders a plain list."""
    entries = list(feed.entries)
    items = [_item(feed, e) for e in entries]
    cursor = max((i["stamp"] for i in items), default=0)
    shown = sorted((i for i in items if i["html"] is not None), key=lambda i: i["order"])
    return {"live": {"url": url, "cursor": cursor, "items": shown, "polling": polling, "poll": POLL_SECONDS}}


def respond(request: HttpRequest, feed: Feed, *, done: Callable[[], bool] | None = None) -> HttpResponse:
    """The JSON endpoint: entries changed since `?after=<cursor>`, or 304 when the client's ETag
    still holds (one cache read, no query). `done()` (read only on a full answer) tells the script
    to stop polling."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    cursor = parse_cursor(request.GET.get("after"))
    token = version(feed.key)
    if token is not None and _etag(token, cursor) in _if_none_match(request):
        return _headers(HttpResponse(status=304), token, cursor)
    # Read the version before the entries: a change committed in between moves the version again,
    # so the client can never hold a new version with old entries.
    token = token or _ensure_version(feed.key)
    entries = _read(feed, cursor)
    items = [_item(feed, e) for e in entries]
    new_cursor = max([cursor, *(i["stamp"] for i in items)])
    body = {
        "cursor": new_cursor,
        "entries": items,
        "more": len(entries) >= MAX_ENTRIES,
        "done": bool(done()) if done else False,
    }
    # The ETag names the state the client will be in: this version, at the new cursor.
    return _headers(JsonResponse(body, json_dumps_params={"ensure_ascii": False}), token, new_cursor)


def _if_none_match(request: HttpRequest) -> Iterable[str]:
    raw = request.headers.get("If-None-Match", "")
    return [part.strip() for part in raw.split(",") if part.strip()]


def _headers(response: HttpResponse, token: str, cursor: int) -> HttpResponse:
    response["ETag"] = _etag(token, cursor)
    # Any cache may keep it but must ask again every time; it holds only public text.
    response["Cache-Control"] = "no-cache"
    return response
