"""Online clustering of posts into events, and the keywords and title of an event. Pure: no Django.

A post becomes a bag of terms: the shared tokenizer (`search.segment.segment`, the same rjieba
segmentation as the search index), single characters, numbers and a list of stop words dropped,
title terms counted twice. An event keeps a centroid: the summed term counts of its posts, trimmed
to its `CENTROID_TERMS` strongest terms so that it stays small however many posts join.

Terms are weighted TF-IDF-ish: the document frequency of a term is counted over the posts of the
batch being clustered and the centroids of the events in the index (smoothed, as scikit-learn
does), so that words every post of a county contains (示范县, 政府, 群众) weigh little once there is
enough text to tell, and a batch of one post falls back to plain counts.

`ActiveIndex` holds the events active in the window (72 hours by default) of one owner agency in
memory, with an inverted index term → events, so that each post is compared only with the events
that share one of its strongest terms (at most `MAX_CANDIDATES`): the work per post is bounded,
whatever the number of events. A post joins the most similar event (cosine of the weighted
vectors) at or above the threshold, or opens a new one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gongkai.search.segment import segment

CENTROID_TERMS = 60
QUERY_TERMS = 12  # a post's strongest terms used to find candidate events
MAX_CANDIDATES = 50
KEYWORDS = 8
TITLE_MAX = 40

# Words that say nothing about which matter a post is about: function words, pronouns, filler of
# online posts, and the words every government post contains.
STOPWORDS = frozenset(
    """
    我们 你们 他们 她们 它们 自己 这个 那个 这些 那些 这样 那样 这里 那里 什么 怎么 怎么样 为什么
    一个 一些 一下 一直 已经 还是 还有 就是 但是 因为 所以 如果 虽然 而且 或者 以及 并且 然后
    没有 不是 不能 可以 可能 应该 需要 希望 觉得 知道 现在 今天 昨天 明天 目前 最近 时候 问题
    情况 有关 相关 进行 表示 开展 工作 通过 对于 关于 其中 之后 之前 以后 以来 非常 特别 比较
    大家 网友 记者 消息 报道 来源 发布 回复 转发 评论 点赞 视频 图片 全文 链接 详情 原文
    """.split()
)
_NUMBER = re.compile(r"^[0-9.%:]+$")


def terms(title: str, body: str = "") -> Counter[str]:
    """The terms of a post: title terms twice, body terms once."""
    bag: Counter[str] = Counter()
    for text, weight in ((title, 2), (body, 1)):
        for token in segment(text or ""):
            if len(token) >= 2 and token not in STOPWORDS and not _NUMBER.match(token):
                bag[token] += weight
    return bag


def trim(centroid: Mapping[str, float], size: int = CENTROID_TERMS) -> dict[str, float]:
    """The `size` strongest terms of a centroid (ties broken by the term, so the result is stable)."""
    strongest = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:size]
    return {term: round(weight, 3) for term, weight in strongest}


def add(centroid: Mapping[str, float], bag: Mapping[str, float]) -> dict[str, float]:
    merged = dict(centroid)
    for term, weight in bag.items():
        merged[term] = merged.get(term, 0.0) + weight
    return trim(merged)


class Idf:
    """Smoothed inverse document frequency over the documents it has seen (posts and centroids)."""

    def __init__(self) -> None:
        self.docs = 0
        self.df: Counter[str] = Counter()

    def see(self, bag: Iterable[str]) -> None:
        self.docs += 1
        self.df.update(set(bag))

    def __call__(self, term: str) -> float:
        return math.log((1 + self.docs) / (1 + self.df[term])) + 1.0


def weighted(bag: Mapping[str, float], idf: Idf) -> dict[str, float]:
    return {term: tf * idf(term) for term, tf in bag.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


@dataclass
class Cluster:
    key: Hashable  # an event's primary key, or a placeholder for an event opened in this batch
    centroid: dict[str, float]
    last_seen: datetime
    touched: bool = False


@dataclass
class ActiveIndex:
    """The active events of one owner, indexed by term, for one batch."""

    idf: Idf
    window: timedelta
    threshold: float
    clusters: dict[Hashable, Cluster] = field(default_factory=dict)
    by_term: dict[str, set[Hashable]] = field(default_factory=dict)

    def put(self, cluster: Cluster) -> None:
        old = self.clusters.get(cluster.key)
        if old is not None:
            for term in old.centroid:
                self.by_term.get(term, set()).discard(cluster.key)
        self.clusters[cluster.key] = cluster
        for term in cluster.centroid:
            self.by_term.setdefault(term, set()).add(cluster.key)

    def best(self, bag: Mapping[str, float], at: datetime) -> tuple[Hashable | None, float]:
        """The most similar cluster active at `at` (last seen within the window), if at or above the threshold."""
        vector = weighted(bag, self.idf)
        strongest = sorted(vector, key=lambda t: (-vector[t], t))[:QUERY_TERMS]
        shared: Counter[Hashable] = Counter()
        for term in strongest:
            shared.update(self.by_term.get(term, ()))
        best_key, best_score = None, 0.0
        for key, _n in shared.most_common(MAX_CANDIDATES):
            cluster = self.clusters[key]
            if not (at - self.window <= cluster.last_seen and cluster.last_seen - self.window <= at):
                continue
            score = cosine(vector, weighted(cluster.centroid, self.idf))
            if score > best_score or (
                score == best_score and best_key is not None and str(key) < str(best_key)
            ):
                best_key, best_score = key, score
        if best_key is None or best_score < self.threshold:
            return None, best_score
        return best_key, best_score

    def join(self, key: Hashable, bag: Mapping[str, float], at: datetime) -> None:
        cluster = self.clusters[key]
        self.put(Cluster(key, add(cluster.centroid, bag), max(cluster.last_seen, at), touched=True))

    def open(self, key: Hashable, bag: Mapping[str, float], at: datetime) -> None:
        self.put(Cluster(key, trim(bag), at, touched=True))


def keywords(centroid: Mapping[str, float], idf: Idf, n: int = KEYWORDS) -> list[str]:
    """An event's keywords: its centroid's strongest terms by TF-IDF, a word not repeated inside a longer one."""
    ranked = sorted(weighted(centroid, idf).items(), key=lambda kv: (-round(kv[1], 6), -len(kv[0]), kv[0]))
    chosen: list[str] = []
    for term, _w in ranked:
        if any(term in longer for longer in chosen):
            continue
        chosen = [c for c in chosen if c not in term]  # a longer word replaces the shorter inside it
        chosen.append(term)
        if len(chosen) >= n:
            break
    return chosen


def suggest_title(keywords: Sequence[str], candidates: Iterable[str]) -> str:
    """A title for an event: the candidate post title that covers most of its keywords (stronger
    keywords count more; a title longer than `TITLE_MAX` characters is cut), else the top keywords."""
    weights = {kw: len(keywords) - i for i, kw in enumerate(keywords)}
    best, best_score = "", 0.0
    for raw in candidates:
        title = " ".join((raw or "").split())
        if not title:
            continue
        score = sum(w for kw, w in weights.items() if kw in title)
        # Prefer the shorter of equally good titles, then the earlier one.
        if score > best_score or (score == best_score and score and len(title) < len(best)):
            best, best_score = title, score
    if best:
        return best if len(best) <= TITLE_MAX else best[: TITLE_MAX - 1] + "…"
    return "、".join(keywords[:3]) or "未命名事件"
