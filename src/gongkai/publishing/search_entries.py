"""What publishing puts into the search index, for re-indexing (`gongkai search reindex`).

Registered by `PublishingConfig.ready()` as the re-indexers of the kinds in `REINDEXERS`.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.search.index import Entry

from .actions import document_entry_kwargs, interpretation_entry_kwargs
from .models import Disclosure, Document, Interpretation, State


def published_documents() -> Iterator[Entry]:
    docs = Document.objects.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE).order_by("pk")
    for doc in docs.iterator(chunk_size=500):
        yield Entry(kind="document", obj_id=doc.pk, **document_entry_kwargs(doc))


def published_interpretations() -> Iterator[Entry]:
    for item in Interpretation.objects.filter(state=State.PUBLISHED).order_by("pk").iterator(chunk_size=500):
        yield Entry(kind="interpretation", obj_id=item.pk, **interpretation_entry_kwargs(item))


REINDEXERS = {"document": published_documents, "interpretation": published_interpretations}
