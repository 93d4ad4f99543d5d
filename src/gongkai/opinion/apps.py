"""舆情 — issue #13: sources and posts, watch plans, events, grading, hour deadlines, responses, reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.opinion"
    verbose_name = _("舆情")

    def ready(self) -> None:
        from . import events_registry, handling_registry, plans_registry, sources_registry

        handling_registry.register()
        plans_registry.register()
        events_registry.register()
        sources_registry.register()
