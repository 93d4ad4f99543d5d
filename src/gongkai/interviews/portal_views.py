"""The public side of 在线访谈 (/interviews/): the list (upcoming, live now, past), an interview's
page (the question form, the live text, later the transcript with its files) and the small JSON
endpoint the live page polls (`gongkai.common.live`)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.common import live
from gongkai.common.files import stored_file_response
from gongkai.common.pagecache import public_page

from . import queries
from .models import PUBLIC_STATES, Interview, LiveEntry, State

NAV = "interviews"


def _public_interview(pk: int) -> Interview:
    return get_object_or_404(queries.public_interviews(), pk=pk)


@public_page
def detail(request, pk: int):
    interview = _public_interview(pk)
    polling = interview.state in (State.COLLECTING, State.LIVE)
    context = {
        "nav": NAV,
        "interview": interview,
        "guests": list(interview.guests.select_related("agency")),
        "questions": list(queries.approved_questions(interview)),
        "media": list(interview.media.all()) if interview.state == State.PUBLISHED else [],
        **live.page_context(queries.feed(pk), url=reverse("interviews:live", args=[pk]), polling=polling),
    }
    return render(request, "interviews/portal/detail.html", context)


def live_feed(request, pk: int):
    """New entries since the client's cursor; 304 from one cache read when nothing changed."""
    return live.respond(
        request,
        queries.feed(pk),
        done=lambda: not Interview.objects.filter(pk=pk, state__in=(State.COLLECTING, State.LIVE)).exists(),
    )


def entry_image(request, pk: int, entry: int):
    item = get_object_or_404(
        LiveEntry.objects.exclude(image=""),
        pk=entry,
        interview_id=pk,
        interview__state__in=PUBLIC_STATES,
        withdrawn=False,
    )
    if not item.image:
        raise Http404
    return stored_file_response(item.image, filename=item.image.name.rsplit("/", 1)[-1])
