"""Registrations of the oversight part `assessment` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import SUPERVISORS

AUDIT_EVENTS = {
    "oversight.scheme.create": _("新建考核方案"),
    "oversight.scheme.update": _("修改考核指标"),
    "oversight.scheme.copy": _("复制考核方案"),
    "oversight.assessment.compute": _("计算考核结果"),
    "oversight.assessment.publish": _("发布考核结果"),
    "oversight.rating.create": _("公众评价考核成绩单"),
    "oversight.rating.approve": _("通过成绩单评价意见"),
    "oversight.rating.reject": _("不通过成绩单评价意见"),
}


def _published_assessment(obj) -> bool:
    return obj.is_published


def register() -> None:
    from .assessment_queries import todo_items
    from .models import Assessment, ScorecardRating

    registry.register_audit_events("oversight", AUDIT_EVENTS)
    registry.register_todo(todo_items)
    # A result becomes public when published; its scores change only before that (a recompute).
    registry.register_public_models(Assessment, when=_published_assessment)
    registry.register_public_models(ScorecardRating, when=lambda r: r.state == ScorecardRating.State.APPROVED)
    registry.register_menu(
        "workbench",
        "oversight_assessments",
        _("考核评议"),
        "oversight_staff:assessments",
        order=93,
        roles=SUPERVISORS,
        group="oversight",
    )
    registry.register_menu(
        "portal",
        "oversight_scorecards",
        _("考核评议结果"),
        "oversight:scorecards",
        order=77,
        group="disclosure",
    )
