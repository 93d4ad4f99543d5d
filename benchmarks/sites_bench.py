"""网站群 benchmark: what finding `request.site` costs on every request.

    .venv/bin/python benchmarks/sites_bench.py [--sites 200] [-n 20000] [--database-url postgres://…]

Builds a throwaway database with N sites (each with two host names) through the portal actions, then
times, in-process: the warm host lookup, a request through SiteMiddleware to a view that returns at
once (against the same view without the middleware), the "no such site" page, and the cold load of
the site table (what every process pays once, and again after a site changes). Prints one line each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup_django(database_url: str | None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gk-sites-bench-")
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def timed(label: str, n: int, fn) -> float:
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    p50 = statistics.median(samples) * 1e6
    p95 = samples[int(len(samples) * 0.95)] * 1e6
    print(f"{label:<52} p50 {p50:8.1f} µs   p95 {p95:8.1f} µs")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("-n", type=int, default=20_000)
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import RequestFactory

    from gongkai.portal.actions import create_site
    from gongkai.portal.sites import SiteMiddleware, clear_site_cache, site_for_host, site_table

    call_command("migrate", verbosity=0)
    for i in range(args.sites):
        create_site(
            None,
            name=f"测试网站{i}",
            code=f"{3709990100 + i}",
            hosts=[f"s{i}.example.gov.cn", f"w{i}.example.org"],
        )
    print(
        f"{args.sites} sites, {2 * args.sites} host names; database {os.environ.get('DATABASE_URL') or 'SQLite'}"
    )

    clear_site_cache()
    timed("cold: load the site table", 50, lambda i: (clear_site_cache(), site_table()))
    site_table()
    hosts = [f"S{i % args.sites}.Example.gov.cn:443" for i in range(args.n)]
    timed("warm: site_for_host (any case, with port)", args.n, lambda i: site_for_host(hosts[i]))

    factory = RequestFactory()
    bare = lambda request: HttpResponse("ok")  # noqa: E731
    middleware = SiteMiddleware(bare)
    requests = [factory.get("/", HTTP_HOST=f"s{i % args.sites}.example.gov.cn") for i in range(args.n)]
    base = timed("a request without SiteMiddleware", args.n, lambda i: bare(requests[i]))
    with_mw = timed("the same request through SiteMiddleware", args.n, lambda i: middleware(requests[i]))
    print(f"{'SiteMiddleware adds':<52} {with_mw - base:8.1f} µs a request")
    unknown = [factory.get("/", HTTP_HOST="nosuch.example.com") for _ in range(2000)]
    timed("unknown host: the Chinese 404 page", 2000, lambda i: middleware(unknown[i]))


if __name__ == "__main__":
    main()
