"""Registrations of the oversight part `training` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES


def register() -> None:
    registry.register_menu(
        "workbench",
        "oversight_trainings",
        _("业务培训"),
        "oversight_staff:trainings",
        order=95,
        roles=STAFF_ROLES,
        group="oversight",
    )
