"""Reads of 在线访谈: what a staff member may see, what the portal shows, the live feed."""

from __future__ import annotations

from django.db.models import QuerySet
from django.template.loader import render_to_string

from gongkai.agencies.scope import scoped
from gongkai.common import live

from .models import PUBLIC_STATES, Interview, LiveEntry, Moderation, Question, live_key


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
