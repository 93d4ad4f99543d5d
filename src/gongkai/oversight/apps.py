"""监督 — issue #15: the annual report, website self-inspection, assessment with scorecards and
bulletins, and training records.

It reads the other domains only through the metrics they register (`registry.metrics()`), never
their models. Each part registers its own menus, workflows, audit events and to-dos in its
`<part>_apps.register()`, so the parts never edit one shared list.
"""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PARTS = ("reports", "inspection", "assessment", "bulletins", "training")


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.oversight"
    verbose_name = _("监督考评")

    def ready(self) -> None:
        for part in PARTS:
            import_module(f"{self.name}.{part}_apps").register()
