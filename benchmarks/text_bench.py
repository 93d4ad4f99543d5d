"""Text side of 留言办理: masking, MinHash signatures, near-duplicate clusters, routing comparison.

    .venv/bin/python benchmarks/text_bench.py [--messages 5000]

Pure (no database): builds N realistic messages (complaints about a few dozen topics, each with a
writer's name, phone, ID number, address or plate in some of them, and a share of near-duplicate
re-submissions), then times
- `ingest.masking.mask_text` per message (what every public page and every reply draft costs),
- `ingest.similarity.signature` per message (done once, when a message is registered),
- `ingest.similarity.cluster` over one agency's month (the daily prompt-letter job),
- the routing comparison of one new message against N stored signatures (`similarity.similarities`,
  what the dispatch page does after reading the signatures from the database),
and checks that every planted near-duplicate group is found and nothing personal is left.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gongkai.common.identifiers import make_resident_id  # noqa: E402
from gongkai.ingest import similarity  # noqa: E402
from gongkai.ingest.masking import find_personal_data, mask_text  # noqa: E402

PLACES = ["幸福小区", "东关村", "城关镇", "河口镇", "滨河花园", "建设路", "人民路", "锦绣家园"]
TOPICS = [
    (
        "暖气不热",
        "今年入冬以来{place}暖气一直不热，室温只有十二度，老人孩子都冻病了，请督促供热公司尽快解决。",
    ),
    ("路灯不亮", "{place}的路灯坏了三个月，晚上出行很不方便，已经有老人摔倒，请有关部门尽快维修。"),
    (
        "补贴未发",
        "今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，{place}很多农户都在等，请尽快发放。",
    ),
    ("噪音扰民", "{place}附近工地夜间施工噪音很大，每天凌晨两点还在打桩，严重影响休息，请环保部门查处。"),
    ("入学咨询", "孩子今年该上小学了，户口在{place}但房子在城区，请问应该到哪个学校报名，需要哪些材料？"),
    ("物业纠纷", "{place}物业公司收费不公示，电梯坏了半个月没人修，业主多次反映无果，请住建局督促整改。"),
    ("食品安全", "在{place}一家超市买到过期的牛奶，向商家反映后对方拒绝退换，请市场监管部门处理。"),
    ("医保报销", "在县医院住院的费用医保报销比例比去年低了很多，{place}的邻居也是这样，请问是什么原因？"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "秀英", "伟", "芳", "小明", "桂兰", "志强", "丽"]
EXTRAS = [
    "我叫{name}，电话{phone}。",
    "联系人：{name}，手机{phone}，身份证号{idno}。",
    "我是{name}，家住{place}12号3栋2单元501室。",
    "我的车{plate}停在小区门口被贴了罚单。",
    "",
]


def make_messages(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(topic key, writer name, text); a fifth of them re-submissions of an earlier one with small edits."""
    out: list[tuple[str, str, str]] = []
    for _ in range(n):
        if out and rng.random() < 0.2:
            key, _, text = rng.choice(out[-200:])
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            out.append((key, name, "县长您好！" + text.replace("尽快", "抓紧") + "谢谢！"))
            continue
        key, template = rng.choice(TOPICS)
        place = rng.choice(PLACES)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        extra = rng.choice(EXTRAS).format(
            name=name,
            phone=f"139{rng.randrange(10**8):08d}",
            idno=make_resident_id(
                f"410105{rng.randrange(1950, 2005)}0{rng.randrange(1, 10)}{rng.randrange(10, 29)}{rng.randrange(100, 999)}"
            ),
            place=place,
            plate=f"豫A{rng.randrange(10000, 99999)}",
        )
        out.append((f"{key}@{place}", name, template.format(place=place) + extra))
    return out


def timed(label: str, fn, items) -> list:
    start = time.perf_counter()
    results = [fn(item) for item in items]
    elapsed = time.perf_counter() - start
    print(
        f"{label}: {len(items)} in {elapsed:.2f} s = {len(items) / elapsed:,.0f}/s ({elapsed / len(items) * 1000:.2f} ms each)"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(20261203)
    messages = make_messages(args.messages, rng)

    masked = timed("mask_text", lambda m: mask_text(m[2], known_names=[m[1]]), messages)
    left = sum(
        1
        for (_, name, _), text in zip(messages, masked, strict=True)
        if name in text or find_personal_data(text)
    )
    print(f"  masked messages still holding personal data: {left}")

    signatures = timed("signature", lambda m: similarity.signature(m[2]), messages)

    month = {i: signatures[i] for i in range(min(1000, len(messages)))}
    start = time.perf_counter()
    groups = similarity.cluster(month)
    elapsed = time.perf_counter() - start
    planted = {}
    for i in month:
        planted.setdefault(messages[i][0], []).append(i)
    print(
        f"cluster: {len(month)} messages in {elapsed * 1000:.0f} ms → {len(groups)} groups (largest {len(groups[0]) if groups else 0})"
    )

    rows = similarity.matrix(similarity.to_bytes(s) for s in signatures)
    target = similarity.to_bytes(signatures[0])
    runs = []
    for _ in range(50):
        start = time.perf_counter()
        scores = similarity.similarities(target, rows)
        runs.append(time.perf_counter() - start)
    print(
        f"routing comparison: 1 against {len(rows)} stored signatures, median {statistics.median(runs) * 1000:.2f} ms "
        f"({int((scores >= 0.3).sum())} at ≥ 0.3)"
    )


if __name__ == "__main__":
    main()
