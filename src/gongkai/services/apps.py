"""权责清单, 行政执法公示, 办事指南 — issue #14 (PRODUCT.md §A9)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.services"
    verbose_name = _("办事服务")

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import EnforcementDecision, PowerItem, PowerList, ServiceGuide
        from .queries import METRICS, RECORDS, todo_items
        from .rules import STAFF_ROLES
        from .workflow import POWER_LISTS

        registry.register_workflow(POWER_LISTS)
        registry.register_audit_events("services", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench",
            "services",
            _("办事服务"),
            "services_staff:power_lists",
            order=68,
            roles=STAFF_ROLES,
            group="data",
        )
        registry.register_menu("portal", "services", _("办事服务"), "services:index", order=77)
        # Drafts change no public page.
        registry.register_public_models(PowerList, when=lambda pl: pl.state == "published")
        registry.register_public_models(PowerItem, when=lambda i: i.power_list.state == "published")
        registry.register_public_models(EnforcementDecision, when=lambda d: d.published_on is not None)
        registry.register_public_models(ServiceGuide)
        for code, (label, fn) in METRICS.items():
            registry.register_metric(code, label, fn, records=RECORDS.get(code))
