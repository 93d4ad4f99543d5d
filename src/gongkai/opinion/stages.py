"""The stages a batch of freshly stored posts goes through after collection, in order. Each part of the
opinion app registers its stage from `OpinionConfig.ready()`, so collection names none of them:

    10 classify (sentiment, demand type)   20 watch-plan matching   30 near-duplicates
    40 clustering into events              50 grade proposal on the events touched
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Stage = Callable[[Sequence[Any]], None]
_STAGES: list[tuple[int, str, Stage]] = []


def register_stage(order: int, name: str, fn: Stage) -> None:
    """Register (or replace, by name) a stage; `fn(posts)` gets the stored Post rows of one batch."""
    _STAGES[:] = [s for s in _STAGES if s[1] != name]
    _STAGES.append((order, name, fn))
    _STAGES.sort(key=lambda s: s[0])


def stages() -> list[tuple[int, str, Stage]]:
    return list(_STAGES)


def run_stages(posts: Sequence[Any]) -> None:
    for _order, _name, fn in list(_STAGES):
        fn(posts)
