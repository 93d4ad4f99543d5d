"""The difference between two versions of a power list, without the database.

Items are paired by their `key` (kept when a version is copied into the next one): an item only in
the new version was added, one only in the old was removed, and a pair whose compared fields
differ was changed — with the names of the fields that changed, for highlighting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Item = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    old: Item
    new: Item
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Diff:
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff_items(old: Iterable[Item], new: Iterable[Item], fields: Sequence[str]) -> Diff:
    """Pair `old` and `new` items by "key"; the lists keep the new version's order (removed ones the
    old version's)."""
    old_by_key = {item["key"]: item for item in old}
    new_items = list(new)
    new_keys = {item["key"] for item in new_items}
    diff = Diff(removed=[item for key, item in old_by_key.items() if key not in new_keys])
    unchanged = 0
    for item in new_items:
        before = old_by_key.get(item["key"])
        if before is None:
            diff.added.append(item)
            continue
        changed = tuple(f for f in fields if _norm(before.get(f)) != _norm(item.get(f)))
        if changed:
            diff.changed.append(Change(before, item, changed))
        else:
            unchanged += 1
    return Diff(diff.added, diff.removed, diff.changed, unchanged)


def _norm(value: Any) -> str:
    """Whitespace-insensitive: re-typing a basis with other line breaks is no change."""
    return " ".join(str(value or "").split())
