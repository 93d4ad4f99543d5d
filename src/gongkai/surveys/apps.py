"""网上调查 — issue #11: online surveys."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.surveys"
    verbose_name = _("网上调查")

    def ready(self) -> None:
        from gongkai.common import registry

        from .audit_events import AUDIT_EVENTS
        from .models import Answer, Option, Question, Response, Survey
        from .queries import metric_responses, todo_items
        from .workflow import MANAGERS, SURVEYS

        registry.register_workflow(SURVEYS)
        registry.register_audit_events("surveys", AUDIT_EVENTS)
        registry.register_todo(todo_items)
        registry.register_menu(
            "workbench",
            "surveys",
            _("网上调查"),
            "surveys_staff:home",
            order=56,
            roles=MANAGERS,
            group="participation",
        )
        registry.register_menu(
            "portal", "surveys", _("网上调查"), "surveys:index", order=44, group="participation"
        )
        registry.register_portal_block(
            "surveys", _("网上调查"), template="surveys/portal/block.html", context=portal_block, order=64
        )
        # A draft is on no public page, nor are its questions; responses and reviewed answers
        # show only once the results are published (and nothing changes them after that).
        registry.register_public_models(Survey, when=lambda s: s.state != "draft")
        registry.register_public_models(Question, when=lambda q: q.survey.state != "draft")
        registry.register_public_models(Option, when=lambda o: o.question.survey.state != "draft")
        registry.register_public_models(Response, when=lambda r: r.survey.state == "published")
        registry.register_public_models(Answer, when=lambda a: a.question.survey.state == "published")
        registry.register_metric("surveys.responses.count", _("网上调查答卷数"), metric_responses)
        registry.register_job(
            "surveys_close",
            group="frequent",
            description="结束已到截止时间的网上调查，可重复运行",
        )


def portal_block(request, site) -> dict | None:
    from .queries import open_surveys, public_surveys

    open_now = list(open_surveys()[:5])
    recent = (
        [] if open_now else list(public_surveys().filter(state="published").order_by("-published_at")[:3])
    )
    if not open_now and not recent:
        return None
    return {"open_now": open_now, "recent": recent}
