"""Fees through the models: 按件 counts the applicant's applications of the calendar month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications import actions
from gongkai.applications.models import FeeMethod, State
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


def test_per_application_counts_the_month(county, li_ming):
    apps = [register(li_ming, county.finance, on=D(2026, 3, 2 + i % 20)) for i in range(11)]
    register(li_ming, county.finance, on=D(2026, 4, 1))  # another month: not counted
    assert [actions.nth_in_month(a) for a in apps] == list(range(1, 12))
    with pytest.raises(ActionRefused, match="不收费"):
        actions.notify_fee(li_ming, apps[9], method=FeeMethod.PER_APPLICATION, on=D(2026, 3, 25))
    notice = actions.notify_fee(li_ming, apps[10], method=FeeMethod.PER_APPLICATION, on=D(2026, 3, 25))
    apps[10].refresh_from_db()
    assert apps[10].fee_amount == Decimal(100) and apps[10].state == State.FEE_PENDING
    assert "第11件" in notice.text and "壹佰元整" in notice.text
    assert apps[10].clock.status(today=D(2026, 3, 30)).due_on is None  # the fee period is not counted


def test_payment_resumes_the_clock(county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 3, 2))
    actions.notify_fee(li_ming, app, method=FeeMethod.VOLUME, pages=31, on=D(2026, 3, 3))
    app.refresh_from_db()
    assert app.fee_amount == Decimal(10) and app.fee_due_on == D(2026, 3, 31)
    actions.record_payment(li_ming, app, on=D(2026, 3, 10))
    app.refresh_from_db()
    # Without the fee: 20 working days after 03-02 is 03-30. Paused 03-03 (counts, = 1) to 03-10:
    # 03-11..03-13 = 4, 03-16..03-20 = 9, 03-23..03-27 = 14, 03-30..04-03 = 19, 04-04..04-06 清明节,
    # Tue 04-07 = 20.
    assert app.state == State.ACCEPTED and app.clock.status(today=D(2026, 3, 10)).due_on == D(2026, 4, 7)


def test_thirty_pages_are_free(county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 3, 2))
    with pytest.raises(ActionRefused, match="不收费"):
        actions.notify_fee(li_ming, app, method=FeeMethod.VOLUME, pages=30, on=D(2026, 3, 3))
