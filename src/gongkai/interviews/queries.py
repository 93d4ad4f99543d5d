"""Reads of 在线访谈: what a staff member may see, what the portal shows, the live feed."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.agencies.scope import scoped
from gongkai.common import live
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models import ASKING_STATES, PUBLIC_STATES, Interview, LiveEntry, Moderation, Question, State, live_key


def interviews_for(user) -> QuerySet[Interview]:
    """The interviews of the user's agency subtree."""
    return scoped(user, Interview.objects.select_related("agency"))


def public_interviews() -> QuerySet[Interview]:
    return Interview.objects.filter(state__in=PUBLIC_STATES).select_related("agency")


def _render_entry(entry: LiveEntry) -> str | None:
    if entry.withdrawn:
        return None
    return render_to_string("interviews/_entry.html", {"entry": entry})


def feed(pk: int) -> live.Feed:
    """The live text of interview `pk` as the portal shows it (nothing before it is announced)."""
    entries = LiveEntry.objects.filter(interview_id=pk, interview__state__in=PUBLIC_STATES).select_related(
        "interview", "guest", "answers"
    )
    return live.Feed(key=live_key(pk), entries=entries, render=_render_entry)


def approved_questions(interview: Interview) -> QuerySet[Question]:
    return interview.questions.filter(moderation=Moderation.APPROVED)


def unanswered_questions(interview: Interview) -> QuerySet[Question]:
    """Approved questions no entry answers yet (answered ones show inside the live text)."""
    return approved_questions(interview).exclude(answers__withdrawn=False).order_by("asked_at", "pk")


def portal_block(request, site) -> dict:
    """The home page's block: live now first, then the upcoming, then the latest past."""
    items = list(public_interviews().order_by("-starts_at", "-pk")[:20])
    rank = {State.LIVE: 0, State.COLLECTING: 1}
    items.sort(
        key=lambda i: (
            rank.get(i.state, 2),
            i.starts_at if i.state == State.COLLECTING else -i.starts_at.timestamp(),
        )
    )
    return {"items": items[:5]}


def todo_items(user) -> list[TodoItem]:
    """Questions waiting for moderation in the user's interviews that still take questions."""
    if not user.is_authenticated:
        return []
    rows = (
        interviews_for(user)
        .filter(state__in=ASKING_STATES, questions__moderation=Moderation.HELD)
        .annotate(held=Count("questions"))
        .order_by("starts_at")
    )
    return [
        TodoItem(
            title=f"在线访谈“{i.topic}”有{i.held}个网友提问待审核",
            url=reverse(
                "interviews_staff:console" if i.state == State.LIVE else "interviews_staff:detail",
                args=[i.pk],
            ),
            agency=i.agency.display_name,
            status=i.get_state_display(),
            urgency=Urgency.DUE_SOON if i.state == State.LIVE else Urgency.NORMAL,
        )
        for i in rows
    ]


def opinion_items(after_pk: int, limit: int = 500) -> list[dict]:
    """Questions after `after_pk`, oldest first, as 舆情 items (masked text; read by the 舆情 app)."""
    from .models import Question

    rows = Question.objects.filter(pk__gt=after_pk).select_related("interview").order_by("pk")[:limit]
    return [
        {
            "id": q.pk,
            "title": f"在线访谈《{q.interview.topic}》网民提问",
            "body": q.masked_body,
            "published_at": q.asked_at,
        }
        for q in rows
    ]
