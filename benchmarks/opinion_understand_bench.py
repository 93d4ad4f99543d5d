"""舆情 "Understand": watch-plan matching with 5,000 terms and the sentiment/诉求 classifiers.

    .venv/bin/python benchmarks/opinion_understand_bench.py [--posts 20000] [--plans 500] [--evaluate]

Pure (no database). Builds N plans of 10 terms each (5,000 terms for 500 plans: words of the
training text and place names, every fifth plan with a NEAR/n or title: expression), and N posts from
the training sentences padded with seed sentences to 80–400 characters. Times
- compiling all plans into one automaton (parse + build),
- `CompiledPlans.match` per post (scan title and body once, evaluate the plans that had a hit),
  against the ceiling of the same automaton scan alone (pyahocorasick `iter`, no evaluation),
- `classify.classify` on batches of 500 posts, against the ceiling of the shared rjieba tokenizer
  alone on the same texts (the word features cost at least that),
- loading the shipped model pickle versus training from the TSV (why the pickle is shipped).
`--evaluate` also prints the cross-validated accuracy by pattern group (slow: ten trainings).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai.opinion import classify  # noqa: E402
from gongkai.opinion.planquery import compile_plans, normalise  # noqa: E402
from gongkai.search.segment import segment  # noqa: E402

PLACES = ["示范县", "城关镇", "河口镇", "东城街道", "南山乡", "河西村", "幸福里小区", "开发区", "新城小区"]


def make_plans(n: int, words: list[str], rng: random.Random) -> list[tuple[int, dict, str]]:
    plans = []
    for plan_id in range(1, n + 1):
        terms = words[(plan_id - 1) * 10 : plan_id * 10]  # 10 distinct terms a plan, none shared
        groups = {
            "region": " ".join(terms[:2]),
            "subject": " ".join(terms[2:5]),
            "event": " ".join(terms[5:9]),
        }
        groups["exclude"] = terms[9]
        expression = ""
        if plan_id % 5 == 0:
            expression = "{地域} {主体} NEAR/20 {事件} NOT {排除}"
        elif plan_id % 5 == 1:
            expression = "(title:{主体} OR ({地域} {事件})) NOT {排除}"
        plans.append((plan_id, groups, expression))
    return plans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--plans", type=int, default=500)
    parser.add_argument("--evaluate", action="store_true")
    args = parser.parse_args()
    rng = random.Random(2026)

    examples = [e.text for e in classify.load_examples()]
    vocabulary = sorted({w for text in examples for w in segment(text) if len(w) >= 2})
    words = list(dict.fromkeys(PLACES + vocabulary))
    rng.shuffle(words)
    while len(words) < args.plans * 10:  # pad with two-word compounds to reach 10 terms a plan
        compound = rng.choice(vocabulary) + rng.choice(vocabulary)
        if compound not in words:
            words.append(compound)
    seeds = examples[:]
    posts = []
    for _ in range(args.posts):
        body = rng.choice(examples)
        while len(body) < rng.randint(80, 400):
            body += rng.choice(seeds)
        posts.append((body[:30], body))

    plans = make_plans(args.plans, words, rng)
    started = time.perf_counter()
    compiled = compile_plans(plans)
    build = time.perf_counter() - started
    print(
        f"plans: {len(compiled)}, distinct terms: {len(compiled.terms)}; compile + automaton build {build * 1000:.0f} ms"
    )

    started = time.perf_counter()
    hits = 0
    automaton = compiled.automaton
    for title, body in posts:
        for _ in automaton.iter(normalise(title)):
            hits += 1
        for _ in automaton.iter(normalise(body)):
            hits += 1
    ceiling = len(posts) / (time.perf_counter() - started)

    started, cpu = time.perf_counter(), time.process_time()
    matched = 0
    for title, body in posts:
        matched += len(compiled.match(body, title))
    rate = len(posts) / (time.perf_counter() - started)
    cpu_rate = len(posts) / (time.process_time() - cpu)  # per busy CPU: the machine is shared
    print(
        f"match: {rate:,.0f} posts/s ({cpu_rate:,.0f} per CPU-second; {matched / len(posts):.1f} plans and "
        f"{hits / len(posts):.0f} term hits a post); automaton scan alone {ceiling:,.0f} posts/s; "
        f"ratio {rate / ceiling:.2f}"
    )

    started = time.perf_counter()
    models = classify.load()
    load = time.perf_counter() - started
    assert models is not None, "shipped pickle stale: run `gongkai train_opinion_models`"
    texts = [f"{t}\n{b}" for t, b in posts[:5000]]
    models.predict(texts[:10])  # warm the tokenizer's dictionary
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), 500):
        models.predict(texts[i : i + 500])
    rate = len(texts) / (time.perf_counter() - started)
    cpu_rate = len(texts) / (time.process_time() - cpu)
    started = time.perf_counter()
    for text in texts:
        segment(text[: classify.MAX_CHARS])
    tokens = len(texts) / (time.perf_counter() - started)
    print(
        f"classify: {rate:,.0f} posts/s ({cpu_rate:,.0f} per CPU-second) in batches of 500; rjieba tokenizer alone {tokens:,.0f} posts/s; ratio {rate / tokens:.2f}"
    )

    started = time.perf_counter()
    classify.train()
    train = time.perf_counter() - started
    print(
        f"models: load shipped pickle {load * 1000:.0f} ms (incl. scikit-learn import); train from TSV {train:.1f} s"
    )

    if args.evaluate:
        result = classify.evaluate()
        for task in ("sentiment", "demand"):
            r = result[task]
            f1 = ", ".join(f"{k} {v:.2f}" for k, v in r["f1"].items())
            print(f"{task}: accuracy {r['accuracy']:.3f}, macro F1 {r['macro_f1']:.3f} ({f1})")
        c = result["check_enquiries"]
        print(
            f"neutral enquiries: {c['negative_share']:.0%} called negative, {c['enquiry_share']:.0%} called 咨询"
        )


if __name__ == "__main__":
    main()
