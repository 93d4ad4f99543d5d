"""What the events part of 舆情 plugs in: the clustering stage, the nightly merge job, audit event
types, the workbench menu entry. Called once from `OpinionConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "opinion.event.cluster": "舆情信息聚类为事件",
    "opinion.event.merge": "合并舆情事件",
}


def register() -> None:
    from gongkai.common import registry

    from .actions_events import cluster_posts
    from .stages import register_stage
    from .views_events import STAFF_ROLES

    register_stage(40, "cluster", cluster_posts)
    registry.register_audit_events("opinion", AUDIT_EVENTS)
    registry.register_job(
        "opinion_merge_events",
        group="daily",
        description="合并近7天内关键词趋同的舆情事件（每天夜间运行一次）",
    )
    registry.register_menu(
        "workbench",
        "opinion_events",
        _("舆情事件"),
        "opinion_staff:events",
        order=80,
        roles=STAFF_ROLES,
        group="opinion",
    )
