"""The 待办 list, filled by the providers the domains register (`gongkai.common.registry`)."""

from __future__ import annotations

from datetime import date

from gongkai.common import registry
from gongkai.common.todo import TodoItem


def items_for(user) -> list[TodoItem]:
    items = [item for provider in registry.todo_providers() for item in provider(user)]
    return sorted(items, key=lambda i: (i.due is None, i.due or date.max))


def split_for(user, items: list[TodoItem]) -> tuple[list[TodoItem], list[TodoItem]]:
    """(what the user must act on, what a supervisor only watches over in other agencies).

    A supervisor's list holds the due-soon and overdue cases of the agencies it supervises; those
    are not "mine" to handle, so the page shows them under their own heading.
    """
    if not getattr(user, "is_supervisor", False) or user.agency_id is None:
        return items, []
    own = user.agency.display_name
    return [i for i in items if i.agency == own], [i for i in items if i.agency != own]
