"""Which site a request is for: `request.site`, found by the Host header.

Every request passes `SiteMiddleware` first. A host a site answers gets that site; a host of
`GONGKAI_ALLOWED_HOSTS` (127.0.0.1, localhost and testserver by default) gets the default site; any
other host gets a Chinese "no such site" page (404), and a malformed Host header a Chinese 400 —
never Django's DisallowedHost page, because `ALLOWED_HOSTS` is "*" and this middleware does the
check instead (with the list of sites, which lives in the database).

Code that renders outside a request (feeds, jobs, commands) passes a site explicitly:
`default_site()` or `site_for_host(host)`.

Caching: the table of sites is kept per process together with a version number in Django's cache,
bumped by every action that changes a site (as the working-day calendar does); with Redis every
process of every server sees the change at once.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port, validate_host
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from .models import Site

VERSION_KEY = "gongkai:portal:sites-version"


def normalise_host(raw: str) -> str | None:
    """`Www.Example.gov.cn.:8080` → `www.example.gov.cn`; None if it is no valid host name at all."""
    domain, _port = split_domain_port(raw.strip())  # lower case, no trailing dot; "" when malformed
    if not domain or len(domain) > 253:
        return None
    return domain


@dataclass
class SiteTable:
    by_host: dict[str, Site] = field(default_factory=dict)
    default: Site | None = None
    sites: list[Site] = field(default_factory=list)


_lock = threading.Lock()
_cached: tuple[str, SiteTable] | None = None


def _fallback_site() -> Site:
    """Before any site is saved (a fresh install, a flushed test database): one site of every agency."""
    return Site(
        name=settings.GONGKAI_SITE_NAME,
        code=settings.GONGKAI_SITE_CODE,
        icp=settings.GONGKAI_ICP,
        psr=settings.GONGKAI_PUBLIC_SECURITY_RECORD,
        is_default=True,
    )


def build_table() -> SiteTable:
    sites = list(Site.objects.select_related("agency").prefetch_related("hosts"))
    table = SiteTable(sites=sites)
    for site in sites:
        for host in site.hosts.all():
            table.by_host[host.host] = site
    table.default = next((s for s in sites if s.is_default), sites[0] if sites else _fallback_site())
    return table


def site_table() -> SiteTable:
    global _cached
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY) or version
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    table = build_table()
    with _lock:
        _cached = (version, table)
    return table


def bump_sites_version() -> None:
    """Every process rebuilds its table on its next request (now, and again once committed)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def agency_changed(agency_id: int) -> None:
    """An agency was saved: reload the sites if one of them is that agency's (its path may have moved).

    Moving an agency saves each agency below it too, so a site of a sub-agency hears of it as well.
    Every process reads the same sites, so the saving process decides for all of them.
    """
    if any(site.agency_id == agency_id for site in site_table().sites):
        bump_sites_version()


def clear_site_cache() -> None:
    global _cached
    with _lock:
        _cached = None
    cache.delete(VERSION_KEY)


def default_site() -> Site:
    return site_table().default


def site_for_host(host: str) -> Site | None:
    """The site answering `host` (any case, with or without port), or None."""
    name = normalise_host(host)
    if name is None:
        return None
    table = site_table()
    site = table.by_host.get(name)
    if site is None and validate_host(name, settings.GONGKAI_ALLOWED_HOSTS):
        site = table.default
    return site


class SiteMiddleware:
    """Sets `request.site`; answers an unknown or malformed host itself. First in MIDDLEWARE.

    A host of GONGKAI_ALLOWED_HOSTS is known without the database, so its site is looked up only
    when something reads `request.site` (static files and redirects never do).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        name = normalise_host(raw)
        if name is None:
            request.site = SimpleLazyObject(default_site)
            return render(request, "portal/bad_host.html", {"host": raw[:100]}, status=400)
        if validate_host(name, settings.GONGKAI_ALLOWED_HOSTS):
            request.site = SimpleLazyObject(partial(site_for_host, name))
            return self.get_response(request)
        site = site_for_host(name)
        if site is None and request.path_info.startswith(settings.STATIC_URL):
            request.site = SimpleLazyObject(default_site)  # the "no such site" page's own stylesheet
            return self.get_response(request)
        if site is None:
            request.site = SimpleLazyObject(default_site)
            return render(request, "portal/unknown_site.html", {"host": name}, status=404)
        request.site = site
        return self.get_response(request)
