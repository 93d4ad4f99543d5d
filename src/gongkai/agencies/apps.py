from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机关与工作人员"

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS, LEGACY_AUDIT_CODES
        from .models import Agency

        registry.register_menu("workbench", "agencies", _("机关"), "agencies:list", order=20, group="admin")
        registry.register_audit_events("agencies", AUDIT_EVENTS, legacy=LEGACY_AUDIT_CODES)
        registry.register_public_models(Agency)  # names, addresses and the tree on public pages
