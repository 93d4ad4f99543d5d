"""The JSON API — issue #14 (PRODUCT.md §F3): everything public, and staff integrations by scoped tokens."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.api"
    verbose_name = _("开放接口")

    def ready(self) -> None:
        from gongkai.agencies.models import Role
        from gongkai.common import registry

        from .audit_events import EVENTS

        registry.register_audit_events("api", EVENTS)
        registry.register_menu(
            "workbench",
            "api",
            _("接口令牌"),
            "api_staff:tokens",
            order=85,
            roles=(Role.SYSADMIN, Role.SUPERVISOR),
            group="admin",
        )
