"""在线访谈 — issue #11: online interviews (live text)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.interviews"
    verbose_name = "在线访谈"

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import PUBLIC_STATES, Guest, Interview, LiveEntry, Media, Moderation, Question
        from .queries import portal_block, todo_items
        from .workflow import INTERVIEWS, RUN

        registry.register_workflow(INTERVIEWS)
        registry.register_audit_events("interviews", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench",
            "interviews",
            _("在线访谈"),
            "interviews_staff:home",
            order=56,
            roles=(*RUN, "reviewer"),
            group="participation",
        )
        registry.register_menu(
            "portal", "interviews", _("在线访谈"), "interviews:index", order=44, group="participation"
        )
        registry.register_portal_block(
            "interviews",
            _("在线访谈"),
            template="interviews/portal/block.html",
            context=portal_block,
            order=64,
        )
        # The portal shows an interview from its announcement on; its cached pages go stale when
        # the interview, its guests, its moderated questions, its entries or its files change.
        registry.register_public_models(Interview, when=lambda i: i.state in PUBLIC_STATES)
        registry.register_public_models(Guest, when=lambda g: g.interview.state in PUBLIC_STATES)
        registry.register_public_models(Question, when=lambda q: q.moderation != Moderation.HELD)
        registry.register_public_models(LiveEntry)
        registry.register_public_models(Media)
