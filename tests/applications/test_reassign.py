"""A supervisor moves a case to another agency: the answer clock goes with it, audited, uncut."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.workdays.actions import move_clock, stop_clock
from tests.applications.helpers import register

pytestmark = pytest.mark.django_db
D = date


def test_the_clock_moves_with_the_case(county, li_ming, zhao_qiang, liu_yang):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    due = app.clock.due_on
    actions.assign_application(zhao_qiang, app, handler=liu_yang, agency=county.housing)
    app.refresh_from_db()
    assert app.clock.agency == county.housing and app.clock.due_on == due
    entry = AuditEntry.objects.get(action="workdays.clock.move")
    assert entry.actor == zhao_qiang and entry.agency_id == county.housing.pk
    assert entry.before == {"agency": county.finance.pk} and entry.after == {"agency": county.housing.pk}
    assert entry.note == f"申请改派至{county.housing.name}"


def test_a_stopped_clock_is_not_moved(county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    clock = stop_clock(li_ming, app.clock, on=D(2026, 11, 3))
    with pytest.raises(ActionRefused, match="该计时已于2026年11月3日停止，不能移交"):
        move_clock(li_ming, clock, agency=county.housing)
    clock.refresh_from_db()
    assert (
        clock.agency == county.finance
        and not AuditEntry.objects.filter(action="workdays.clock.move").exists()
    )
