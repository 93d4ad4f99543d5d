"""Import benchmark: documents per second through the real import pipeline, beside raw rjieba.

    .venv/bin/python benchmarks/import_bench.py [--count 100000] [--every 10000] [--no-index]
        [--database-url postgres://postgres@127.0.0.1:5432/gk_bench_import] [--tracemalloc]

Generates typical ~5 KB plain-text official documents (title, 文号, 主送机关, body of sentences from
the demo seed documents, attachment line, signature with date, 附注) and feeds each one, as uploaded
bytes, to `gongkai.publishing.importing.import_file` — reading (encoding detection), cleaning and
extraction, screening, draft creation with revision 1 and the audit entry, one transaction per file.
Each draft is then put into the search index the way publication does it (`index_entry` with
`document_entry_kwargs`: rjieba segmentation of title, 文号 and body, FTS5 or tsvector row) unless
--no-index. The raw `rjieba` speed on the same texts is the ceiling the pipeline can approach.

Memory: at every checkpoint prints the current and peak RSS (getrusage) and the number of live
Python objects; a flat trend means memory is bounded. --tracemalloc adds Python heap figures (slow).
Runs in production mode (GONGKAI_DEBUG=0, throwaway secrets) on a throwaway database: a temporary
SQLite file by default; a PostgreSQL database named in the URL is created and dropped afterwards;
the temporary directory is removed at the end (30,000 documents take about 1.6 GB on SQLite).
"""

from __future__ import annotations

import argparse
import gc
import os
import time
import tracemalloc

from _common import (
    DocumentMaker,
    cleanup,
    current_rss_mb,
    describe_database,
    peak_rss_mb,
    prepare_environment,
    setup_django,
)

# Clerks of these demo agencies import; each document is signed by its own agency.
IMPORTERS = ["xzfb", "czj", "zjj", "jyj", "sthjj", "scjgj", "yjglj", "wjj"]


