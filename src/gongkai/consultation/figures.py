"""The figures of an adoption report (意见采纳情况), from plain counts.

Pure: no Django. The database hands over `(channel, own disposition, group's disposition, n)` rows
(one aggregate query, whatever the number of comments); a comment's disposition is its own, else
its group's (`Comment.effective_disposition`). Every comment counts — held and hidden ones too —
and one without a disposition is counted as such, so the table always adds up to the records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

NONE = ""  # no disposition yet


@dataclass
class Figures:
    channels: list[tuple[str, str]]  # (value, label), in the order of the choices
    dispositions: list[tuple[str, str]]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)  # (channel, disposition) → n

    def count(self, channel: str | None = None, disposition: str | None = None) -> int:
        return sum(
            n
            for (c, d), n in self.cells.items()
            if (channel is None or c == channel) and (disposition is None or d == disposition)
        )

    @property
    def total(self) -> int:
        return self.count()

    @property
    def missing(self) -> int:
        """Comments without a disposition (the report cannot be published while any is left)."""
        return self.count(disposition=NONE)

    def rows(self) -> list[tuple[str, list[int], int]]:
        """(channel label, one count per disposition, total) for the channels that received any."""
        out = []
        for value, label in self.channels:
            total = self.count(channel=value)
            if total:
                out.append((label, [self.cells.get((value, d), 0) for d, _ in self.dispositions], total))
        return out

    def totals(self) -> list[int]:
        return [self.count(disposition=d) for d, _ in self.dispositions]

    def share(self, disposition: str) -> str:
        """The share of all comments with `disposition`, as the report prints it (45.5%)."""
        if not self.total:
            return "0%"
        return f"{100 * self.count(disposition=disposition) / self.total:.1f}%".replace(".0%", "%")


def figures(
    rows: Iterable[tuple[str, str, str | None, int]],
    *,
    channels: Sequence[tuple[str, str]],
    dispositions: Sequence[tuple[str, str]],
) -> Figures:
    """Figures from `(channel, own disposition, group disposition or None, n)` rows."""
    result = Figures(list(channels), list(dispositions))
    for channel, own, grouped, n in rows:
        key = (channel, own or grouped or NONE)
        result.cells[key] = result.cells.get(key, 0) + n
    return result
