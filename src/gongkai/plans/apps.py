"""政务公开工作要点 — issue #12: the annual disclosure plan and its tasks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.plans"
    verbose_name = _("政务公开工作要点")

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import AnnualPlan, PlanTask, ProgressReport
        from .queries import METRICS, RECORDS, dashboard_context, todo_items
        from .rules import STAFF_ROLES
        from .workflow import PLANS

        registry.register_workflow(PLANS)
        registry.register_audit_events("plans", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench", "plans", _("工作要点"), "plans_staff:home", order=66, roles=STAFF_ROLES
        )
        registry.register_menu("portal", "plans", _("工作要点"), "plans:index", order=75, group="disclosure")
        # A draft's saves change no public page; a published plan's tasks and reports do.
        registry.register_public_models(AnnualPlan, when=lambda p: p.state == "published")
        registry.register_public_models(PlanTask, when=lambda t: t.plan.state == "published")
        registry.register_public_models(ProgressReport)
        registry.register_dashboard_panel(
            "plans",
            _("年度政务公开工作要点"),
            template="plans/dashboard_panel.html",
            context=dashboard_context,
            order=70,
        )
        for code, (label, fn) in METRICS.items():
            registry.register_metric(code, label, fn, records=RECORDS.get(code))
