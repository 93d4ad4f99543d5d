"""Foundation benchmark: deadline arithmetic, clock status and audit-trail appends.

    .venv/bin/python benchmarks/foundation_bench.py [--database-url postgres://postgres@127.0.0.1:5432/gk_bench]

Uses a throwaway database (a temporary SQLite file by default; the PostgreSQL database named in the URL
is created and dropped). Prints one line per measurement.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def setup_django(database_url: str | None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    tmp = tempfile.mkdtemp(prefix="gk-bench-")
    os.environ["GONGKAI_VAR_DIR"] = tmp
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def timed(label: str, n: int, fn) -> None:
    samples = []
    start = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    samples.sort()
    p50 = statistics.median(samples) * 1000
    p95 = samples[int(len(samples) * 0.95)] * 1000
    print(f"{label:<46} {n / total:>10.0f}/s   p50 {p50:.3f} ms   p95 {p95:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from gongkai.audit.actions import record_audit, verify_chain
        from gongkai.common.registry import register_audit_events
        from gongkai.demo.county import build_county
        from gongkai.workdays.actions import start_clock
        from gongkai.workdays.services import current_calendar

        print(f"database: {connection.vendor} ({test_db})")
        agencies = build_county()
        calendar = current_calendar()
        base = date(2025, 1, 2)
        timed(
            "add_workdays(start, 20) across 2025-2026",
            args.n,
            lambda i: calendar.add_workdays(base + timedelta(days=i % 700), 20),
        )
        clocks = [
            start_clock(
                None,
                agency=agencies["czj"],
                label=f"bench {i}",
                limit_days=20,
                started_on=base + timedelta(days=i),
            )
            for i in range(200)
        ]
        timed(
            "Clock.status() (fresh computation)",
            args.n,
            lambda i: clocks[i % 200].status(today=date(2026, 11, 20)),
        )
        register_audit_events("audit", {"audit.bench.append": "基准测试记录"})
        timed(
            "record_audit() append (own transaction)",
            args.n,
            lambda i: record_audit(actor=None, action="audit.bench.append", note=str(i)),
        )
        t0 = time.perf_counter()
        result = verify_chain()
        print(
            f"{'audit verify':<46} {result.checked / (time.perf_counter() - t0):>10.0f} rows/s ({result.checked} rows, ok={result.ok})"
        )
        call_command("check", verbosity=0)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
