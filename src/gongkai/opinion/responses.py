"""What may answer an event: things other domains have published, read through their public queries —
documents and interpretations (publishing, through the releasable hook), press conferences that took
place (press), posts of registered new-media accounts (newmedia), published message replies
(interaction).

A candidate is published by the responsible agency or a government above it, on or after the event's
first appearance (something published before could not have answered it). Its time is the moment the
public could read it: a document's publishing time, a conference's start, a post's time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .models import ResponseKind

LIMIT = 20  # candidates per kind, newest first


@dataclass(frozen=True)
class Candidate:
    kind: str
    object_id: int
    title: str
    url: str
    agency_id: int
    agency_name: str
    published_at: datetime

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"

    @property
    def kind_label(self) -> str:
        return str(ResponseKind(self.kind).label)


def _releasable(kind: str, agency_ids: list[int], since: datetime, pk: int | None) -> list[Candidate]:
    from gongkai.newmedia.releasable import kind as releasable_kind

    hook = releasable_kind(kind)
    if hook is None:
        return []
    qs = hook.published().filter(agency_id__in=agency_ids, published_at__gte=since).select_related("agency")
    if pk is not None:
        qs = qs.filter(pk=pk)
    return [
        Candidate(
            kind, o.pk, o.title, o.get_absolute_url(), o.agency_id, o.agency.display_name, o.published_at
        )
        for o in qs.order_by("-published_at", "-pk")[:LIMIT]
    ]


def _conferences(agency_ids: list[int], since: datetime, pk: int | None) -> list[Candidate]:
    from gongkai.press.models import HELD_STATES
    from gongkai.press.queries import public_conferences

    qs = public_conferences().filter(agency_id__in=agency_ids, state__in=HELD_STATES, starts_at__gte=since)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return [
        Candidate(
            ResponseKind.CONFERENCE,
            c.pk,
            c.topic,
            c.get_absolute_url(),
            c.agency_id,
            c.agency.display_name,
            c.starts_at,
        )  # fmt: skip
        for c in qs.order_by("-starts_at", "-pk")[:LIMIT]
    ]


def _posts(agency_ids: list[int], since: datetime, pk: int | None) -> list[Candidate]:
    from gongkai.newmedia.queries import published_posts

    qs = published_posts(agency_ids).filter(published_at__gte=since)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return [
        Candidate(
            ResponseKind.STATEMENT,
            p.pk,
            f"{p.account.name}：{p.title}",
            p.url,
            p.account.agency_id,
            p.account.agency.display_name,
            p.published_at,
        )  # fmt: skip
        for p in qs[:LIMIT]
    ]


def _replies(agency_ids: list[int], since: datetime, pk: int | None) -> list[Candidate]:
    from django.urls import reverse

    from gongkai.interaction.public import answered_replies

    qs = answered_replies(agency_ids).filter(published_at__gte=since)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return [
        Candidate(
            ResponseKind.REPLY,
            r.pk,
            f"答复留言：{r.message.masked_subject or r.message.subject}"[:300],
            reverse("interaction:message", args=[r.message_id]),
            r.message.lead_agency_id,
            r.message.lead_agency.display_name,
            r.published_at,
        )  # fmt: skip
        for r in qs[:LIMIT]
    ]


def answering_agencies(event) -> list[int]:
    """The responsible agency and the agencies above it (its government may answer for it)."""
    agency = event.agency or event.owner
    return [agency.pk, *agency.ancestors().values_list("pk", flat=True)]


def candidates(event, kinds: Iterable[str] | None = None) -> list[Candidate]:
    """Everything that could be linked as the event's response, newest first."""
    ids = answering_agencies(event)
    out: list[Candidate] = []
    for kind in kinds or ResponseKind.values:
        out += _lookup(kind, ids, event.first_seen_at, None)
    return sorted(out, key=lambda c: c.published_at, reverse=True)


def find(event, key: str) -> Candidate | None:
    """The candidate a form's `kind:pk` names, if it may answer this event."""
    kind, _, pk = key.partition(":")
    if kind not in ResponseKind.values or not pk.isdigit():
        return None
    found = _lookup(kind, answering_agencies(event), event.first_seen_at, int(pk))
    return found[0] if found else None


def _lookup(kind: str, agency_ids: list[int], since: datetime, pk: int | None) -> list[Candidate]:
    if kind == ResponseKind.CONFERENCE:
        return _conferences(agency_ids, since, pk)
    if kind == ResponseKind.STATEMENT:
        return _posts(agency_ids, since, pk)
    if kind == ResponseKind.REPLY:
        return _replies(agency_ids, since, pk)
    return _releasable(kind, agency_ids, since, pk)
