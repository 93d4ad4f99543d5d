"""Filters of the power list diff: a compared field's Chinese name, and its value in a version."""

from __future__ import annotations

from django import template

from ..models import PowerItem, PowerKind

register = template.Library()


@register.filter
def item_label(name: str) -> str:
    return str(PowerItem._meta.get_field(name).verbose_name)


@register.filter
def field(item: dict, name: str) -> str:
    value = item.get(name) or ""
    if name == "kind" and value:
        return str(PowerKind(value).label)
    return value or "（空）"
