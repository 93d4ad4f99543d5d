"""The shells' navigation, built from the menu entries the apps register (`gongkai.common.registry`)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from . import registry


class Menus:
    """Worked out only when a template reads it: `menus.workbench`, `menus.portal`, `menus.site_search`."""

    def __init__(self, request) -> None:
        self._request = request

    @cached_property
    def workbench(self) -> list[registry.MenuEntry | registry.MenuGroup]:
        return registry.menu_tree("workbench", self._request.user)

    @cached_property
    def portal(self) -> list[registry.MenuEntry | registry.MenuGroup]:
        return registry.menu_tree("portal", self._request.user)

    @cached_property
    def site_search(self) -> str:
        url_name = registry.site_search()
        return reverse(url_name) if url_name else ""


def menus(request) -> dict:
    return {"menus": Menus(request)}
