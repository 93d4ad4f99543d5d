"""相关文件 on a document page: what it replaces (explicit relation), then the newest public documents
of the same 主题分类 and of the same issuing agency. Three small indexed queries, titles and keys only."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Disclosure, Document, State

RELATED_PER_KIND = 5
_FIELDS = ("id", "index_number", "title", "published_at")


@dataclass
class Related:
    replaces: list[Document] = field(default_factory=list)
    same_subject: list[Document] = field(default_factory=list)
    same_agency: list[Document] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.replaces or self.same_subject or self.same_agency)


def related_documents(doc: Document, *, scope: Q | None = None, limit: int = RELATED_PER_KIND) -> Related:
    """`scope`: the condition of the site the page is on (`Site.scope()`), so no link leads off it."""

    def _public():
        qs = Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE)
        return qs.filter(scope or Q()).only(*_FIELDS)

    shown = {doc.pk}
    related = Related(
        replaces=list(_public().filter(replaced_by=doc).order_by("-published_at", "-pk")[:limit])
    )
    shown.update(d.pk for d in related.replaces)
    if doc.subject_id:
        related.same_subject = list(
            _public()
            .filter(subject_id=doc.subject_id)
            .exclude(pk__in=shown)
            .order_by("-published_at", "-pk")[:limit]
        )
        shown.update(d.pk for d in related.same_subject)
    related.same_agency = list(
        _public()
        .filter(agency_id=doc.agency_id)
        .exclude(pk__in=shown)
        .order_by("-published_at", "-pk")[:limit]
    )
    return related
