"""Registrations of the oversight part `bulletins` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES


def register() -> None:
    registry.register_menu(
        "workbench",
        "oversight_bulletins",
        _("通报整改"),
        "oversight_staff:bulletins",
        order=94,
        roles=STAFF_ROLES,
        group="oversight",
    )
    registry.register_menu(
        "portal", "oversight_bulletins", _("通报"), "oversight:bulletins", order=78, group="disclosure"
    )
