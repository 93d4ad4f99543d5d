"""API benchmark: the JSON document list (/api/documents/, 20 per page, cursor paging) beside the
equivalent HTML page (the catalog /catalog/?page=N, rendered: page cache off), in the same run and
the same process, each against a bare Django view measured in the same run.

    .venv/bin/python benchmarks/api_bench.py [--documents 2000] [--requests 400]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_api]

Builds a throwaway production-mode database (GONGKAI_DEBUG=0, GONGKAI_PAGECACHE=0): `gongkai demo`,
then the demo builder's generator up to --documents published documents, each through the real
actions. Then, with Django's test client (full middleware, one thread), --requests requests of each:
  api list      /api/documents/?limit=20 and the next 19 pages by their cursors, in turn
  html catalog  /catalog/?page=1 … 20, in turn
  api detail    /api/documents/<索引号> beside the document page /documents/<索引号>/ (50 documents)
and a bare view (RequestFactory GET of a function returning 2 KB: no middleware, no database), the
ceiling of the same client loop. Prints requests per second, median and p95 latency and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from _common import cleanup, describe_database, prepare_environment, setup_django

HOST = {"HTTP_HOST": "127.0.0.1"}
CHUNK = 250


def build(documents: int) -> int:
    from django.core.management import call_command

    from gongkai.demo.county import build_county
    from gongkai.demo.publishing import build_publishing
    from gongkai.publishing.models import Document, State

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as sink:
        call_command("demo", stdout=sink)
    call_command("collectstatic", interactive=False, verbosity=0)  # production mode: hashed static names
    agencies = build_county()
    for step in range(CHUNK, documents + CHUNK, CHUNK):
        build_publishing(agencies, generated=min(step, documents))
    return Document.objects.filter(state=State.PUBLISHED).count()


def bare_rate(n: int) -> float:
    from django.http import HttpResponse
    from django.test import RequestFactory

    factory = RequestFactory()

    def view(request):
        return HttpResponse(b"x" * 2000)

    start = time.perf_counter()
    for _ in range(n):
        view(factory.get("/"))
    return n / (time.perf_counter() - start)


def measure(client, paths: list[str], n: int) -> dict:
    for path in paths[:5]:  # warm-up, and every page must answer 200
        response = client.get(path, **HOST)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
    times = []
    start = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter()
        response = client.get(paths[i % len(paths)], **HOST)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    seconds = time.perf_counter() - start
    times.sort()
    return {
        "requests_per_second": round(n / seconds, 1),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 2),
        "bytes": len(response.content),
    }


def api_list_paths(client) -> list[str]:
    paths, cursor = [], None
    for _ in range(20):
        path = "/api/documents/?limit=20" + (f"&cursor={cursor}" if cursor else "")
        paths.append(path)
        cursor = client.get(path, **HOST).json()["next_cursor"]
        if cursor is None:
            break
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-api-")
    os.environ["GONGKAI_PAGECACHE"] = "0"
    try:
        setup_django()
        from django.test import Client

        from gongkai.publishing.queries import public_documents

        published = build(args.documents)
        client = Client()
        keys = list(public_documents().order_by("-published_at").values_list("index_number", flat=True)[:50])
        groups = {
            "api list": api_list_paths(client),
            "html catalog": [f"/catalog/?page={n}" for n in range(1, 21)],
            "api detail": [f"/api/documents/{k}" for k in keys],
            "html document": [f"/documents/{k}/" for k in keys],
        }
        bare = bare_rate(5000)
        rows = {label: measure(client, paths, args.requests) for label, paths in groups.items()}
        for figures in rows.values():
            figures["ratio_to_bare"] = round(figures["requests_per_second"] / bare, 4)
        result = {
            "database": describe_database(),
            "published_documents": published,
            "bare_view_requests_per_second": round(bare, 1),
            **rows,
            "api_list_to_html_catalog": round(
                rows["api list"]["requests_per_second"] / rows["html catalog"]["requests_per_second"], 2
            ),
            "api_detail_to_html_document": round(
                rows["api detail"]["requests_per_second"] / rows["html document"]["requests_per_second"], 2
            ),
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
        print()
        print("| Request | req/s (1 thread, in-process) | median | p95 | ratio to bare view |")
        print("|---|---|---|---|---|")
        for label, f in rows.items():
            print(
                f"| {label} | {f['requests_per_second']:.0f} | {f['median_ms']:.1f} ms | {f['p95_ms']:.1f} ms"
                f" | {f['ratio_to_bare']:.4f} |"
            )
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
