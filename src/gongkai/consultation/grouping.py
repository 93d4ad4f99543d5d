"""Suggested groups of similar comments: near-duplicates by MinHash (`gongkai.ingest.similarity`).

Only comments not yet in a group are compared; staff confirm a suggestion (it becomes a
`CommentGroup` through `report_actions.group_comments`) or adjust it first. Signatures are computed
on the fly from the text staff see: a consultation's few thousand comments take well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.ingest import similarity

from .models import Comment, Consultation


@dataclass
class Suggestion:
    comments: list[Comment]

    @property
    def title(self) -> str:
        """A default name for the group: the start of its first comment."""
        first = self.comments[0].masked_body or self.comments[0].body
        return first[:30]

    @property
    def ids(self) -> str:
        return ",".join(str(c.pk) for c in self.comments)


def suggestions(consultation: Consultation, threshold: float = similarity.THRESHOLD) -> list[Suggestion]:
    comments = {
        c.pk: c
        for c in consultation.comments.filter(group__isnull=True)
        .select_related("paragraph")
        .order_by("submitted_at", "pk")
    }
    signatures = {pk: similarity.signature(c.body) for pk, c in comments.items()}
    return [Suggestion([comments[pk] for pk in group]) for group in similarity.cluster(signatures, threshold)]
