"""舆情 pipeline throughput: normalise → exact dedup → plan match (5,000 terms) → tokenise → near-dup →
classify, in posts per second, with worker processes, and its memory over a long run.

    .venv/bin/python benchmarks/opinion_pipeline_bench.py [--posts 20000] [--workers 2] [--long 200000]

Pure computation, no database: the posts come from the demo generator (gongkai.demo.opinion_sources:
everyday posts about every department, four bursts, one in six a repost), each goes through
- `normalise_post` (HTML, OpenCC t2s, NFKC, canonical URL, masking, hashes) and the exact-duplicate
  check (a set of external ids, URL hashes and content hashes),
- the watch plans of the opinion app when present (500 plans × 10 terms = 5,000 terms, one
  pyahocorasick automaton, `CompiledPlans.match`),
- the shared tokenizer (`gongkai.search.segment.segment`) and the MinHash signature + LSH query of
  the near-duplicate stage (`opinion.collect.neardup.RecentIndex`),
- the sentiment / 诉求 classifiers when present (`classify.classifiers().predict`, batches of 500).
Clustering (stage 40) has no pure entry point to call here; when it exists, add it (the event
pages' own benchmark covers the database side).

Workers: the posts are split by source (`hash(source) % workers`), each worker a process with its
own automaton, LSH index and models — the same split the worker processes of a deployment use, so
exact duplicates (per source) stay within one worker. Ceiling: raw rjieba (`segment`) over the same
texts in one process, so the ratio says how far the pipeline is from tokenising alone.

`--long N` runs N posts through one process in a stream and prints the RSS every 100,000 posts (the
LSH index is capped at GONGKAI_OPINION_NEARDUP_MAX, so memory must stay flat).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_TESTING", "1")

END = datetime(2026, 12, 1, tzinfo=UTC)
SOURCES = 12  # the generated posts are spread over this many sources


def _setup():
    import django

    django.setup()


def _plans():
    """The 5,000-term watch plans, when the opinion app has them (op-understand's benchmark's plans)."""
    try:
        from benchmarks.opinion_understand_bench import make_plans
        from gongkai.opinion import classify
        from gongkai.opinion.planquery import compile_plans
        from gongkai.search.segment import segment
    except ImportError:
        return None
    import random

    rng = random.Random(2026)
    examples = [e.text for e in classify.load_examples()]
    words = sorted({w for text in examples for w in segment(text) if len(w) >= 2})
    while len(words) < 5000:
        words.append(rng.choice(words) + rng.choice(words))
        words = list(dict.fromkeys(words))
    return compile_plans(make_plans(500, words, rng))


def _models():
    try:
        from gongkai.opinion import classify
    except ImportError:
        return None
    return classify.classifiers()


class Pipeline:
    def __init__(self) -> None:
        from gongkai.opinion.collect.neardup import RecentIndex

        self.plans = _plans()
        self.models = _models()
        self.index = RecentIndex(50_000)
        self.seen: set[str] = set()
        self.counts = {"posts": 0, "duplicates": 0, "near": 0, "plan_hits": 0}
        self.key = 0

    def run(self, raws) -> None:
        from gongkai.ingest import similarity
        from gongkai.opinion.normalise import normalise_post

        batch = []
        for raw in raws:
            post = normalise_post(raw)
            keys = {post.external_id, post.url_hash, post.content_hash} - {""}
            self.counts["posts"] += 1
            if keys & self.seen:
                self.counts["duplicates"] += 1
                continue
            self.seen |= keys
            if self.plans is not None:
                self.counts["plan_hits"] += len(self.plans.match(post.body, post.title))
            # signature() tokenises with the shared tokenizer and hashes the two-word shingles.
            minhash = similarity.signature(f"{post.title}\n{post.body}")
            if self.index.candidates(minhash):
                self.counts["near"] += 1
            else:
                self.key += 1
                self.index.add(self.key, minhash)
            batch.append(f"{post.title}\n{post.body}")
            if len(batch) == 500:
                self._classify(batch)
                batch = []
        self._classify(batch)

    def _classify(self, texts) -> None:
        if self.models is not None and texts:
            self.models.predict(texts)


def _posts(n: int, seed: int = 2026):
    from gongkai.demo.opinion_sources import generate_posts

    return list(generate_posts(n, end=END, days=30, seed=seed))


def _worker(args) -> tuple[int, float, dict]:
    shard, workers, n = args
    _setup()
    posts = [p for i, p in enumerate(_posts(n)) if (i % SOURCES) % workers == shard]
    pipeline = Pipeline()
    pipeline.run(posts[:200])  # warm: dictionaries, models, automaton
    pipeline = Pipeline.__new__(Pipeline)
    Pipeline.__init__(pipeline)
    started = time.perf_counter()
    pipeline.run(posts)
    return len(posts), time.perf_counter() - started, pipeline.counts


def throughput(n: int, workers: int) -> float:
    started = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        results = pool.map(_worker, [(shard, workers, n) for shard in range(workers)])
    wall = time.perf_counter() - started
    total = sum(r[0] for r in results)
    slowest = max(r[1] for r in results)
    counts = {k: sum(r[2][k] for r in results) for k in results[0][2]}
    rate = total / slowest
    print(
        f"{workers} worker(s): {total:,} posts, {rate:,.0f} posts/s (slowest worker {slowest:.1f} s; "
        f"wall with start-up {wall:.1f} s); duplicates {counts['duplicates']:,}, near-duplicates "
        f"{counts['near']:,}, plan hits {counts['plan_hits']:,}"
    )
    return rate


def rjieba_ceiling(n: int) -> float:
    from gongkai.opinion.normalise import normalise_post
    from gongkai.search.segment import segment

    texts = [f"{p.title}\n{p.body}" for p in map(normalise_post, _posts(n))]
    segment(texts[0])
    started = time.perf_counter()
    for text in texts:
        segment(text)
    return len(texts) / (time.perf_counter() - started)


def long_run(n: int) -> None:
    from benchmarks._common import current_rss_mb
    from gongkai.demo.opinion_sources import generate_posts

    pipeline = Pipeline()
    started = time.perf_counter()
    print(f"long run: start RSS {current_rss_mb():.0f} MB")
    step = 100_000
    for block in range(0, n, step):
        raws = generate_posts(min(step, n - block), end=END, days=30, seed=block + 7, prefix=f"long{block}")
        pipeline.run(raws)
        pipeline.seen.clear()  # the database keeps the hashes; this process need not
        print(
            f"  {block + step:>9,} posts: RSS {current_rss_mb():.0f} MB, "
            f"{(block + step) / (time.perf_counter() - started):,.0f} posts/s so far"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--long", type=int, default=0)
    args = parser.parse_args()
    _setup()
    from gongkai.opinion import stages

    print(
        f"stages registered: {', '.join(f'{o} {name}' for o, name, _ in stages.stages())}; cores: {os.cpu_count()}"
    )
    ceiling = rjieba_ceiling(min(args.posts, 20_000))
    print(f"ceiling: raw rjieba over the same texts, 1 process: {ceiling:,.0f} posts/s")
    one = throughput(args.posts, 1)
    print(f"  ratio to raw rjieba: {one / ceiling:.2f}")
    if args.workers > 1:
        many = throughput(args.posts, args.workers)
        print(
            f"  ratio to raw rjieba (1 process): {many / ceiling:.2f}; speed-up over 1 worker {many / one:.2f}×"
        )
    if args.long:
        long_run(args.long)


if __name__ == "__main__":
    main()
