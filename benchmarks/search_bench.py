"""Search benchmark: indexing speed, raw rjieba speed, and query latency on a large catalog.

    .venv/bin/python benchmarks/search_bench.py [--entries 100000] [--database-url postgres://postgres@127.0.0.1:5432/gk_bench]

Generates N realistic government documents (titles from agencies × topics × genres, bodies of
sentences from the demo seed documents and a phrase vocabulary, GB-form 文号), indexes them through
`gongkai.search.index.index_entries`, then times 50 queries (topic words, two-word queries, 文号
typed with various brackets, phrases from bodies), each through the full `search()` (count, facets,
one page of 20 highlighted hits). Uses a throwaway database: a temporary SQLite file by default; a
PostgreSQL database named in the URL is dropped and created afresh (and left for inspection).
Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "src" / "gongkai" / "demo" / "data" / "seeds"

TOPICS = [
    "政府信息公开",
    "三公经费",
    "部门预算",
    "部门决算",
    "保障性住房",
    "老旧小区改造",
    "棚户区改造",
    "城乡居民基本医疗保险",
    "最低生活保障",
    "特困人员救助供养",
    "养老服务",
    "义务教育招生入学",
    "学前教育",
    "安全生产",
    "食品安全",
    "大气污染防治",
    "水污染防治",
    "河长制",
    "乡村振兴",
    "巩固拓展脱贫攻坚成果",
    "优化营商环境",
    "双随机一公开",
    "行政执法公示制度",
    "权责清单",
    "重大行政决策",
    "行政规范性文件",
    "政务公开标准化规范化",
    "政府开放日",
    "政务新媒体",
    "回应社会关切",
    "新闻发布会",
    "疫情防控",
    "应急预案",
    "森林防火",
    "防汛抗旱",
    "耕地保护",
    "高标准农田建设",
    "农村人居环境整治",
    "政府采购",
    "地方政府专项债券",
    "预算绩效管理",
    "就业创业",
    "公共就业服务",
    "职业技能培训",
    "住房公积金",
    "房屋征收",
    "土地征收",
    "环境影响评价",
    "药品安全",
    "价格监管",
    "消费者权益保护",
    "统计公报",
    "政府工作报告",
    "民生实事",
    "人大代表建议",
    "政协委员提案",
    "12345政务服务便民热线",
    "一网通办",
    "证明事项告知承诺制",
    "公平竞争审查",
    "合法性审核",
    "数据开放",
    "信访工作",
    "冬季供暖",
    "城市管理",
    "垃圾分类",
    "文明城市创建",
    "全民健身",
    "文物保护",
    "旅游发展",
]
GENRES = [
    "通知",
    "意见",
    "实施方案",
    "工作方案",
    "管理办法",
    "实施细则",
    "决定",
    "批复",
    "报告",
    "通告",
    "公告",
]
VERBS = ["关于印发", "关于做好", "关于进一步加强", "关于开展", "关于公布", "关于调整", "关于规范", "关于推进"]
SUBJECTS = [
    "财政",
    "城乡建设",
    "教育",
    "卫生健康",
    "生态环境",
    "市场监管",
    "应急管理",
    "民政",
    "农业农村",
    "综合政务",
]
VALIDITY = ["有效", "有效", "有效", "已修改", "已废止"]
AGENCIES = [
    ("示范县人民政府", "示政发"),
    ("示范县人民政府办公室", "示政办发"),
    ("示范县财政局", "示财发"),
    ("示范县住房和城乡建设局", "示建发"),
    ("示范县教育局", "示教发"),
    ("示范县生态环境局", "示环发"),
    ("示范县市场监督管理局", "示市监发"),
    ("示范县应急管理局", "示应急发"),
    ("示范县卫生健康局", "示卫健发"),
    ("示范县城关镇人民政府", "城政发"),
    ("示范县河口镇人民政府", "河政发"),
    ("示范县东城街道办事处", "东街发"),
]
TEMPLATES = [
    "为深入贯彻落实{t}工作部署，进一步提升{u}水平，结合本县实际，制定本{g}。",
    "各乡镇人民政府、街道办事处，县政府各部门要高度重视{t}工作，明确责任分工，确保各项任务落到实处。",
    "{a}负责{t}的统筹协调，会同有关部门做好{u}相关工作，每季度报送工作进展。",
    "对{t}中发现的问题，要建立台账、限期整改，整改情况向社会公开，接受群众监督。",
    "本{g}自印发之日起施行，有效期五年。此前有关{t}的规定与本{g}不一致的，以本{g}为准。",
    "2024年，全县{t}累计投入资金3200万元，惠及群众1.2万人，群众满意度达到95%以上。",
    "依据《中华人民共和国政府信息公开条例》，{a}主动公开{t}相关信息，依申请公开的按规定办理。",
]


def seed_sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sentences = [s.strip() for s in re.split(r"[。！？\n]", re.sub(r"[ \u3000]+", "", text))]
    return [s + "。" for s in sentences if 12 <= len(s) <= 160]


def documents(n: int, agency_ids: list[int], *, seed: int = 2026):
    """Yield n Entry objects, deterministically, without holding them all in memory."""
    from gongkai.search.index import Entry

    rng = random.Random(seed)
    pool = seed_sentences()
    serials: dict[tuple[int, int], int] = {}
    start = datetime(2015, 1, 1, 2, tzinfo=UTC)
    for i in range(n):
        a = rng.randrange(len(AGENCIES))
        name, prefix = AGENCIES[a]
        topic, other = rng.sample(TOPICS, 2)
        genre = rng.choice(GENRES)
        published = start + timedelta(minutes=rng.randrange(60 * 24 * 365 * 11))
        year = published.year
        serials[(a, year)] = serials.get((a, year), 0) + 1
        sentences = []
        for _ in range(rng.randint(8, 24)):
            if rng.random() < 0.45:
                sentences.append(rng.choice(pool))
            else:
                sentences.append(rng.choice(TEMPLATES).format(t=topic, u=other, g=genre, a=name))
        yield Entry(
            kind="interpretation" if i % 10 == 9 else "document",
            obj_id=i + 1,
            agency_id=agency_ids[a],
            title=f"{name}{rng.choice(VERBS)}{topic}{rng.choice(['', '工作', '专项行动'])}的{genre}",
            doc_number=f"{prefix}〔{year}〕{serials[(a, year)]}号",
            body="".join(sentences),
            url=f"/openness/documents/{i + 1}/",
            published_at=published,
            filters={"subject": rng.choice(SUBJECTS), "genre": genre, "validity": rng.choice(VALIDITY)},
        )


def queries(n_entries: int) -> list[str]:
    rng = random.Random(7)
    pool = seed_sentences()
    words = [
        "三公经费",
        "政府信息公开",
        "保障性住房",
        "乡村振兴",
        "优化营商环境",
        "最低生活保障",
        "义务教育",
        "安全生产",
        "河长制",
        "政府采购",
        "住房公积金",
        "疫情防控",
        "垃圾分类",
        "新闻发布会",
        "回应社会关切",
        "行政规范性文件",
        "财政局",
        "应急预案",
        "统计公报",
        "文物保护",
    ]
    pairs = [
        "财政局 预算",
        "住建局 老旧小区改造",
        "教育局 招生",
        "2024 三公经费",
        "城关镇 防汛",
        "专项债券 绩效",
        "河口镇 人居环境",
        "市场监管 食品安全",
        "政务公开 工作要点",
        "应急管理 森林防火",
    ]
    brackets = ["〔{y}〕", "[{y}]", "【{y}】", "({y})", "（{y}）", "{y}"]
    numbers = []
    for _ in range(10):
        _, prefix = rng.choice(AGENCIES)
        year, serial = rng.randint(2015, 2025), rng.randint(1, max(1, n_entries // 200))
        numbers.append(prefix + rng.choice(brackets).format(y=year) + f"{serial}号")
    phrases = []
    for sentence in rng.sample(pool, 10):
        start = rng.randrange(max(1, len(sentence) - 12))
        phrases.append(sentence[start : start + rng.randint(6, 12)])
    return words + pairs + numbers + phrases


def setup_django(database_url: str | None) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gk-search-bench-")
    if not database_url:
        database_url = "sqlite:///" + os.path.join(os.environ["GONGKAI_VAR_DIR"], "bench.sqlite3")
    elif database_url.startswith("postgres"):
        recreate_postgres(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    return database_url


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def make_agencies() -> list[int]:
    from gongkai.agencies.actions import create_agency
    from gongkai.agencies.models import Kind, Level
    from gongkai.demo.county import demo_credit_code

    ids = []
    for serial, (name, prefix) in enumerate(AGENCIES, start=1):
        agency = create_agency(
            None,
            name=name,
            level=Level.COUNTY,
            kind=Kind.DEPARTMENT,
            credit_code=demo_credit_code(serial),
            doc_prefixes=[prefix],
        )
        ids.append(agency.pk)
    return ids


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--segment-sample", type=int, default=3000, help="documents for the raw rjieba timing"
    )
    args = parser.parse_args()

    url = setup_django(args.database_url)
    import rjieba
    from django.core.management import call_command
    from django.db import connection

    from gongkai.search.index import index_entries, search
    from gongkai.search.segment import segment

    call_command("migrate", verbosity=0)
    print(
        f"database: {connection.vendor} ({url.split('@')[-1]}), entries: {args.entries}, cpu: {os.cpu_count()} cores (shared)"
    )
    agency_ids = make_agencies()

    segment("预热")  # loads the dictionary and the user dictionary once, as a server process does
    sample = [d.body + d.title for d in documents(args.segment_sample, agency_ids, seed=1)]
    chars = sum(len(t) for t in sample)
    for label, fn in [
        ("rjieba.cut (raw)", lambda t: rjieba.cut(t, hmm=True)),
        ("rjieba.cut_for_search (raw)", lambda t: rjieba.cut_for_search(t, hmm=True)),
        ("segment() (userdict, filters)", segment),
    ]:
        t0 = time.perf_counter()
        for text in sample:
            fn(text)
        elapsed = time.perf_counter() - t0
        print(f"{label:<32} {len(sample) / elapsed:>8.0f} docs/s  {chars / elapsed / 1e6:6.2f} M chars/s")

    t0 = time.perf_counter()
    total_chars = 0

    def counted():
        nonlocal total_chars
        for i, entry in enumerate(documents(args.entries, agency_ids)):
            total_chars += len(entry.body)
            if i and i % 20_000 == 0:
                print(f"  … {i} indexed, {i / (time.perf_counter() - t0):.0f} docs/s", flush=True)
            yield entry

    written = index_entries(counted(), batch_size=1000)
    elapsed = time.perf_counter() - t0
    print(
        f"indexing (generate + segment + write)  {written / elapsed:8.0f} docs/s   {elapsed:.0f} s for {written}"
        f" (avg body {total_chars // max(written, 1)} chars)"
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")

    qs = queries(args.entries)
    for q in qs:  # warm caches once, as a running server would be
        search(q)
    samples, rows = [], []
    for q in qs:
        t = time.perf_counter()
        results = search(q)
        ms = (time.perf_counter() - t) * 1000
        samples.append(ms)
        rows.append((ms, q, results.total, bool(results.hits and results.hits[0].doc_number_match)))
    print(
        f"queries: {len(qs)}   p50 {percentile(samples, 0.5):.1f} ms   p95 {percentile(samples, 0.95):.1f} ms"
        f"   max {max(samples):.1f} ms   mean {statistics.mean(samples):.1f} ms   (target p95 < 50 ms)"
    )
    print("slowest:")
    for ms, q, total, exact in sorted(rows, reverse=True)[:8]:
        print(f"  {ms:7.1f} ms  {total:>7} hits  {'文号命中 ' if exact else ''}{q}")
    found = sum(1 for *_, exact in rows if exact)
    print(f"文号 queries whose document came first: {found}/10")


if __name__ == "__main__":
    main()