def raw_segmentation(texts: list[str]) -> None:
    import rjieba

    from gongkai.search.segment import segment

    chars = sum(len(t) for t in texts)
    for label, fn in [
        ("rjieba.cut (raw, precise mode)", lambda t: rjieba.cut(t, hmm=True)),
        ("rjieba.cut_for_search (raw)", lambda t: rjieba.cut_for_search(t, hmm=True)),
        ("segment() (user dict + filters)", segment),
    ]:
        t0 = time.perf_counter()
        for text in texts:
            fn(text)
        elapsed = time.perf_counter() - t0
        print(f"  {label:<34} {len(texts) / elapsed:>8.0f} docs/s  {chars / elapsed / 1e6:6.2f} M chars/s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000, help="documents to import")
    parser.add_argument("--every", type=int, default=10_000, help="checkpoint interval")
    parser.add_argument("--size", type=int, default=5000, help="target document size in bytes (UTF-8)")
    parser.add_argument("--no-index", action="store_true", help="import only, no search indexing")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap (slow)")
    args = parser.parse_args()

    env = prepare_environment(args.database_url, prefix="gk-import-bench-")
    setup_django()
    from django.core.management import call_command
    from django.db import reset_queries

    from gongkai.agencies.models import Role, Staff
    from gongkai.demo.county import build_county, demo_username
    from gongkai.publishing.actions import document_entry_kwargs, seed_forbidden_words
    from gongkai.publishing.importing import import_file
    from gongkai.search.index import index_entry
    from gongkai.search.segment import segment

    try:
        call_command("migrate", verbosity=0)
        agencies = build_county()
        seed_forbidden_words()
        clerks = [Staff.objects.get(username=demo_username(key, Role.CLERK)) for key in IMPORTERS]
        issuers = [(agencies[key].name, agencies[key].doc_prefixes[0]) for key in IMPORTERS]
        print(
            f"database: {describe_database()}; documents: {args.count} of ~{args.size} bytes;"
            f" cpu: {os.cpu_count()} cores (shared with other work); GONGKAI_DEBUG=0"
        )

        segment("预热")  # dictionary and user dictionary loaded once, as in a server process
        sample_maker = DocumentMaker(issuers, size=args.size, seed=1)
        sample = [sample_maker.make(i)[1] for i in range(2000)]
        avg_bytes = sum(len(t.encode("utf-8")) for t in sample) / len(sample)
        avg_chars = sum(len(t) for t in sample) / len(sample)
        print(f"raw segmentation of the same kind of text ({len(sample)} documents, avg {avg_bytes:.0f} bytes"
              f" = {avg_chars:.0f} characters):")  # fmt: skip
        raw_segmentation(sample)
        del sample, sample_maker

        maker = DocumentMaker(issuers, size=args.size)
        if args.tracemalloc:
            tracemalloc.start()
        print(f"import{'' if args.no_index else ' + index'}: checkpoints")
        header = (
            f"  {'docs':>7} {'elapsed':>8} {'docs/s (interval)':>18} {'import ms':>9} {'index ms':>8}"
            f" {'RSS MB':>7} {'peak MB':>7} {'objects':>9}"
        )
        if args.tracemalloc:
            header += f" {'heap MB':>7} {'heap peak':>9}"
        print(header)
        gc.collect()
        print(f"  {0:>7} {0:>8} {'':>18} {'':>9} {'':>8} {current_rss_mb():>7.0f} {peak_rss_mb():>7.0f} {len(gc.get_objects()):>9}")  # fmt: skip
        failures, findings, total_import, total_index, total_bytes = 0, 0, 0.0, 0.0, 0
        interval_import = interval_index = 0.0
        start = last = time.perf_counter()
        checkpoints = []
        for i in range(args.count):
            a, text = maker.make(i)
            data = text.encode("utf-8")
            total_bytes += len(data)
            t0 = time.perf_counter()
            result = import_file(clerks[a], data, name=f"bench-{i:06d}.txt")
            t1 = time.perf_counter()
            if not result.ok:
                failures += 1
                if failures <= 3:
                    print(f"  failed: {result.name}: {result.message}")
            else:
                findings += result.open_findings
                if not args.no_index:
                    for doc in [result.document, *result.forwarded]:
                        index_entry("document", doc.pk, **document_entry_kwargs(doc))
            t2 = time.perf_counter()
            interval_import += t1 - t0
            interval_index += t2 - t1
            reset_queries()
            done = i + 1
            if done % args.every == 0 or done == args.count:
                now = time.perf_counter()
                n = done - (checkpoints[-1][0] if checkpoints else 0)
                gc.collect()
                row = (
                    done,
                    now - start,
                    n / (now - last),
                    current_rss_mb(),
                    peak_rss_mb(),
                    len(gc.get_objects()),
                )
                line = (
                    f"  {done:>7} {row[1]:>7.0f}s {row[2]:>18.1f} {interval_import / n * 1000:>9.2f}"
                    f" {interval_index / n * 1000:>8.2f} {row[3]:>7.0f} {row[4]:>7.0f} {row[5]:>9}"
                )
                if args.tracemalloc:
                    heap, heap_peak = tracemalloc.get_traced_memory()
                    line += f" {heap / 2**20:>7.1f} {heap_peak / 2**20:>9.1f}"
                print(line, flush=True)
                checkpoints.append(row)
                total_import += interval_import
                total_index += interval_index
                interval_import = interval_index = 0.0
                last = now
        elapsed = time.perf_counter() - start
        done = args.count
        print(
            f"result: {done / elapsed:.1f} docs/s end to end ({elapsed:.0f} s for {done},"
            f" {total_bytes / done:.0f} bytes avg); import alone {done / total_import:.1f} docs/s"
            + ("" if args.no_index else f", indexing alone {done / max(total_index, 1e-9):.1f} docs/s")
            + f"; failures {failures}; open screening findings {findings}"
        )
        if len(checkpoints) >= 2:
            first, final = checkpoints[0], checkpoints[-1]
            per_10k = (final[3] - first[3]) / max(final[0] - first[0], 1) * 10_000
            print(
                f"memory: RSS {first[3]:.0f} MB after {first[0]} → {final[3]:.0f} MB after {final[0]}"
                f" ({per_10k:+.1f} MB per 10,000 documents); peak {final[4]:.0f} MB;"
                f" live objects {first[5]} → {final[5]}"
            )
    finally:
        cleanup(env, args.database_url)


if __name__ == "__main__":
    main()
