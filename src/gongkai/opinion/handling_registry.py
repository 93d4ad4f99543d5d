"""What the handling part of 舆情 plugs into the core (called once from OpinionConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "opinion.event.propose_grade": "舆情事件建议等级",
    "opinion.event.grade": "确认舆情事件等级",
    "opinion.event.assign": "交办舆情事件",
    "opinion.event.respond": "登记舆情事件权威回应",
    "opinion.event.close": "办结舆情事件",
    "opinion.event.escalate": "舆情事件超时上报",
    "opinion.assessment.record": "记录舆情会商",
    "opinion.rule.save": "保存舆情交办规则",
    "opinion.rule.delete": "删除舆情交办规则",
    "opinion.report.create": "生成舆情报告",
    "opinion.report.update": "修改舆情报告",
    "opinion.report.issue": "印发舆情报告",
}


def register() -> None:
    from gongkai.common import registry

    from .actions_handling import propose_grades
    from .queries_handling import MENU_ROLES, METRICS, RECORDS, todo_items
    from .stages import register_stage
    from .workflow import EVENTS

    registry.register_workflow(EVENTS)
    registry.register_menu(
        "workbench",
        "opinion_handling",
        _("舆情处置"),
        "opinion_staff:handling",
        order=83,
        roles=MENU_ROLES,
        group="opinion",
    )
    registry.register_audit_events("opinion", AUDIT_EVENTS)
    registry.register_todo(todo_items)
    for code, (label, fn) in METRICS.items():
        registry.register_metric(code, label, fn, records=RECORDS.get(code))
    registry.register_job(
        "opinion_escalate",
        group="frequent",
        description=_("舆情事件超过回应时限（按等级计小时）时上报主管的政府办公室，每个时限只上报一次"),
    )
    register_stage(50, "grade", propose_grades)
