"""Actions of 舆情 events: cluster a batch of stored posts into events (pipeline stage 40), merge
events whose keywords converged (the nightly pass), and recompute events for the demo.

Clustering keeps its work per batch bounded: one query for the sources, one for the originals of
near-duplicates, one for the owner's active events, then writes grouped per event. The hourly
counts (EventHour) and per-source counts (EventSource) are added to, never recounted from the
posts, so a batch costs the same on the first day and on the millionth post.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit.actions import record_audit

from . import burst as burstlib
from . import clustering
from .models import Event, EventHour, EventSource, EventState, Post, Source

CLOSED_STATES = (EventState.MERGED, EventState.CLOSED)
BATCH = 500


def _rule() -> burstlib.BurstRule:
    return burstlib.BurstRule(
        alpha=settings.GONGKAI_OPINION_BURST_ALPHA,
        sigmas=settings.GONGKAI_OPINION_BURST_SIGMAS,
        growth=settings.GONGKAI_OPINION_BURST_GROWTH,
        growth_hours=settings.GONGKAI_OPINION_BURST_GROWTH_HOURS,
        min_posts=settings.GONGKAI_OPINION_BURST_MIN_POSTS,
    )


def hour_of(at: datetime) -> datetime:
    """The start of the UTC hour of an instant (hours are kept in UTC; pages show Asia/Shanghai)."""
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass
class _Growth:
    """What one batch adds to one event."""

    posts: list[Post] = field(default_factory=list)
    hours: dict[datetime, list] = field(default_factory=lambda: defaultdict(lambda: [0, 0.0]))
    sources: dict[int, list] = field(default_factory=dict)
    sentiments: Counter = field(default_factory=Counter)
    heat: float = 0.0

    def add(self, post: Post, weight: float) -> None:
        heat = burstlib.post_heat(weight, post.likes, post.comments, post.shares)
        self.posts.append(post)
        slot = self.hours[hour_of(post.published_at)]
        slot[0] += 1
        slot[1] += heat
        src = self.sources.setdefault(post.source_id, [0, 0.0, post.published_at])
        src[0] += 1
        src[1] += heat
        src[2] = min(src[2], post.published_at)
        self.sentiments[post.sentiment or ""] += 1
        self.heat += heat


def cluster_posts(posts: Sequence[Post]) -> list[int]:
    """Pipeline stage 40: put each post of a stored batch into an event; returns the events touched.

    A near-duplicate joins its original's event. Any other post joins the most similar event of its
    source's owner agency last seen within the window (GONGKAI_OPINION_EVENT_WINDOW_HOURS), if the
    similarity reaches GONGKAI_OPINION_CLUSTER_SIMILARITY, or opens a new event. Posts already in an
    event are left where they are.
    """
    todo = sorted((p for p in posts if p.event_id is None), key=lambda p: (p.published_at, p.pk))
    if not todo:
        return []
    window = timedelta(hours=settings.GONGKAI_OPINION_EVENT_WINDOW_HOURS)
    with transaction.atomic():
        sources = {
            s.pk: s
            for s in Source.objects.filter(pk__in={p.source_id for p in todo}).only(
                "id", "owner_id", "weight"
            )
        }
        originals = dict(
            Post.objects.filter(
                pk__in={p.duplicate_of_id for p in todo if p.duplicate_of_id}, event__isnull=False
            ).values_list("pk", "event_id")
        )
        owners = {s.owner_id for s in sources.values()}
        active = Q(
            owner_id__in=owners,
            last_seen_at__gte=todo[0].published_at - window,
            first_seen_at__lte=todo[-1].published_at + window,
        ) & ~Q(state__in=CLOSED_STATES)
        events = {e.pk: e for e in Event.objects.filter(active | Q(pk__in=set(originals.values())))}
        # An original whose event was merged since: follow it to the event it went into.
        for post_pk, event_pk in list(originals.items()):
            event = events.get(event_pk)
            if event is not None and event.state == EventState.MERGED and event.merged_into_id:
                originals[post_pk] = event.merged_into_id
                if event.merged_into_id not in events:
                    events[event.merged_into_id] = Event.objects.get(pk=event.merged_into_id)

        by_owner: dict[int, list[Post]] = defaultdict(list)
        for post in todo:
            by_owner[sources[post.source_id].owner_id].append(post)
        touched: list[int] = []
        for owner_id, owner_posts in sorted(by_owner.items()):
            touched += _cluster_owner(owner_id, owner_posts, events, originals, sources, window)
    return touched


def _cluster_owner(owner_id, posts, events, originals, sources, window) -> list[int]:
    idf = clustering.Idf()
    index = clustering.ActiveIndex(idf, window, settings.GONGKAI_OPINION_CLUSTER_SIMILARITY)
    mine = {pk: e for pk, e in events.items() if e.owner_id == owner_id and e.state not in CLOSED_STATES}
    for event in mine.values():
        idf.see(event.centroid)
        index.put(clustering.Cluster(event.pk, dict(event.centroid), event.last_seen_at))
    bags = {}
    for post in posts:
        bags[post.pk] = clustering.terms(post.title, post.body)
        idf.see(bags[post.pk])

    placed: dict[int, object] = {}  # post pk → event pk or ("new", n)
    opened: dict[object, Post] = {}
    for post in posts:
        bag, at = bags[post.pk], post.published_at
        key = placed.get(post.duplicate_of_id)
        original = events.get(originals.get(post.duplicate_of_id))
        if (
            key is None
            and original is not None
            and original.owner_id == owner_id
            and original.state not in CLOSED_STATES
        ):
            key = original.pk
            if key not in index.clusters:
                index.put(clustering.Cluster(key, dict(original.centroid), original.last_seen_at))
        if key is None:
            key, _score = index.best(bag, at)
        if key is None:
            key = ("new", len(opened))
            opened[key] = post
            index.open(key, bag, at)
        else:
            index.join(key, bag, at)
        placed[post.pk] = key

    # Open the new events, then write what the batch adds to every event it touched.
    created = {}
    for key, first in opened.items():
        created[key] = Event(
            owner_id=owner_id,
            title=clustering.suggest_title([], [first.title]) if first.title else "未命名事件",
            first_seen_at=first.published_at,
            last_seen_at=first.published_at,
            first_post=first,
        )
    Event.objects.bulk_create(created.values())
    resolved = {**{k: events[k] for k in index.clusters if k in events}, **created}

    growth: dict[int, _Growth] = defaultdict(_Growth)
    for post in posts:
        event = resolved[placed[post.pk]]
        growth[event.pk].add(post, sources[post.source_id].weight)
    for event_pk, g in growth.items():
        Post.objects.filter(pk__in=[p.pk for p in g.posts]).update(event_id=event_pk)
        for p in g.posts:
            p.event_id = event_pk
    _add_counts(growth)
    hours = _hour_series(growth.keys())

    changed = []
    for key, event in resolved.items():
        g = growth.get(event.pk)
        if g is None:
            continue
        first = min(g.posts, key=lambda p: (p.published_at, p.pk))
        if event.first_post_id is None or first.published_at < event.first_seen_at:
            event.first_post = first
        event.first_seen_at = min(event.first_seen_at, first.published_at)
        event.last_seen_at = max([event.last_seen_at, *(p.published_at for p in g.posts)])
        event.post_count += len(g.posts)
        event.heat = round(event.heat + g.heat, 3)
        event.sentiments = dict(Counter(event.sentiments) + g.sentiments)
        event.negative_share = round(event.sentiments.get("negative", 0) / max(event.post_count, 1), 4)
        event.centroid = index.clusters[key].centroid
        event.keywords = clustering.keywords(event.centroid, idf)
        if event.title_suggested:
            event.title = clustering.suggest_title(event.keywords, [event.title, *(p.title for p in g.posts)])
        _set_burst(event, hours.get(event.pk, {}))
        changed.append(event)
    Event.objects.bulk_update(
        changed,
        [
            "first_post", "first_seen_at", "last_seen_at", "post_count", "heat", "sentiments",
            "negative_share", "centroid", "keywords", "title", "is_burst", "burst_at",
        ],
    )  # fmt: skip
    record_audit(
        actor=None,
        action="opinion.event.cluster",
        agency=changed[0].owner if changed else None,
        after={"posts": len(posts), "opened": len(created), "joined": len(changed) - len(created)},
    )
    return [e.pk for e in changed]


def _add_counts(growth: dict[int, _Growth]) -> None:
    """Add a batch's hourly and per-source counts to the stored ones (create the missing rows)."""
    if not growth:
        return
    hours = {(pk, h) for pk, g in growth.items() for h in g.hours}
    stored = {
        (row.event_id, row.hour): row
        for row in EventHour.objects.filter(event_id__in=growth.keys(), hour__in={h for _, h in hours})
    }
    new, old = [], []
    for pk, g in growth.items():
        for hour, (n, heat) in g.hours.items():
            row = stored.get((pk, hour))
            if row is None:
                new.append(EventHour(event_id=pk, hour=hour, posts=n, heat=round(heat, 3)))
            else:
                row.posts += n
                row.heat = round(row.heat + heat, 3)
                old.append(row)
    EventHour.objects.bulk_create(new)
    EventHour.objects.bulk_update(old, ["posts", "heat"])

    stored_src = {
        (row.event_id, row.source_id): row
        for row in EventSource.objects.filter(
            event_id__in=growth.keys(), source_id__in={s for g in growth.values() for s in g.sources}
        )
    }
    new_src, old_src = [], []
    for pk, g in growth.items():
        for source_id, (n, heat, first_at) in g.sources.items():
            row = stored_src.get((pk, source_id))
            if row is None:
                new_src.append(
                    EventSource(
                        event_id=pk, source_id=source_id, posts=n, heat=round(heat, 3), first_at=first_at
                    )
                )
            else:
                row.posts += n
                row.heat = round(row.heat + heat, 3)
                row.first_at = min(row.first_at, first_at)
                old_src.append(row)
    EventSource.objects.bulk_create(new_src)
    EventSource.objects.bulk_update(old_src, ["posts", "heat", "first_at"])


