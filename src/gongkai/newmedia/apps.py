"""政务新媒体 — issue #12: new-media accounts, update watch, multi-channel release."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewmediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.newmedia"
    verbose_name = "政务新媒体"

    def ready(self) -> None:
        from gongkai.common import registry

        from . import queries, releasable
        from .audit_events import AUDIT_EVENTS
        from .models import MediaAccount
        from .todo import todo_items
        from .views import STAFF_ROLES, dashboard_context
        from .workflow import ACCOUNTS

        registry.register_workflow(ACCOUNTS)
        registry.register_audit_events("newmedia", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench",
            "newmedia",
            _("政务新媒体"),
            "newmedia_staff:home",
            order=70,
            roles=STAFF_ROLES,
            group="release",
        )
        registry.register_menu(
            "portal", "newmedia", _("政务新媒体"), "newmedia:index", order=75, group="response"
        )
        registry.register_public_models(
            MediaAccount, when=lambda a: a.state in ("active", "closed", "merged")
        )
        registry.register_metric(
            "newmedia.accounts.active",
            "运营中的政务新媒体账号数",
            queries.metric_active,
            records=queries.RECORDS["newmedia.accounts.active"],
        )
        registry.register_metric(
            "newmedia.accounts.in_breach",
            "未达更新或互动要求的政务新媒体账号数",
            queries.metric_in_breach,
            records=queries.RECORDS["newmedia.accounts.in_breach"],
        )
        registry.register_dashboard_panel(
            "newmedia",
            _("政务新媒体更新和互动"),
            template="newmedia/dashboard_panel.html",
            context=dashboard_context,
            order=70,
        )
        registry.register_job(
            "newmedia_fetch",
            group="frequent",
            description="抓取政务新媒体账号的RSS/Atom订阅（每个账号每小时至多一次，带超时和条件请求）",
        )
        registry.register_job(
            "newmedia_outbox",
            group="frequent",
            description="推送到期的多渠道发布（待发送和失败后到达重试时间的接口推送）",
        )
        registry.register_job(
            "newmedia_watch",
            group="daily",
            description="检查每个运营中的政务新媒体账号：两周内是否更新、互动是否有回复，记录未达标项",
        )
        releasable.register_publishing()
        releasable.register_press()
