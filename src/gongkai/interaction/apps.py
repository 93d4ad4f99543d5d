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
            group="participation",
        )
        # The public side (portal_views) and the hotline pages (hotline_views). A change to a
        # message whose writer agreed to publication, or to a published reply, makes the cached
        # public pages stale (a private message never appears there).
        from .models import Mailbox, Message, Rating, Reply

        registry.register_public_models(Mailbox)
        registry.register_public_models(Message, when=lambda m: m.public_consent)
        registry.register_public_models(Reply, when=lambda r: r.published_at is not None)
        registry.register_public_models(Rating, when=lambda r: r.message.public_consent)
        registry.register_menu(
            "portal", "messages", _("互动交流"), "interaction:index", order=40, group="participation"
        )
        registry.register_menu(
            "workbench",
            "hotline",
            _("热线登记"),
            "interaction_hotline:hotline",
            order=51,
            roles=("clerk", "responder", "supervisor"),
            group="participation",
        )
        registry.register_portal_block(
            "messages",
            _("互动交流"),
            template="interaction/portal/block.html",
            context=portal_block,
            order=60,
        )
        # -- scorecards (mscore)
        from .scorecard import METRICS, RECORDS

        for code, (label, fn) in METRICS.items():
            registry.register_metric(code, label, fn, records=RECORDS.get(code))
        registry.register_menu(
            "workbench",
            "messages_dashboard",
            _("留言督办"),
            "interaction_staff:dashboard",
            order=51,
            roles=("supervisor",),
            group="participation",
        )
        registry.register_menu(
            "portal",
            "message_scorecards",
            _("留言办理情况"),
            "message_scorecards:index",
            order=62,
            group="participation",
        )
        registry.register_job(
            "message_scorecards",
            group="daily",
            description="重新计算最近的留言办理统计（记分卡、督办看板），可重复运行",
            args=("--days", "120"),
        )
        # -- end scorecards
        # Prompt letters and routing keywords (mtext).
        from .letter_workflow import LETTERS
        from .models import PromptLetter
        from .queries_letters import todo_items as letter_todo_items

        registry.register_workflow(LETTERS)
        registry.register_todo(letter_todo_items)
        registry.register_public_models(PromptLetter, when=lambda letter: letter.published_at is not None)
        registry.register_job(
            "prompt_letters",
            group="daily",
            description="发现同一单位短期内集中的相似或同主题留言，生成民意诉求反馈提示函草稿并提醒交办单位",
        )
        registry.register_job(
            "message_reminders",
            group="daily",
            description="向网络回应人、主办单位发送留言即将到期、已超期和接近3个月未答复的提醒",
        )


def portal_block(request, site) -> dict:
    from .public import mailboxes, recent

    return {"mailboxes": mailboxes(request)[:6], "recent": recent(request, 5)}


STAFF_ROLES = ("clerk", "reviewer", "signer", "responder", "supervisor")
