from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from gongkai.common import registry

        from .views import AUDIT_ROLES

        registry.register_menu(
            "workbench", "audit", _("审计日志"), "audit:log", order=70, roles=AUDIT_ROLES, group="admin"
        )
        registry.register_job(
            "audit",
            args=("verify",),
            group="daily",
            read_only=True,
            description="校验审计日志哈希链（失败时退出码非零）",
        )
        registry.register_job(
            "audit",
            args=("checkpoint",),
            group="daily",
            description="校验审计日志后，在数据库之外写入签名的链头检查点",
        )
