"""Annual report: build the county government's CONSOLIDATED 2025 政府信息公开工作年度报告
(`gongkai.oversight.reports_figures.build`, which reads every registered metric: applications.table3 /
table4, publishing.regulations.* / normative.*, services.enforcement.* …) over 1,000,000 applications
and 100,000 documents on PostgreSQL. Goal: under 2 s.

    nice -n 10 python benchmarks/annual_report.py \\
        --database-url postgres://postgres@127.0.0.1:5432/gk_bench_report [--applications 1000000]

A throwaway database is created (and dropped afterwards), migrated, and the demo county's agencies
are built (`build_county`). The rows are then bulk-loaded server-side, with one `INSERT … SELECT …
FROM generate_series` per table (faster than COPY from Python, and the same page layout):
applications spread over every agency of the county, the six applicant kinds of 表三, every
outcome of 三, received from 2024-01-01 to 2025-12-31; about 4 % still open (so 2024 cases are
carried into 2025, and 2025 cases carried out); one in 200 has a 行政复议/行政诉讼 (表四). Documents
are published, some 行政规范性文件, some repealed in 2025. ANALYZE (`gongkai.common.dbstats.analyse`)
runs before measuring.

Measured, medians of --runs runs after one warm-up:
  build      `reports_figures.build(report, fresh=True)` of the consolidated 2025 report
  ceiling    the bare minimum any report must do over the same tables: `SELECT agency_id, count(*)
             … GROUP BY agency_id` over applications (the 2025 table3 window) + documents + appeals
  and, once, each metric the build calls, so a slow one is named.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import cleanup, describe_database, prepare_environment, setup_django

YEAR = 2025


def load(n_apps: int, n_docs: int) -> tuple[object, list[int]]:
    """Migrate, build the county, bulk-load the rows; returns (the consolidated report, agency ids)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency
    from gongkai.applications.models import AppealKind, AppealResult, ApplicantKind
    from gongkai.applications.outcomes import OUTCOME_BY_CODE
    from gongkai.demo.county import build_county
    from gongkai.oversight.models import AnnualReport

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_county()
    government = Agency.objects.get(name="示范县人民政府")
    ids = list(government.subtree().values_list("pk", flat=True))
    print(
        f"migrated and built the county ({len(ids)} agencies) in {time.perf_counter() - t0:.0f} s", flush=True
    )

    kinds = list(ApplicantKind.values)
    outcomes = list(OUTCOME_BY_CODE)
    appeal_kinds = list(AppealKind.values)
    results = [AppealResult.PENDING, AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER]
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        # Applications: agency by i, kind and outcome by other strides so every combination occurs;
        # received over 2024–2025; 1 in 25 still open; the rest answered within 0–19 days (so late
        # 2024 cases close in 2025 = carried in; late 2025 ones close in 2026 = carried out).
        cur.execute(
            """
            INSERT INTO applications_application (
                receipt_code, channel, applicant_kind, description, doc_number, form_wanted, delivery,
                state, pause_kind, inquiry_party, correction_items, fee_method, on_the_spot, outcome,
                created_at, lookup_hash, identity_hash, agency_id, content_hash, extension_reason,
                extension_requested_in, submitted_on, received_on, closed_on)
            SELECT 'BENCH' || i, 'online', (%(kinds)s::text[])[1 + (i * 7) %% cardinality(%(kinds)s::text[])],
                   '申请公开' || (2024 + i %% 2) || '年度部门预算执行情况', '', 'paper', 'mail',
                   CASE WHEN i %% 25 = 0 THEN 'in_progress' ELSE 'replied' END, '', '', '[]'::jsonb, '',
                   false,
                   CASE WHEN i %% 25 = 0 THEN ''
                        ELSE (%(outcomes)s::text[])[1 + (i * 13) %% cardinality(%(outcomes)s::text[])] END,
                   now(), md5(i::text), md5((i %% 50000)::text),
                   (%(ids)s::bigint[])[1 + i %% cardinality(%(ids)s::bigint[])], '', '', '',
                   r, r, CASE WHEN i %% 25 = 0 THEN NULL ELSE r + (i %% 20) END
            FROM (SELECT i, date '2024-01-01' + ((i * 37) %% 731) AS r
                  FROM generate_series(1, %(n)s) AS i) AS s
            """,
            {"kinds": kinds, "outcomes": outcomes, "ids": ids, "n": n_apps},
        )
        # 表四: one application in 200 has an appeal, filed 40 days after receipt, decided 90 days later
        # (the pending ones never).
        cur.execute(
            """
            INSERT INTO applications_appeal (application_id, kind, filed_on, result, note, decided_on)
            SELECT a.id, (%(kinds)s::text[])[1 + a.id %% 3], a.received_on + 40,
                   (%(results)s::text[])[1 + (a.id / 200) %% 4], '',
                   CASE WHEN (a.id / 200) %% 4 = 0 THEN NULL ELSE a.received_on + 130 END
            FROM applications_application a WHERE a.id %% 200 = 0
            """,
            {"kinds": appeal_kinds, "results": results},
        )
        # Documents: published, 主动公开, written 2016–2025; 1 in 20 a 行政规范性文件, 1 in 40 repealed
        # in 2025.
        cur.execute(
            """
            INSERT INTO publishing_document (
                index_number, title, summary, made_on, written_on, doc_number, genre, keywords, validity,
                validity_changed_on, disclosure, withheld_category, withheld_reason, is_normative,
                is_regulation, body, addressees, note, secrecy, urgency, attachment_names, import_warnings,
                import_confidence, source_name, source_text, stripped_text, possibly_defaced, state,
                review_round, unpublish_reason, interpretation_waiver, due_provisional, created_at,
                updated_at, agency_id, original_issuer, published_at, due_on)
            SELECT 'BENCH-' || i, '关于做好' || (2016 + i %% 10) || '年部门预算公开工作的通知', '', w, w,
                   '', '通知', '', CASE WHEN i %% 40 = 0 THEN 'repealed' ELSE 'valid' END,
                   CASE WHEN i %% 40 = 0 THEN date '2025-01-01' + (i %% 365) END,
                   'proactive', '', '', i %% 20 = 0, false,
                   '各乡镇人民政府，县政府各部门：现将有关事项通知如下。', '', '', '', '', '[]'::jsonb,
                   '[]'::jsonb, '{}'::jsonb, '', '', '', false, 'published', 0, '', '', false, now(), now(),
                   (%(ids)s::bigint[])[1 + i %% cardinality(%(ids)s::bigint[])], '',
                   (w + 3)::timestamptz, w + 20
            FROM (SELECT i, date '2016-01-01' + ((i * 31) %% 3650) AS w
                  FROM generate_series(1, %(n)s) AS i) AS s
            """,
            {"ids": ids, "n": n_docs},
        )
    load_s = time.perf_counter() - t0
    from gongkai.common.dbstats import analyse

    t0 = time.perf_counter()
    analyse(["applications_application", "applications_appeal", "publishing_document"])
    print(
        f"loaded {n_apps:,} applications, {n_apps // 200:,} appeals and {n_docs:,} documents in {load_s:.0f} s;"
        f" ANALYZE {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    report = AnnualReport.objects.create(agency=government, year=YEAR, consolidated=True)
    return report, ids


def ceiling(ids: list[int]) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT agency_id, count(*) FROM applications_application WHERE agency_id = ANY(%s)"
            " AND received_on <= %s AND (received_on >= %s OR closed_on IS NULL OR closed_on >= %s)"
            " GROUP BY agency_id",
            [ids, f"{YEAR}-12-31", f"{YEAR}-01-01", f"{YEAR}-01-01"],
        )
        cur.fetchall()
        cur.execute(
            "SELECT agency_id, count(*) FROM publishing_document WHERE agency_id = ANY(%s) GROUP BY agency_id",
            [ids],
        )
        cur.fetchall()
        cur.execute(
            "SELECT a.agency_id, count(*) FROM applications_appeal p JOIN applications_application a"
            " ON a.id = p.application_id WHERE a.agency_id = ANY(%s) GROUP BY a.agency_id",
            [ids],
        )
        cur.fetchall()


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def per_metric(ids: list[int]) -> list[tuple[str, float]]:
    """Each metric the build reads, timed once (after the warm-up runs), slowest first."""
    from gongkai.common import registry
    from gongkai.oversight import reports_figures as rf

    start, end = rf.year_bounds(YEAR)
    out = []
    for code, metric in registry.metrics().items():
        t = time.perf_counter()
        metric.fn(start, end, ids)
        out.append((code, time.perf_counter() - t))
    return sorted(out, key=lambda x: -x[1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/gk_bench_report")
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database (for EXPLAIN ANALYZE)")
    args = parser.parse_args()
    env = prepare_environment(args.database_url, prefix="gk-annual-report-bench-")
    setup_django()
    try:
        from gongkai.oversight import reports_figures

        report, ids = load(args.applications, args.documents)
        figures = reports_figures.build(report, fresh=True)
        t3 = figures.table3
        print(
            f"check: 表三 identity errors: {len(figures.identity_errors)}"
            + (f" ({figures.identity_errors[0]})" if figures.identity_errors else "")
            + f"; 表三 present: {t3 is not None}",
            flush=True,
        )
        build_s = timed(lambda: reports_figures.build(report, fresh=True), args.runs)
        ceiling_s = timed(lambda: ceiling(ids), args.runs)
        metrics = per_metric(ids)
        b, c = statistics.median(build_s), statistics.median(ceiling_s)
        print()
        print(
            f"{describe_database()}; {args.applications:,} applications, {args.documents:,} documents,"
            f" {len(ids)} agencies; median of {args.runs} runs after a warm-up."
        )
        print("Run under `nice -n 10` while the lead's test suites run on the same 2 cores: absolute")
        print("times are inflated by that load; the ratio to the ceiling (same run) is the comparable one.")
        print()
        print("| Measured | median | min | max |")
        print("|---|---|---|---|")
        print(f"| build() consolidated {YEAR} report | {b * 1000:.0f} ms | {min(build_s) * 1000:.0f} ms |"
              f" {max(build_s) * 1000:.0f} ms |")  # fmt: skip
        print(f"| ceiling: bare GROUP BY agency counts | {c * 1000:.0f} ms | {min(ceiling_s) * 1000:.0f} ms |"
              f" {max(ceiling_s) * 1000:.0f} ms |")  # fmt: skip
        print(f"| ratio build / ceiling | {b / c:.1f}× | | |")
        print(f"| goal < 2 s | {'met' if b < 2 else 'NOT met'} | | |")
        print()
        print("slowest metrics (one call each, over the county's subtree):")
        for code, s in metrics[:8]:
            print(f"  {code:<45} {s * 1000:7.0f} ms")
    finally:
        if not args.keep:
            cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
