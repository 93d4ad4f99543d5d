"""舆情 handling benchmark: with --events events of the county office in every grade and state (a tenth
of the open ones past their deadline), times the analyst's handling list and 待办 pages through
Django's test client, one `opinion_escalate` run over the overdue events, and the four registered
metrics over 30 days for every agency — against a bare Django view measured in the same run.

    .venv/bin/python benchmarks/opinion_handling_bench.py [--events 10000] [--runs 30]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_opinion_handling]

Builds a throwaway production-mode database (the demo county, events bulk-loaded as clustering would
leave them, graded and assigned).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
from datetime import timedelta

from _common import cleanup, describe_database, prepare_environment, setup_django
from press_bench import _percentiles, bare

HOST = {"HTTP_HOST": "127.0.0.1"}


def load(n: int) -> dict:
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.opinion.models import Event

    owner = Agency.objects.get(name="示范县人民政府办公室")
    departments = list(Agency.objects.filter(parent__name="示范县人民政府").exclude(pk=owner.pk))
    rng = random.Random(13)
    now = timezone.now()
    hours = {"1": 5, "2": 5, "3": 48, "4": 48}
    rows = []
    for i in range(n):
        grade = rng.choice("1234")
        first = now - timedelta(hours=rng.uniform(0, 24 * 60))
        state = rng.choice(["new", "assigned", "assigned", "responded", "closed"])
        deadline = first + timedelta(hours=hours[grade])
        responded = None
        if state in ("responded", "closed"):
            responded = first + timedelta(hours=rng.uniform(0.5, hours[grade] * 1.3))
        elif rng.random() < 0.9:  # most open ones are still within their hours
            first = now - timedelta(hours=rng.uniform(0, hours[grade] * 0.9))
            deadline = first + timedelta(hours=hours[grade])
        rows.append(
            Event(
                owner=owner,
                title=f"基准测试舆情事件{i}",
                keywords=["基准", f"词{i % 50}"],
                first_seen_at=first,
                last_seen_at=first + timedelta(hours=1),
                post_count=rng.randrange(1, 200),
                heat=rng.uniform(0, 1000),
                negative_share=rng.random(),
                grade=grade,
                proposed_grade=grade,
                state=state,
                agency=None if state == "new" else rng.choice(departments),
                assigned_at=None if state == "new" else first,
                deadline_at=deadline,
                responded_at=responded,
            )  # fmt: skip
        )
    Event.objects.bulk_create(rows, batch_size=2000)
    return {
        "events": n,
        "overdue_open": sum(1 for r in rows if r.state in ("new", "assigned") and r.deadline_at < now),
    }


def analyst_client():
    from django.test import Client

    from gongkai.agencies.models import Staff

    client = Client()
    client.force_login(Staff.objects.get(username="xzfb_opinion_analyst"))
    return client


def time_page(client, url: str, runs: int) -> dict:
    from django.db import connection

    assert client.get(url, **HOST).status_code == 200
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url, **HOST)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, **HOST)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {"url": url, **_percentiles(times), "queries": len(queries), "bytes": len(response.content)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-bench-opinion-handling-")
    try:
        setup_django()
        from django.core.management import call_command
        from django.utils import timezone

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        from gongkai.common import registry
        from gongkai.demo.county import build_county
        from gongkai.opinion import actions_handling as actions

        build_county()
        loaded = load(args.events)
        client = analyst_client()
        gc.collect()
        gc.freeze()
        pages = [time_page(client, url, args.runs) for url in ("/workbench/opinion/handling/", "/workbench/")]
        started = time.perf_counter()
        escalated = sum(actions.escalate_event(e) is not None for e in actions.overdue_events())
        escalate_s = time.perf_counter() - started
        today = timezone.localdate()
        metrics = {}
        for code in ("opinion.events.total", "opinion.events.responded_on_time", "opinion.events.overdue",
                     "opinion.response_hours.median"):  # fmt: skip
            started = time.perf_counter()
            registry.metrics()[code].fn(today - timedelta(days=30), today, None)
            metrics[code] = round((time.perf_counter() - started) * 1000, 1)
        ceiling = bare(1000)
        print(
            json.dumps(
                {
                    "database": describe_database(),
                    **loaded,
                    "pages": pages,
                    "escalated": escalated,
                    "escalate_seconds": round(escalate_s, 2),
                    "escalate_ms_per_event": round(1000 * escalate_s / max(escalated, 1), 2),
                    "metrics_ms_30_days": metrics,
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
