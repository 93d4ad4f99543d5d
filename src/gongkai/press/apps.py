"""新闻发布 — issue #12: spokespersons, press conferences, frequency checks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.press"
    verbose_name = _("新闻发布")

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import LiveEntry, Media, PressConference, Speaker, Spokesperson
        from .queries import METRICS, RECORDS, dashboard_context, todo_items
        from .workflow import CONFERENCES

        registry.register_workflow(CONFERENCES)
        registry.register_audit_events("press", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench", "press", _("新闻发布"), "press_staff:home", order=55,
            roles=("clerk", "spokesperson", "signer", "supervisor"), group="release",
        )  # fmt: skip
        registry.register_menu("portal", "press", _("新闻发布"), "press:index", order=45, group="response")
        registry.register_public_models(Spokesperson, PressConference, Speaker, LiveEntry)
        registry.register_public_models(Media, when=lambda m: m.conference.state == "published")
        registry.register_portal_block(
            "press", _("新闻发布会"), template="press/portal/block.html", context=portal_block, order=65
        )
        for code, (label, fn) in METRICS.items():
            registry.register_metric(code, label, fn, records=RECORDS.get(code))
        registry.register_dashboard_panel(
            "press",
            _("新闻发布会频次"),
            template="press/dashboard_panel.html",
            context=dashboard_context,
            order=40,
        )


def portal_block(request, site) -> dict | None:
    from .queries import upcoming

    items = upcoming(site, 5)
    return {"items": items} if items else None
