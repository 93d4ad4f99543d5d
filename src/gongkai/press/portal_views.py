"""Public pages of 新闻发布 (/press/): the calendar, spokespersons, a conference with its live text
and transcript, and the transcript's media files."""

from __future__ import annotations

import calendar as pycalendar
import re
from collections import defaultdict
from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.common import live
from gongkai.common.files import stored_file_response
from gongkai.common.pagecache import public_page

from . import queries
from .models import ConferenceState, Media, PressConference

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
WEEKDAYS = "一二三四五六日"


def _month(raw: str | None, today: date) -> tuple[int, int]:
    match = _MONTH.fullmatch((raw or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    return today.year, today.month


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


@public_page
def index(request):
    site = request.site
    recent = (
        queries.public_conferences(site)
        .filter(state__in=[ConferenceState.HELD, ConferenceState.PUBLISHED])
        .order_by("-starts_at", "-pk")[:10]
    )
    return render(
        request,
        "press/portal/index.html",
        {"nav": "press", "upcoming": queries.upcoming(site, 10), "recent": recent},
    )


@public_page(params=("month",))
def calendar(request):
    """发布会日程 of one month: every conference of the site's agencies, planned ones in advance."""
    today = timezone.localdate()
    year, month = _month(request.GET.get("month"), today)
    start, end = queries.month_bounds(year, month)
    conferences = queries.public_conferences(request.site).filter(starts_at__gte=start, starts_at__lt=end)
    by_day = defaultdict(list)
    for conf in conferences.order_by("starts_at", "pk"):
        by_day[conf.day].append(conf)
    days = [(day, WEEKDAYS[day.weekday()], by_day[day]) for day in sorted(by_day)]
    prev, nxt = _shift(year, month, -1), _shift(year, month, 1)
    return render(
        request,
        "press/portal/calendar.html",
        {
            "nav": "press",
            "year": year,
            "month": month,
            "days": days,
            "weekdays": WEEKDAYS,
            "weeks": _weeks(year, month, by_day, today),
            "prev": f"{prev[0]}-{prev[1]:02d}",
            "next": f"{nxt[0]}-{nxt[1]:02d}",
            "today": today,
        },
    )


def _weeks(year: int, month: int, by_day, today: date) -> list[list[dict | None]]:
    """The month as weeks of days (Monday first) for the grid shown on wide screens."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {"day": d, "count": len(by_day.get(d, [])), "today": d == today} if d.month == month else None
                for d in week
            ]
        )
    return weeks


@public_page
def spokespersons(request):
    people = list(queries.current_spokespersons(request.site))
    groups: dict[int, tuple] = {}
    for person in people:
        groups.setdefault(person.agency_id, (person.agency, []))[1].append(person)
    return render(
        request, "press/portal/spokespersons.html", {"nav": "press", "groups": list(groups.values())}
    )


@public_page
def conference(request, pk: int):
    conf = get_object_or_404(queries.with_speakers(queries.public_conferences(request.site)), pk=pk)
    published = conf.state == ConferenceState.PUBLISHED
    live_context = live.page_context(
        queries.feed(pk), url=reverse("press:live", args=[pk]), polling=queries.polls(conf)
    )
    return render(
        request,
        "press/portal/conference.html",
        {
            "nav": "press",
            "conference": conf,
            "published": published,
            "media": conf.media.all() if published else [],
            "documents": _public_documents(conf) if published else [],
            "interpretations": _public_interpretations(conf) if published else [],
            **live_context,
            # The live section: while it may run, or afterwards when there was one.
            "has_live": live_context["live"]["polling"] or bool(live_context["live"]["items"]),
        },
    )


def live_feed(request, pk: int):
    """New live text since the client's cursor; 304 from one cache read when nothing changed."""
    return live.respond(
        request,
        queries.feed(pk),
        done=lambda: not PressConference.objects.filter(pk=pk, state__in=queries.LIVE_STATES).exists(),
    )


def _public_documents(conf):
    from gongkai.publishing.models import Disclosure, State

    return conf.documents.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE).only(
        "id", "title", "index_number", "published_at"
    )


def _public_interpretations(conf):
    from gongkai.publishing.models import State

    return conf.interpretations.filter(state=State.PUBLISHED).only("id", "title", "published_at")


@require_GET
def media(request, pk: int):
    """A file of a published transcript, inline for the page's image and HTML5 players."""
    item = get_object_or_404(
        Media.objects.select_related("conference__agency"), pk=pk, conference__state=ConferenceState.PUBLISHED
    )
    if not request.site.shows_agency(item.conference.agency):
        raise Http404
    return stored_file_response(item.file, filename=item.name, content_type=item.content_type, inline=True)
