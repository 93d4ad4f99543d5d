"""Registrations of the oversight part `inspection` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES, SUPERVISORS


def register() -> None:
    from . import inspection_queries as queries

    registry.register_menu(
        "workbench",
        "oversight_inspections",
        _("网站检查"),
        "oversight_staff:inspections",
        order=92,
        roles=STAFF_ROLES,
        group="oversight",
    )
    registry.register_audit_events(
        "oversight",
        {
            "oversight.inspection.run": _("网站检查"),
            "oversight.finding.fix": _("网站检查问题标记整改"),
            "oversight.inspection_scheme.update": _("修改网站检查评分方案"),
            "oversight.inspection_rule.update": _("修改网站检查评分规则"),
        },
    )
    registry.register_todo(queries.todo_items)
    registry.register_dashboard_panel(
        "oversight_inspection",
        _("网站检查"),
        template="oversight/inspection/dashboard_panel.html",
        context=queries.dashboard_context,
        roles=SUPERVISORS,
        order=80,
    )
    registry.register_metric(
        "oversight.inspection.score",
        _("网站检查得分（期内最近一次检查，单项否决计0分）"),
        queries.latest_score,
        records=queries.latest_score_records,
    )
    registry.register_job(
        "inspect",
        group="daily",
        # A veto is a finding (in the agency's 待办 and on the dashboard), not a failed job: the group's
        # status stays for system failures. `gongkai inspect` alone exits 1 on a veto, for monitoring.
        args=("--report-only",),
        description=_("检查各网站（政府网站与政务新媒体检查指标），问题进入责任机关待办和督查看板"),
    )
    register_checks()


def register_checks() -> None:
    """The crawl-and-check side of the inspection: the registered checks (inspection/checks.py)."""
    from .inspection import checks

    checks.register()
