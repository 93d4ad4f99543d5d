"""The near-duplicate stage (order 30): a post saying nearly what an earlier post said (a repost with
a few words changed, the same story from another outlet) points at that post in `duplicate_of`, so
that clustering and heat count the story once while every source and interaction is kept.

Signatures are MinHash over the shared tokenizer (`gongkai.ingest.similarity`). Candidates come from
an LSH index kept in the worker process over the originals of the last GONGKAI_OPINION_NEARDUP_HOURS
hours (loaded from the database on first use, at most GONGKAI_OPINION_NEARDUP_MAX posts, oldest
evicted first). The index only proposes: each candidate is checked against the signature stored in
the database, so an index that is stale (another process stored the post, a test database rolled
back) can miss a pair but never invent one. Work per post is bounded: one LSH query, one comparison
per candidate, and one query per batch for the candidates' stored signatures.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import timedelta

import numpy as np
from datasketch import MinHashLSH
from django.conf import settings
from django.db import connection
from django.utils import timezone

from gongkai.ingest import similarity

LSH_THRESHOLD = 0.3  # candidates a little below the threshold; each one is then checked


class RecentIndex:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=similarity.NUM_PERM)
        self.order: deque[int] = deque()

    def add(self, key: int, minhash) -> None:
        if key in self.lsh:  # a key of a row that is gone (a rolled-back transaction reuses ids)
            self.lsh.remove(key)
            self.order.remove(key)
        self.lsh.insert(key, minhash)
        self.order.append(key)
        while len(self.order) > self.capacity:
            self.lsh.remove(self.order.popleft())

    def candidates(self, minhash) -> list[int]:
        return self.lsh.query(minhash)


_index: dict[str, RecentIndex] = {}


def reset() -> None:
    _index.clear()


def _recent_index() -> RecentIndex:
    """The process's index for this database, warmed from the stored originals on first use."""
    from ..models import Post

    key = f"{connection.alias}:{connection.settings_dict['NAME']}"
    index = _index.get(key)
    if index is None:
        index = _index[key] = RecentIndex(settings.GONGKAI_OPINION_NEARDUP_MAX)
        since = timezone.now() - timedelta(hours=settings.GONGKAI_OPINION_NEARDUP_HOURS)
        rows = (
            Post.objects.filter(published_at__gte=since, duplicate_of__isnull=True, signature__isnull=False)
            .order_by("-published_at")
            .values_list("pk", "signature")[: index.capacity]
        )
        for pk, data in reversed(list(rows)):
            index.add(pk, similarity.from_bytes(data))
    return index


def text_of(post) -> str:
    return f"{post.title}\n{post.body}"


def mark_near_duplicates(posts: Sequence) -> None:
    """Sign each post of the batch and point near-duplicates at the earliest original they repeat."""
    from ..models import Post

    if not posts:
        return
    index = _recent_index()
    threshold = similarity.THRESHOLD
    signed = [(post, similarity.signature(text_of(post))) for post in posts]
    signed.sort(key=lambda pm: (pm[0].published_at, pm[0].pk))
    batch_ids = {post.pk for post, _ in signed}
    asked = {pk for _, mh in signed if not mh.is_empty() for pk in index.candidates(mh)} - batch_ids
    stored = (
        {
            pk: (np.frombuffer(bytes(data), dtype="<u4"), original)
            for pk, data, original in Post.objects.filter(pk__in=asked, signature__isnull=False).values_list(
                "pk", "signature", "duplicate_of_id"
            )
        }
        if asked
        else {}
    )
    local: dict[int, tuple[np.ndarray, int | None]] = {}
    for post, minhash in signed:
        values = minhash.hashvalues.astype("<u4")
        post.signature = values.tobytes()
        if minhash.is_empty():
            continue
        best, best_score = None, 0.0
        for pk in index.candidates(minhash):
            known = local.get(pk) or stored.get(pk)
            if known is None or pk == post.pk:
                continue
            score = float((known[0] == values).mean())
            if score >= threshold and score > best_score:
                best, best_score = known[1] or pk, score
        post.duplicate_of_id = best
        local[post.pk] = (values, best)
        if best is None:
            index.add(post.pk, minhash)
    Post.objects.bulk_update([post for post, _ in signed], ["signature", "duplicate_of"], batch_size=500)
