"""Registrations of the oversight part `reports` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES

AUDIT_EVENTS = {
    "oversight.report.created": "创建年度报告",
    "oversight.report.edited": "修改年度报告",
    "oversight.report.submitted": "提交年度报告审核",
    "oversight.report.approved": "审核通过年度报告",
    "oversight.report.returned": "退回年度报告",
    "oversight.report.published": "发布年度报告",
}


def register() -> None:
    from .models.reports import AnnualReport
    from .reports_queries import dashboard_context, todo_items
    from .reports_workflow import REPORTS

    registry.register_menu(
        "workbench",
        "oversight_reports",
        _("年度报告"),
        "oversight_staff:reports",
        order=91,
        roles=STAFF_ROLES,
        group="oversight",
    )
    registry.register_menu(
        "portal",
        "oversight_reports",
        _("政府信息公开年报"),
        "oversight:reports",
        order=76,
        group="disclosure",
    )
    registry.register_workflow(REPORTS)
    registry.register_audit_events("oversight", AUDIT_EVENTS)
    registry.register_todo(todo_items)
    # A draft's saves change no public page; publishing one does.
    registry.register_public_models(AnnualReport, when=lambda r: r.state == "published")
    registry.register_job(
        "report_reminders",
        group="daily",
        description="年度报告发布期限前15、7、3天提醒责任机关的信息公开工作人员",
    )
    registry.register_dashboard_panel(
        "oversight_reports",
        _("逾期未发布的政府信息公开工作年度报告"),
        template="oversight/reports/dashboard_panel.html",
        context=dashboard_context,
        order=80,
    )
