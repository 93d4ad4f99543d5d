"""数据开放 — issue #14: the data resource catalog, resources and their queries, conditional access, DCAT."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.opendata"
    verbose_name = _("数据开放")

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import Dataset, Field, Resource
        from .queries import todo_items
        from .rules import STAFF_ROLES
        from .workflow import DATASETS

        registry.register_workflow(DATASETS)
        registry.register_audit_events("opendata", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench",
            "opendata",
            _("数据开放"),
            "opendata_staff:home",
            order=68,
            roles=STAFF_ROLES,
            group="data",
        )
        # A draft's saves change no public page; a dataset that is or was released does.
        registry.register_public_models(Dataset, when=lambda d: d.published_at is not None)
        registry.register_public_models(Field, Resource, when=lambda o: o.dataset.published_at is not None)

        from .registry_access import register as register_access

        register_access()
