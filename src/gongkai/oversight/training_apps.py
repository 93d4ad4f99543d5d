"""Registrations of the oversight part `training` (called from OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from gongkai.common import registry

from .rules import STAFF_ROLES

AUDIT_EVENTS = {
    "oversight.training.create": _("登记培训"),
    "oversight.training.sign_in": _("登记培训签到"),
}


def register() -> None:
    from .training_queries import METRICS, dashboard_context, sessions_records_url, todo_items

    registry.register_menu(
        "workbench",
        "oversight_trainings",
        _("业务培训"),
        "oversight_staff:trainings",
        order=95,
        roles=STAFF_ROLES,
        group="oversight",
    )
    registry.register_audit_events("oversight", AUDIT_EVENTS)
    registry.register_todo(todo_items)
    registry.register_dashboard_panel(
        "oversight_training",
        _("培训超期未轮训人员"),
        template="oversight/training/dashboard_panel.html",
        context=dashboard_context,
        order=92,
    )
    for code, (label, fn) in METRICS.items():
        registry.register_metric(code, label, fn, records=sessions_records_url)
