"""Whole-page cache of the public pages, keyed by a publication generation.

A public GET view opts in with `@public_page(params=(...))`, naming the query parameters it reads.
`PageCacheMiddleware` (right after HeadAsGetMiddleware, before sessions, auth and CSRF, so a hit
costs almost nothing) serves stored bytes for an anonymous request, keyed by

    (host, path, the *declared* query parameters only, the publication generation)

Unknown parameters are dropped before the view runs and are not part of the key, so random query
strings cannot fill memory. The generation changes whenever something public changes: every save or
delete of a model a domain registers with `registry.register_public_models(...)` calls `changed()`
on commit, and actions may call `changed()` themselves. It lives in the shared cache (Redis) when
REDIS_URL is set, so every server sees a change within `GONGKAI_PAGECACHE_GENERATION_SECONDS`, and
otherwise in a file under var/ (written then renamed) whose identity every worker checks per request.

Only a request without a session or messages cookie is served from or stored in the cache (staff
and anyone mid-flow always get a fresh page), and only a 200 response without cookies, without
`Cache-Control: private/no-store` and without a CSRF token is stored. The header `X-Gongkai-Cache`
says `hit` or `miss`.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_resolver

ALIAS = "pages"
BYPASS = "gongkai.pagecache.bypass"  # a WSGI environ key (no HTTP header can set it): render afresh
GENERATION_KEY = "gongkai:page-generation"
# Headers never replayed from a stored page (they are the client's or the connection's own).
_SKIP_HEADERS = {"set-cookie", "content-length", "x-gongkai-cache", "date"}


@dataclass(frozen=True)
class PublicPage:
    params: tuple[str, ...]


def public_page(view=None, *, params: tuple[str, ...] | list[str] = ()):
    """Mark a public GET view as cacheable; `params` are the query parameters it reads.

    The view sees only those parameters (others are removed from `request.GET`), so the page can
    never depend on a parameter the cache key ignores. Works on functions and callable instances
    (syndication feeds)."""
    declared = tuple(sorted(set(params)))

    def decorate(fn):
        @wraps(fn)
        def wrapper(request, *args, **kwargs):
            if request.GET and any(k not in declared for k in request.GET):
                request.GET = _only(request.GET, declared)
            return fn(request, *args, **kwargs)

        wrapper.public_page = PublicPage(declared)
        return wrapper

    return decorate(view) if view is not None else decorate


def _only(query: QueryDict, names: tuple[str, ...]) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name in names:
        if name in query:
            kept.setlist(name, query.getlist(name))
    kept._mutable = False
    return kept


# ---------------------------------------------------------------- the publication generation


class _Generation:
    """The current generation, cheap to read on every request."""

    def __init__(self) -> None:
        self._value = ""
        self._read_at = 0.0

    def current(self) -> str:
        if settings.REDIS_URL:
            now = time.monotonic()
            if not self._value or now - self._read_at > settings.GONGKAI_PAGECACHE_GENERATION_SECONDS:
                value = caches[ALIAS].get(GENERATION_KEY)
                if value is None:
                    value = uuid.uuid4().hex
                    caches[ALIAS].add(GENERATION_KEY, value, timeout=None)
                    value = caches[ALIAS].get(GENERATION_KEY, value)
                self._value, self._read_at = str(value), now
            return self._value
        try:
            st = os.stat(settings.GONGKAI_PAGECACHE_GENERATION_FILE)
        except FileNotFoundError:
            return "0"
        return f"{st.st_ino}.{st.st_mtime_ns}.{st.st_size}"

    def bump(self) -> str:
        value = uuid.uuid4().hex
        if settings.REDIS_URL:
            caches[ALIAS].set(GENERATION_KEY, value, timeout=None)
            self._value, self._read_at = value, time.monotonic()
            return value
        path = Path(settings.GONGKAI_PAGECACHE_GENERATION_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{value}")
        tmp.write_text(value, encoding="ascii")
        os.replace(tmp, path)  # a new inode: every worker's next stat sees the change
        return self.current()


generation = _Generation()


def bump_now() -> None:
    generation.bump()


def changed() -> None:
    """Public output changed: every cached page is stale once the current transaction commits."""
    transaction.on_commit(bump_now)


def on_public_model_saved(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed receiver for the models domains register as public."""
    from . import registry

    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed fires before and after
        return
    instance = kwargs.get("instance")
    models = registry.public_models()
    model = type(instance) if type(instance) in models else sender if sender in models else None
    if model is None:
        return
    when = models[model]
    if when is None or instance is None or when(instance):
        changed()


# ---------------------------------------------------------------- keys and storage


def _personal(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def page_for(request) -> PublicPage | None:
    """The view's declaration if the request is for a `@public_page` view."""
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return None
    return getattr(match.func, "public_page", None)


def query_of(request, page: PublicPage) -> str:
    """The declared parameters of the request, in a fixed order ("" when none)."""
    if not request.GET:
        return ""
    parts = [(name, value) for name in page.params for value in request.GET.getlist(name)]
    return "&".join(f"{n}={v}" for n, v in parts)


def key_for(host: str, path: str, query: str, gen: str) -> str:
    digest = hashlib.sha256(f"{host}\n{path}\n{query}".encode()).hexdigest()
    return f"page:{gen}:{digest}"


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    return True


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method != "GET"
            or not settings.GONGKAI_PAGECACHE
            or _personal(request)
            or request.META.get(BYPASS)
        ):
            return self.get_response(request)
        page = page_for(request)
        if page is None:
            return self.get_response(request)
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: let the ordinary path answer it
            return self.get_response(request)
        query = query_of(request, page)
        key = key_for(host, request.path, query, generation.current())
        stored = caches[ALIAS].get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Gongkai-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if storable(response) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # no CSRF token
            headers = [(n, v) for n, v in response.items() if n.lower() not in _SKIP_HEADERS]
            caches[ALIAS].set(
                key, (response.status_code, headers, response.content), settings.GONGKAI_PAGECACHE_SECONDS
            )
            if not query:
                from .integrity import record_page

                record_page(host, request.path, response.content)
        response["X-Gongkai-Cache"] = "miss"
        return response
