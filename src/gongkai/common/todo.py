"""What a 待办 provider yields: one line of a user's to-do list in the workbench."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .urgency import Urgency


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    agency: str
    status: str
    due: date | None = None
    provisional: bool = False
    urgency: Urgency = Urgency.NORMAL

    @property
    def css(self) -> str:
        return self.urgency.css
