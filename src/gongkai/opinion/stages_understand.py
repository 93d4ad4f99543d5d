"""Pipeline stage 10: sentiment and 诉求 type of each post of a batch, the batch vectorised at once."""

from __future__ import annotations

from collections.abc import Sequence

from .classify import classify


def classify_posts(posts: Sequence) -> None:
    from .models import Post

    posts = [p for p in posts if p.title or p.body]
    if not posts:
        return
    for post, (sentiment, demand) in zip(
        posts, classify([f"{p.title}\n{p.body}" for p in posts]), strict=True
    ):
        post.sentiment, post.demand = str(sentiment), str(demand)
    Post.objects.bulk_update(posts, ["sentiment", "demand"], batch_size=500)
