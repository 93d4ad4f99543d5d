"""Registrations of the oversight part `assessment` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import SUPERVISORS


def register() -> None:
    registry.register_menu(
        "workbench",
        "oversight_assessments",
        _("考核评议"),
        "oversight_staff:assessments",
        order=93,
        roles=SUPERVISORS,
        group="oversight",
    )
    registry.register_menu(
        "portal",
        "oversight_scorecards",
        _("考核评议结果"),
        "oversight:scorecards",
        order=77,
        group="disclosure",
    )
