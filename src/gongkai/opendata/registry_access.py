"""What 有条件开放, the opening plan and 需求征集 plug into the core (called from OpendataConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from gongkai.common import registry

    from .audit_events_access import AUDIT_EVENTS
    from .models import DataRequest, OpeningPlanItem
    from .queries_access import STAFF_ROLES, todo_items

    registry.register_audit_events("opendata", AUDIT_EVENTS)
    registry.register_todo(todo_items)
    registry.register_menu("portal", "opendata", _("数据开放"), "opendata:home", order=78)
    registry.register_menu(
        "workbench",
        "opendata_access",
        _("数据开放服务"),
        "opendata_staff:access",
        order=68,
        roles=STAFF_ROLES,
        group="data",
    )
    # Answers and the plan are public; a pending request's saves change its public line too.
    registry.register_public_models(DataRequest, OpeningPlanItem)
