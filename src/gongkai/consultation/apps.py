"""重大决策与征求意见 — issue #11: decision catalog, consultations, comments, dispositions, adoption reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

STAFF_ROLES = ("clerk", "reviewer", "signer", "supervisor")


class ConsultationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.consultation"
    verbose_name = _("重大决策与征求意见")

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import Comment, Consultation, DecisionItem, Paragraph
        from .queries import METRICS, RECORDS, dashboard_panel, todo_items
        from .workflow import CONSULTATIONS

        registry.register_workflow(CONSULTATIONS)
        registry.register_audit_events("consultation", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench",
            "consultations",
            _("征求意见"),
            "consultation_staff:home",
            order=55,
            roles=STAFF_ROLES,
            group="participation",
        )
        registry.register_menu(
            "portal", "consultations", _("征求意见"), "consultation:index", order=45, group="participation"
        )
        registry.register_portal_block(
            "consultations",
            _("征求意见"),
            template="consultation/portal/block.html",
            context=portal_block,
            order=55,
        )
        registry.register_dashboard_panel(
            "consultations",
            _("征求意见"),
            template="consultation/dashboard_panel.html",
            context=dashboard_panel,
            order=55,
        )
        # Counts of received comments are public, so every comment changes the consultation's page.
        registry.register_public_models(DecisionItem, Paragraph, Comment)
        registry.register_public_models(Consultation, when=lambda c: c.is_public())
        for code, (label, fn) in METRICS.items():
            registry.register_metric(code, label, fn, records=RECORDS.get(code))
        registry.register_job(
            "close_consultations",
            group="frequent",
            description="结束已过截止日期的征求意见（之后网上不再接收意见），可重复运行",
        )
        # The adoption report: its audit events, the decision page's panel, the overdue-report panel, metric.
        from .report_apps import ready as report_ready

        report_ready()


def portal_block(request, site) -> dict | None:
    from .queries import public_groups

    groups = public_groups()
    if not groups["open"]:
        return None
    return {"open": groups["open"][:5]}
