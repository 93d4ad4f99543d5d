"""Queries of 舆情 events for the pages: the list, and the event page's context in one function
(`event_detail_context`) that the handling part extends. Reads only the event's own rows and its
stored hourly and per-source counts — never a count over all posts — so a page costs the same with
a thousand posts or a million."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.agencies.scope import agency_filter, scoped

from . import burst as burstlib
from .actions_events import _rule
from .heatcurve import line_chart
from .models import Event, EventHour, EventSource, Post

SHANGHAI = ZoneInfo("Asia/Shanghai")
SINCE = {
    "24h": timedelta(hours=24),
    "72h": timedelta(hours=72),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}
SINCE_LABELS = [("24h", "近24小时"), ("72h", "近72小时"), ("7d", "近7天"), ("30d", "近30天")]
POSTS_PER_PAGE = 20
MAX_CURVE_HOURS = 24 * 31  # a longer event shows its last month


def events_for(user) -> QuerySet[Event]:
    """The events of the user's agency subtree (the owner who monitors them): the list."""
    return scoped(user, Event.objects.all(), "owner")


def event_pages_for(user) -> QuerySet[Event]:
    """The events whose page the user may open: monitored by, or assigned to, the user's subtree
    (the responsible agency follows its 待办 to the event page; merged ones too, to be sent on)."""
    return Event.objects.filter(agency_filter(user, "owner") | agency_filter(user, "agency"))


def event_list(
    user, *, state: str = "", grade: str = "", burst: str = "", since: str = ""
) -> QuerySet[Event]:
    qs = events_for(user).select_related("owner", "agency")
    qs = qs.only(
        "id", "title", "keywords", "first_seen_at", "last_seen_at", "post_count", "heat", "negative_share",
        "is_burst", "burst_at", "grade", "proposed_grade", "state", "owner__name", "owner__short_name",
        "agency__name", "agency__short_name",
    )  # fmt: skip
    if state:
        qs = qs.filter(state=state)
    else:
        qs = qs.exclude(state="merged")
    if grade:
        qs = qs.filter(grade=grade)
    if burst == "yes":
        qs = qs.filter(is_burst=True)
    elif burst == "no":
        qs = qs.filter(is_burst=False)
    if since in SINCE:
        qs = qs.filter(last_seen_at__gte=timezone.now() - SINCE[since])
    return qs.order_by("-heat", "-pk")


def _hour_number(at: datetime) -> int:
    return int(at.timestamp() // 3600)


def heat_curve(event: Event) -> dict:
    """The hourly heat curve (SVG), burst hours marked, and per-day totals for the table."""
    rows = list(EventHour.objects.filter(event=event).order_by("hour").values_list("hour", "posts", "heat"))
    if not rows:
        return {"svg": "", "days": [], "bursts": []}
    points = {_hour_number(h): (n, heat) for h, n, heat in rows}
    last = max(points)
    first = max(min(points), last - MAX_CURVE_HOURS + 1)
    filled = burstlib.fill_hours(points, first, last)
    bursts = burstlib.burst_hours([n for _, n, _ in filled], _rule())
    local = [datetime.fromtimestamp(h * 3600, UTC).astimezone(SHANGHAI) for h, _, _ in filled]
    every = max(1, len(filled) // 6)
    ticks = [(i, f"{at:%m-%d %H时}") for i, at in enumerate(local) if i % every == 0]
    days: dict = defaultdict(lambda: [0, 0.0])
    for at, (_, n, heat) in zip(local, filled, strict=True):
        days[at.date()][0] += n
        days[at.date()][1] += heat
    peak = max(range(len(filled)), key=lambda i: filled[i][2])
    summary = (
        f"自{local[0]:%m月%d日%H时}至{local[-1]:%m月%d日%H时}，共{sum(n for _, n, _ in filled)}条信息；"
        f"热度最高在{local[peak]:%m月%d日%H时}（{filled[peak][2]:.1f}）；"
        + (
            f"突发{len(bursts)}个小时，最近一次在{local[bursts[-1]]:%m月%d日%H时}。"
            if bursts
            else "未出现突发。"
        )
    )
    svg = line_chart(
        [(f"{at:%m-%d %H时}", heat) for at, (_, _, heat) in zip(local, filled, strict=True)],
        title=f"“{event.title}”每小时热度",
        summary=summary,
        marks=bursts,
        ticks=ticks,
    )
    return {
        "svg": mark_safe(svg),  # built from escaped text only (heatcurve.line_chart)
        "summary": summary,
        "days": [(day, n, round(heat, 1)) for day, (n, heat) in sorted(days.items())],
        "bursts": [local[i] for i in bursts],
    }


def sentiment_bar(shares: list[tuple[str, str, int, float]]) -> str:
    """A stacked bar of sentiment shares (SVG attributes, no inline style: the CSP allows none)."""
    x, parts = 0.0, []
    for value, _label, _n, share in shares:
        parts.append(
            f'<rect x="{x:.1f}%" y="0" width="{share:.1f}%" height="14" class="share {value or "none"}"/>'
        )
        x += share
    return mark_safe(  # numbers and fixed class names only
        '<svg class="sentiment-bar" width="100%" height="14" aria-hidden="true" focusable="false">'
        + "".join(parts)
        + "</svg>"
    )


def event_detail_context(event: Event, *, page: str | None = None) -> dict:
    """Everything the event page shows about the event itself; other parts add their own keys."""
    sources = list(
        EventSource.objects.filter(event=event)
        .select_related("source")
        .only("posts", "heat", "first_at", "source__name", "source__category", "source__weight")
        .order_by("-posts", "first_at")[:30]
    )
    posts = Paginator(
        Post.objects.filter(event=event)
        .select_related("source")
        .only(
            "id",
            "title",
            "body",
            "url",
            "published_at",
            "likes",
            "comments",
            "shares",
            "sentiment",
            "duplicate_of_id",
            "source__name",
        )  # fmt: skip
        .order_by("-published_at", "-pk"),
        POSTS_PER_PAGE,
    ).get_page(page)
    first_post = (
        Post.objects.select_related("source").filter(pk=event.first_post_id).first()
        if event.first_post_id
        else None
    )
    shares = event.sentiment_shares()
    return {
        "event": event,
        "curve": heat_curve(event),
        "sources": sources,
        "source_total": EventSource.objects.filter(event=event).count()
        if len(sources) == 30
        else len(sources),
        "first_post": first_post,
        "page_obj": posts,
        "shares": shares,
        "sentiment_bar": sentiment_bar(shares) if shares else "",
        "merged_into": event.merged_into if event.merged_into_id else None,
    }
