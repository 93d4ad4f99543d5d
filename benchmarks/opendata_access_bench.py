"""Open-data access benchmark: the /data/ home page and the DCAT-AP export (JSON-LD and RDF/XML) of a
catalog of --datasets published datasets, rendered without the page cache (what the first visitor
and a harvester get), and the 有条件开放 token check with --uses calls already logged that day, against
a bare Django view measured in the same run.

    .venv/bin/python benchmarks/opendata_access_bench.py [--datasets 1000] [--uses 10000] [--runs 20]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_od_access]

Builds a throwaway production-mode database: the demo county, --datasets published datasets spread
over its agencies (metadata rows bulk-created; DCAT and the home page read only those), one approved
application with its token (through the real actions) and --uses TokenUse rows of today.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _common import cleanup, describe_database, prepare_environment, setup_django

HOST = {"HTTP_HOST": "127.0.0.1"}
THEMES = ("财税金融", "城建住房", "教育科技", "卫生健康", "资源环境", "道路交通", "社保就业", "农业农村")
FREQUENCIES = ("每日", "每月", "每季度", "每年", "不定期")


def load(n: int, uses: int):
    from datetime import date

    from django.conf import settings
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Role, Staff
    from gongkai.opendata import actions_access as actions
    from gongkai.opendata.models import Dataset, TokenUse

    agencies = list(Agency.objects.filter(is_active=True).order_by("pk"))
    now = timezone.now()
    Dataset.objects.bulk_create(
        Dataset(
            agency=agencies[i % len(agencies)],
            title=f"基准数据集{i:05d}",
            summary=f"第{i}个基准数据集的摘要，说明数据的来源、范围和更新方式。",
            theme=THEMES[i % len(THEMES)],
            frequency=FREQUENCIES[i % len(FREQUENCIES)],
            openness="conditional" if i % 10 == 0 else "open",
            openness_reason="涉及个人相关信息" if i % 10 == 0 else "",
            licence="政府数据开放许可协议（署名）",
            contact="0531-88880000",
            state="published",
            published_at=now,
        )
        for i in range(n)
    )
    dataset = Dataset.objects.filter(openness="conditional").order_by("pk").first()
    reviewer = Staff.objects.filter(agency=dataset.agency, roles__role=Role.REVIEWER).first()
    app, _created = actions.submit_access_application(
        dataset,
        applicant_name="基准申请人",
        contact="13900000000",
        purpose="基准测试",
        period_from=timezone.localdate(),
        period_to=date(timezone.localdate().year + 1, 12, 31),
        idempotency_key="bench",
    )
    # A quota above the day's logged uses, so that every timed check counts them all and passes.
    settings.GONGKAI_OPENDATA_TOKEN_DAILY_CALLS = uses + 10**6
    _app, raw = actions.approve_access_application(reviewer, app, daily_rows=10**5, daily_calls=uses + 10**6)
    today = timezone.localdate()
    TokenUse.objects.bulk_create(
        TokenUse(token=app.token, dataset=dataset, at=now, day=today, rows=1) for _ in range(uses)
    )
    return dataset, raw


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
    }


def time_page(client, url: str, runs: int) -> dict:
    from django.core.cache import caches

    from gongkai.common.pagecache import ALIAS

    times = []
    for _ in range(runs + 1):
        caches[ALIAS].clear()  # every run renders the page: no whole-page cache hit
        start = time.perf_counter()
        response = client.get(url, **HOST)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"url": url, **_percentiles(times[1:]), "bytes": len(response.content)}


def time_token(dataset, raw: str, runs: int) -> dict:
    from gongkai.opendata.access import check_token

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        grant = check_token(raw, dataset)
        times.append((time.perf_counter() - start) * 1000)
    return {"calls_left": grant.calls_left, **_percentiles(times)}


def bare(runs: int) -> dict:
    from django.http import HttpResponse
    from django.test import RequestFactory

    factory = RequestFactory()

    def view(request):
        return HttpResponse(b"x" * 2000)

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        view(factory.get("/", **HOST))
        times.append((time.perf_counter() - start) * 1000)
    return _percentiles(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=1000)
    parser.add_argument("--uses", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-od-access-")
    try:
        setup_django()
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        from gongkai.demo.county import build_county

        build_county()
        started = time.perf_counter()
        dataset, raw = load(args.datasets, args.uses)
        loaded = time.perf_counter() - started
        import gc

        gc.collect()
        gc.freeze()
        client = Client()
        pages = [
            time_page(client, url, args.runs)
            for url in ("/data/", "/data/catalog.jsonld", "/data/catalog.rdf")
        ]
        token = time_token(dataset, raw, max(args.runs, 200))
        ceiling = bare(1000)
        print(
            json.dumps(
                {
                    "database": describe_database(),
                    "datasets": args.datasets,
                    "token_uses_today": args.uses,
                    "load_seconds": round(loaded, 1),
                    "pages_uncached": pages,
                    "token_check": token,
                    "bare_view": ceiling,
                    "ratio_bare_to_page_p50": [round(ceiling["p50_ms"] / p["p50_ms"], 5) for p in pages],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
