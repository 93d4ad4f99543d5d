"""The 待办 list is filled by the domain apps: each registers a provider of items for a user."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.agencies.models import Staff


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    agency: str
    status: str
    due: date | None = None
    provisional: bool = False
    css: str = ""


Provider = Callable[[Staff], Iterable[TodoItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items_for(user: Staff) -> list[TodoItem]:
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda i: (i.due is None, i.due or date.max))
