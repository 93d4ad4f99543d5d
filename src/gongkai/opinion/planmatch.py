"""Watch plans against the database: the per-process automaton, the pipeline stage that stores matches,
re-matching a changed plan, and the editor's live count.

Every process keeps one compiled automaton of all enabled plans with the version it was built for. The
version lives in the shared cache ("counters": Redis, or the database table without Redis, so the web
processes and the worker agree); a plan change writes a new version and each process rebuilds on its
next batch. One cache read per batch, not per post. A saved plan's matches over the last 30 days are
recomputed by a background task (`rematch_plan_task`).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .planquery import CompiledPlans, compile_plans, parse_plan

VERSION_KEY = "opinion:watchplans:version"
REMATCH_DAYS = 30  # a saved plan is matched again over the posts of this many days
LIVE_DAYS = 7
LIVE_LIMIT = 20_000  # the live count reads at most this many of the most recent posts
BATCH = 2000

_lock = threading.Lock()
_compiled: tuple[str, CompiledPlans] | None = None


def _shared():
    return caches["counters"]


def current_version() -> str:
    cache = _shared()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def plans_changed(plan_id: int) -> None:
    """After commit: a new version for every process, and this plan's matches recomputed by the task
    worker (a month of posts is too much to scan inside the analyst's request at county scale)."""

    def bump() -> None:
        _shared().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        rematch_plan_task.enqueue(plan_id)

    transaction.on_commit(bump)


@task()
def rematch_plan_task(plan_id: int) -> None:
    rematch_plan(plan_id)


def compiled_plans() -> CompiledPlans:
    global _compiled
    from .models import WatchPlan

    version = current_version()
    with _lock:
        if _compiled is not None and _compiled[0] == version:
            return _compiled[1]
        rows = WatchPlan.objects.filter(enabled=True).values_list(
            "pk", "region", "subject", "event", "exclude", "expression"
        )
        compiled = compile_plans(
            (pk, {"region": r, "subject": s, "event": e, "exclude": x}, expression)
            for pk, r, s, e, x, expression in rows
        )
        _compiled = (version, compiled)
        return compiled


def match_posts(posts: Sequence) -> None:
    """Pipeline stage 20: store which enabled plans each post of the batch matches (one bulk insert)."""
    from .models import PlanMatch

    compiled = compiled_plans()
    if not len(compiled) or not posts:
        return
    rows = [
        PlanMatch(plan_id=plan_id, post_id=post.pk, published_at=post.published_at)
        for post in posts
        for plan_id in compiled.match(post.body, post.title)
    ]
    PlanMatch.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)


def rematch_plan(plan_id: int, *, days: int = REMATCH_DAYS) -> int:
    """Drop a plan's matches and, if it is enabled, match it again over the posts of recent days."""
    from .models import PlanMatch, Post, WatchPlan

    plan = WatchPlan.objects.filter(pk=plan_id).first()
    PlanMatch.objects.filter(plan_id=plan_id).delete()
    if plan is None or not plan.enabled:
        return 0
    compiled = compile_plans([(plan.pk, plan.groups(), plan.expression)])
    if not len(compiled):
        return 0
    since = timezone.now() - timedelta(days=days)
    posts = Post.objects.filter(published_at__gte=since).values_list("pk", "title", "body", "published_at")
    rows, total = [], 0
    for pk, title, body, published_at in posts.iterator(chunk_size=BATCH):
        if compiled.match(body, title):
            rows.append(PlanMatch(plan_id=plan.pk, post_id=pk, published_at=published_at))
            if len(rows) >= BATCH:
                total += len(PlanMatch.objects.bulk_create(rows, ignore_conflicts=True))
                rows = []
    total += len(PlanMatch.objects.bulk_create(rows, ignore_conflicts=True))
    return total


def live_count(groups: Mapping[str, str], expression: str) -> tuple[int, int]:
    """(matching, scanned) over the most recent posts of the last LIVE_DAYS days, at most LIVE_LIMIT.

    Raises PlanError for a malformed plan. Reads title and body only, never the stored matches, so it
    counts an unsaved draft.
    """
    from .models import Post

    compiled = CompiledPlans([(0, parse_plan(groups, expression))])
    since = timezone.now() - timedelta(days=LIVE_DAYS)
    posts = Post.objects.filter(published_at__gte=since).order_by("-published_at")
    matching = scanned = 0
    for title, body in posts.values_list("title", "body")[:LIVE_LIMIT].iterator(chunk_size=BATCH):
        scanned += 1
        if compiled.match(body, title):
            matching += 1
    return matching, scanned
