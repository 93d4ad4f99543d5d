"""Re-indexers: each app that feeds the index registers, per kind, a function yielding every Entry
that should be in the index now (e.g. publishing: all published documents).

    from gongkai.search.registry import register

    @register("document")
    def published_documents():
        for doc in Document.objects.published():
            yield Entry(kind="document", obj_id=doc.pk, ...)

Register in the app's `AppConfig.ready()` (or a module it imports). `gongkai search reindex` runs
them all; entries of a registered kind that a re-indexer no longer yields are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .index import Entry

Reindexer = Callable[[], Iterable[Entry]]
_REINDEXERS: dict[str, Reindexer] = {}


def register(kind: str) -> Callable[[Reindexer], Reindexer]:
    def decorator(fn: Reindexer) -> Reindexer:
        _REINDEXERS[kind] = fn
        return fn

    return decorator


def unregister(kind: str) -> None:
    _REINDEXERS.pop(kind, None)


def reindexers() -> dict[str, Reindexer]:
    return dict(_REINDEXERS)
