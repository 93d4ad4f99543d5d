from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS, LEGACY_AUDIT_CODES

        registry.register_menu(
            "workbench", "workdays", _("期限计算"), "workdays:calculator", order=60, group="admin"
        )
        registry.register_audit_events("workdays", AUDIT_EVENTS, legacy=LEGACY_AUDIT_CODES)
