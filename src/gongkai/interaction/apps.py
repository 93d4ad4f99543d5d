from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.interaction"
    verbose_name = "留言办理"

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .queries import todo_items
        from .workflow import MESSAGES

        registry.register_workflow(MESSAGES)
        registry.register_todo(todo_items)
        registry.register_audit_events("interaction", AUDIT_EVENTS)
        registry.register_menu(
            "workbench",
            "messages",
            _("留言办理"),
            "interaction_staff:home",
            order=50,
            roles=STAFF_ROLES,
        )
        registry.register_job(
            "message_reminders",
            group="daily",
            description="向网络回应人、主办单位发送留言即将到期、已超期和接近3个月未答复的提醒",
        )


STAFF_ROLES = ("clerk", "reviewer", "signer", "responder", "supervisor")
