"""Routing suggestions for the office's dispatch page (分办建议).

First the agencies whose routing keywords (`RoutingKeyword`, kept by the office) occur in the
message — most keywords first —, then the agencies that answered similar past messages of the
same office (MinHash signatures, `signatures.py`) — most similar messages first. Each suggestion
carries its reason as staff read it: “关键词：供暖、暖气”, “相似留言 3 条”. Suggestions only: the
office still chooses the lead agency on the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.ingest import similarity

from . import signatures
from .models import ANSWERED_STATES, Message, RoutingKeyword

HISTORY_LIMIT = 5000  # the most recent answered messages compared (a few MB of signatures at most)


@dataclass
class Suggestion:
    agency: Agency
    keywords: list[str] = field(default_factory=list)
    similar: int = 0
    best: float = 0.0

    @property
    def reason(self) -> str:
        parts = []
        if self.keywords:
            parts.append("关键词：" + "、".join(self.keywords))
        if self.similar:
            parts.append(f"相似留言 {self.similar} 条")
        return "；".join(parts)


def keyword_matches(message: Message) -> dict[int, list[str]]:
    """Agency id → the office's keywords for it found in the message's subject or text."""
    text = f"{message.subject}\n{message.body}".lower()
    found: dict[int, list[str]] = {}
    rows = RoutingKeyword.objects.filter(office_id=message.office_id, agency__is_active=True).values_list(
        "agency_id", "word"
    )
    for agency_id, word in sorted(rows, key=lambda row: row[1]):  # the same order on every database
        if word.lower() in text:
            found.setdefault(agency_id, []).append(word)
    return found


def similar_answered(message: Message) -> dict[int, tuple[int, float]]:
    """Agency id → (how many similar answered messages it led, the best similarity)."""
    since = message.received_on - timedelta(days=settings.GONGKAI_ROUTING_HISTORY_DAYS)
    past = list(
        Message.objects.filter(
            office_id=message.office_id,
            state__in=ANSWERED_STATES,
            lead_agency__isnull=False,
            received_on__gte=since,
        )
        .exclude(pk=message.pk)
        .order_by("-received_on", "-pk")
        .values_list("pk", "lead_agency_id")[:HISTORY_LIMIT]
    )
    if not past:
        return {}
    stored = signatures.signatures_for(Message.objects.filter(pk__in=[pk for pk, _ in past]))
    own = signatures.signatures_for([message])[message.pk]
    rows = [(agency_id, stored[pk]) for pk, agency_id in past if pk in stored]
    scores = similarity.similarities(own, similarity.matrix(data for _, data in rows))
    threshold = settings.GONGKAI_ROUTING_SIMILARITY
    found: dict[int, tuple[int, float]] = {}
    for (agency_id, _), score in zip(rows, scores, strict=True):
        if score >= threshold:
            count, best = found.get(agency_id, (0, 0.0))
            found[agency_id] = (count + 1, max(best, float(score)))
    return found


def suggest(message: Message, limit: int = 3) -> list[Suggestion]:
    """The suggested lead agencies for `message`, best first (keywords before similar messages)."""
    by_keyword = keyword_matches(message)
    by_similar = similar_answered(message)
    agencies = Agency.objects.in_bulk([*by_keyword, *by_similar])
    suggestions = {}
    for agency_id, words in by_keyword.items():
        suggestions[agency_id] = Suggestion(agencies[agency_id], keywords=words)
    for agency_id, (count, best) in by_similar.items():
        s = suggestions.setdefault(agency_id, Suggestion(agencies[agency_id]))
        s.similar, s.best = count, best
    ranked = sorted(
        suggestions.values(),
        key=lambda s: (-len(s.keywords), -s.similar, -s.best, s.agency.path),
    )
    return ranked[:limit]
