"""数据开放 — issue #14: the data resource catalog, resources and their queries, conditional access, DCAT."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.opendata"
    verbose_name = _("数据开放")

    def ready(self) -> None:
        pass
