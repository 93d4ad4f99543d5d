"""权责清单, 行政执法公示, 办事指南 — issue #14 (PRODUCT.md §A9)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.services"
    verbose_name = _("办事服务")

    def ready(self) -> None:
        pass
