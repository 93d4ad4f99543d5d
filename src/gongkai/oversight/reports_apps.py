"""Registrations of the oversight part `reports` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES


def register() -> None:
    registry.register_menu(
        "workbench",
        "oversight_reports",
        _("年度报告"),
        "oversight_staff:reports",
        order=91,
        roles=STAFF_ROLES,
        group="oversight",
    )
    registry.register_menu(
        "portal",
        "oversight_reports",
        _("政府信息公开年报"),
        "oversight:reports",
        order=76,
        group="disclosure",
    )
