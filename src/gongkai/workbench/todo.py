"""The 待办 list, filled by the providers the domains register (`gongkai.common.registry`)."""

from __future__ import annotations

from datetime import date

from gongkai.common import registry
from gongkai.common.todo import TodoItem


def items_for(user) -> list[TodoItem]:
    items = [item for provider in registry.todo_providers() for item in provider(user)]
    return sorted(items, key=lambda i: (i.due is None, i.due or date.max))
