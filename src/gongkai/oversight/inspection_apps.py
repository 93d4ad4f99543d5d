"""Registrations of the oversight part `inspection` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES


def register() -> None:
    registry.register_menu(
        "workbench",
        "oversight_inspections",
        _("网站检查"),
        "oversight_staff:inspections",
        order=92,
        roles=STAFF_ROLES,
        group="oversight",
    )
