"""What 舆情 collection plugs into the core, called once from `OpinionConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from gongkai.agencies.models import Role
    from gongkai.common import registry

    from . import stages
    from .collect.neardup import mark_near_duplicates
    from .sources_audit_events import AUDIT_EVENTS

    registry.register_audit_events("opinion", AUDIT_EVENTS)
    stages.register_stage(30, "near_duplicates", mark_near_duplicates)
    registry.register_job(
        "opinion_fetch",
        group="frequent",
        description="抓取到期的舆情来源（RSS/Atom订阅和本系统栏目；带超时、条件请求，失败后按指数退避重试）",
    )
    registry.register_menu(
        "workbench",
        "opinion_posts",
        _("舆情信息"),
        "opinion_staff:posts",
        order=81,
        roles=(Role.OPINION_ANALYST, Role.SUPERVISOR),
        group="opinion",
    )
