"""What watch plans and the classifiers plug into (called from OpinionConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from gongkai.common import registry

    from .audit_events_plans import AUDIT_EVENTS
    from .planmatch import match_posts
    from .stages import register_stage
    from .stages_understand import classify_posts
    from .views_plans import ROLES

    registry.register_audit_events("opinion", AUDIT_EVENTS)
    register_stage(10, "classify", classify_posts)
    register_stage(20, "watch_plans", match_posts)
    registry.register_menu(
        "workbench",
        "opinion_plans",
        _("监测方案"),
        "opinion_staff:plans",
        order=82,
        roles=ROLES,
        group="opinion",
    )
