from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.common import registry

        from . import metrics, portal_blocks
        from .audit_events import AUDIT_EVENTS, LEGACY_AUDIT_CODES
        from .guide_sections import fees_section, on_request_section
        from .queries import todo_items
        from .roles import CASE_ROLES
        from .workflow import APPLICATIONS

        registry.register_workflow(APPLICATIONS)
        registry.register_todo(todo_items)
        metrics.register()
        registry.register_guide_section(
            "on_request",
            _("依申请公开"),
            template="applications/guide_on_request.html",
            context=on_request_section,
            order=30,
        )
        registry.register_guide_section(
            "fees", _("收费"), template="applications/guide_fees.html", context=fees_section, order=40
        )
        registry.register_menu(
            "workbench",
            "applications",
            _("依申请公开"),
            "applications_staff:list",
            order=30,
            roles=CASE_ROLES,
        )
        registry.register_menu(
            "portal", "applications", _("依申请公开"), "applications:apply", order=40, group="disclosure"
        )
        registry.register_audit_events("applications", AUDIT_EVENTS, legacy=LEGACY_AUDIT_CODES)
        registry.register_portal_block(
            "applications", _("依申请公开"), template="applications/blocks/entry.html",
            context=portal_blocks.entry_block, order=55,
        )  # fmt: skip
        registry.register_job(
            "send_reminders", group="daily", description="向承办人和主管部门发送依申请公开即将到期、逾期提醒"
        )