def _hour_series(event_pks: Iterable[int]) -> dict[int, dict[int, tuple[int, float]]]:
    """Every stored hour of the events: {event pk: {hour number: (posts, heat)}}."""
    series: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
    for event_id, hour, posts, heat in EventHour.objects.filter(event_id__in=list(event_pks)).values_list(
        "event_id", "hour", "posts", "heat"
    ):
        series[event_id][int(hour.timestamp() // 3600)] = (posts, heat)
    return series


def _set_burst(event: Event, points: dict[int, tuple[int, float]]) -> None:
    if not points:
        event.is_burst, event.burst_at = False, None
        return
    first = min(points)
    filled = burstlib.fill_hours(points, first, max(points))
    found = burstlib.burst_hours([n for _, n, _ in filled], _rule())
    event.is_burst = bool(found)
    event.burst_at = datetime.fromtimestamp(filled[found[-1]][0] * 3600, UTC) if found else None


# ---------------------------------------------------------------- merging


def merge_events(into: Event, others: Sequence[Event], *, actor=None, note: str = "") -> Event:
    """Merge `others` into `into`: their posts, hourly and per-source counts move over; each becomes
    MERGED with `merged_into` set, audited. Only events still 待研判 are merged away."""
    with transaction.atomic():
        ids = [into.pk, *(o.pk for o in others)]
        locked = {e.pk: e for e in Event.objects.select_for_update(of=("self",)).filter(pk__in=ids)}
        into = locked[into.pk]
        gone = [locked[o.pk] for o in others if o.pk != into.pk and locked[o.pk].state == EventState.NEW]
        if not gone:
            return into
        gone_ids = [e.pk for e in gone]
        Post.objects.filter(event_id__in=gone_ids).update(event_id=into.pk)
        _move_counts(into, gone_ids)
        candidates = [into.title]
        for event in gone:
            into.centroid = clustering.add(into.centroid, event.centroid)
            into.sentiments = dict(Counter(into.sentiments) + Counter(event.sentiments))
            into.post_count += event.post_count
            into.heat = round(into.heat + event.heat, 3)
            if event.first_seen_at < into.first_seen_at:
                into.first_seen_at, into.first_post_id = event.first_seen_at, event.first_post_id
            into.last_seen_at = max(into.last_seen_at, event.last_seen_at)
            candidates.append(event.title)
        into.negative_share = round(into.sentiments.get("negative", 0) / max(into.post_count, 1), 4)
        idf = clustering.Idf()
        idf.see(into.centroid)
        into.keywords = clustering.keywords(into.centroid, idf)
        if into.title_suggested:
            into.title = clustering.suggest_title(into.keywords, candidates)
        _set_burst(into, _hour_series([into.pk]).get(into.pk, {}))
        into.save()
        for event in gone:
            before = {"state": event.state, "post_count": event.post_count}
            event.state, event.merged_into = EventState.MERGED, into
            event.save(update_fields=["state", "merged_into"])
            record_audit(
                actor=actor,
                action="opinion.event.merge",
                target=event,
                agency=event.owner,
                before=before,
                after={"state": EventState.MERGED, "merged_into": into.pk, "merged_into_title": into.title},
                note=note,
            )
    return into


def _move_counts(into: Event, gone_ids: list[int]) -> None:
    hours: dict[datetime, list] = defaultdict(lambda: [0, 0.0])
    sources: dict[int, list] = {}
    for row in EventHour.objects.filter(event_id__in=[into.pk, *gone_ids]):
        hours[row.hour][0] += row.posts
        hours[row.hour][1] += row.heat
    for row in EventSource.objects.filter(event_id__in=[into.pk, *gone_ids]):
        slot = sources.setdefault(row.source_id, [0, 0.0, row.first_at])
        slot[0] += row.posts
        slot[1] += row.heat
        slot[2] = min(slot[2], row.first_at)
    EventHour.objects.filter(event_id__in=[into.pk, *gone_ids]).delete()
    EventSource.objects.filter(event_id__in=[into.pk, *gone_ids]).delete()
    EventHour.objects.bulk_create(
        EventHour(event=into, hour=h, posts=n, heat=round(heat, 3)) for h, (n, heat) in hours.items()
    )
    EventSource.objects.bulk_create(
        EventSource(event=into, source_id=s, posts=n, heat=round(heat, 3), first_at=first)
        for s, (n, heat, first) in sources.items()
    )


def merge_groups(events: Sequence[Event], threshold: float) -> list[tuple[Event, list[Event]]]:
    """Which of one owner's events to merge: pairs whose weighted centroids are at least `threshold`
    similar join one group; each group goes into its handled event (if it has exactly one; a group
    with two handled events is left alone) or else its largest, earliest event."""
    idf = clustering.Idf()
    for event in events:
        idf.see(event.centroid)
    vectors = [clustering.weighted(e.centroid, idf) for e in events]
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if root(i) != root(j) and clustering.cosine(vectors[i], vectors[j]) >= threshold:
                parent[root(j)] = root(i)
    groups: dict[int, list[Event]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[root(i)].append(event)
    plan = []
    for group in groups.values():
        if len(group) < 2:
            continue
        handled = [e for e in group if e.state != EventState.NEW]
        if len(handled) > 1:
            continue
        into = handled[0] if handled else min(group, key=lambda e: (-e.post_count, e.first_seen_at, e.pk))
        plan.append((into, sorted((e for e in group if e is not into), key=lambda e: e.pk)))
    return plan


def run_merge_pass(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """The nightly pass: per owner, merge the events of the last GONGKAI_OPINION_MERGE_DAYS days whose
    keywords converged (GONGKAI_OPINION_MERGE_SIMILARITY). Idempotent: a second run finds nothing."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.GONGKAI_OPINION_MERGE_DAYS)
    recent = Event.objects.filter(last_seen_at__gte=since).exclude(state__in=CLOSED_STATES).order_by("pk")
    by_owner: dict[int, list[Event]] = defaultdict(list)
    for event in recent.only("id", "owner_id", "state", "centroid", "post_count", "first_seen_at"):
        by_owner[event.owner_id].append(event)
    merged = groups = 0
    for _owner, events in sorted(by_owner.items()):
        for into, others in merge_groups(events, settings.GONGKAI_OPINION_MERGE_SIMILARITY):
            groups += 1
            merged += len(others)
            if not dry_run:
                merge_events(into, others, note="关键词趋同，夜间合并")
    return {"checked": sum(len(v) for v in by_owner.values()), "groups": groups, "merged": merged}


# ---------------------------------------------------------------- recomputing


def recompute_events(*, batch: int = BATCH) -> int:
    """Cluster every post not yet in an event, oldest first, in batches as collection would (the demo
    calls this after loading posts; safe to run again). Returns the number of posts placed."""
    placed = 0
    while True:
        posts = list(Post.objects.filter(event__isnull=True).order_by("published_at", "pk")[:batch])
        if not posts:
            return placed
        cluster_posts(posts)
        placed += len(posts)


def count_attached_posts(event: Event) -> Event:
    """Rebuild an event's hourly and per-source counts, sentiments, first post and burst flag from the posts
    attached to it by another route than clustering (an import of a vendor's ready-made events, the
    demo's hand-made events), so that its page shows the same curve and sources as a clustered one.
    The stored heat is kept: it may come from the vendor with the event."""
    posts = list(event.posts.select_related("source").order_by("published_at", "pk"))
    if not posts:
        return event
    growth = _Growth()
    for post in posts:
        growth.add(post, post.source.weight)
    with transaction.atomic():
        EventHour.objects.filter(event=event).delete()
        EventSource.objects.filter(event=event).delete()
        _add_counts({event.pk: growth})
        event.first_post = posts[0]
        event.first_seen_at = min(event.first_seen_at, posts[0].published_at)
        event.last_seen_at = max(event.last_seen_at, posts[-1].published_at)
        event.post_count = len(posts)
        event.sentiments = dict(growth.sentiments)
        event.negative_share = round(growth.sentiments.get("negative", 0) / len(posts), 4)
        _set_burst(event, _hour_series([event.pk]).get(event.pk, {}))
        event.save(
            update_fields=[
                "first_post", "first_seen_at", "last_seen_at", "post_count", "sentiments",
                "negative_share", "is_burst", "burst_at",
            ]
        )  # fmt: skip
    return event
