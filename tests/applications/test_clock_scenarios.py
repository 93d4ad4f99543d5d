"""The answer clock of 条例第三十条至第三十三条 on the real 2026 calendar, table-driven.

Working days were counted by hand from the State Council's 2026 schedule (国庆节 10-01..10-07,
调休上班 10-10): from 2026-09-28 the 20th working day is 2026-10-30.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import PauseKind, State
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import extend, register

pytestmark = pytest.mark.django_db
D = date


def plain(app, people):
    return app


def corrected(app, people):
    actions.request_correction(people.clerk, app, items=["请写明所需信息的年份"], on=D(2026, 9, 30))
    actions.receive_correction(people.clerk, app, on=D(2026, 10, 12))
    return app


def third_party_over_weekend(app, people):
    actions.start_inquiry(
        people.clerk, app, kind=PauseKind.THIRD_PARTY, party="示范县恒达建材有限公司", on=D(2026, 11, 6)
    )
    actions.end_inquiry(people.clerk, app, on=D(2026, 11, 10), note="第三方同意公开")
    return app


def extended(app, people):
    extend(people.clerk, people.signer, app, days=20, reason="需要调取档案", on=D(2026, 10, 20))
    return app


SCENARIOS = [
    # (received, steps, due, provisional, state)
    (D(2026, 9, 28), plain, D(2026, 10, 30), False, State.ACCEPTED),  # across National Day
    (D(2026, 9, 28), corrected, D(2026, 11, 9), False, State.ACCEPTED),  # restart on 10-12
    (D(2026, 11, 2), plain, D(2026, 11, 30), False, State.ACCEPTED),
    (
        D(2026, 11, 2),
        third_party_over_weekend,
        D(2026, 12, 2),
        False,
        State.ACCEPTED,
    ),  # 11-09, 11-10 not counted
    (D(2026, 9, 28), extended, D(2026, 11, 27), False, State.EXTENDED),
    # 2027 schedule unknown: 12-21..12-25 = 5, 12-28..12-31 = 9, 2027-01-01 元旦 (fixed by the
    # 放假办法) not counted, 01-04..01-08 = 14, 01-11..01-15 = 19, 01-18 = 20.
    (D(2026, 12, 20), plain, D(2027, 1, 18), True, State.ACCEPTED),
]


class People:
    def __init__(self, clerk, signer):
        self.clerk, self.signer = clerk, signer


@pytest.fixture
def people(li_ming, zhang_wei):
    return People(li_ming, zhang_wei)


@pytest.mark.parametrize(("received", "steps", "due", "provisional", "state"), SCENARIOS)
def test_due_date(county, people, far_today, received, steps, due, provisional, state):
    app = register(people.clerk, county.finance, on=received)
    assert app.received_on == received
    steps(app, people)
    app.refresh_from_db()
    status = app.clock.status(today=received)
    assert (status.due_on, status.provisional, app.state) == (due, provisional, state)
    assert any(str(due) in line for line in status.explain())


def test_correction_notice_after_seven_working_days_is_refused(county, people, far_today):
    app = register(people.clerk, county.finance, on=D(2026, 9, 28))
    with pytest.raises(ActionRefused, match="2026年10月13日"):
        actions.request_correction(people.clerk, app, items=["年份"], on=D(2026, 10, 14))
    app.refresh_from_db()
    assert app.state == State.ACCEPTED and app.correction_sent_on is None


def test_correction_is_asked_once(county, people, far_today):
    app = register(people.clerk, county.finance, on=D(2026, 9, 28))
    actions.request_correction(people.clerk, app, items=["年份", "文号"], on=D(2026, 9, 29))
    actions.receive_correction(people.clerk, app, on=D(2026, 10, 9))
    with pytest.raises(ActionRefused, match="一次性告知"):
        actions.request_correction(people.clerk, app, items=["再补一项"], on=D(2026, 10, 9))


def test_no_correction_by_the_deadline_closes_as_other_1(county, people, far_today):
    app = register(people.clerk, county.finance, on=D(2026, 9, 28))
    actions.request_correction(people.clerk, app, items=["年份"], due_on=D(2026, 10, 16), on=D(2026, 9, 29))
    with pytest.raises(ActionRefused, match="尚未届满"):
        actions.lapse_correction(people.clerk, app, on=D(2026, 10, 16))
    actions.lapse_correction(people.clerk, app, on=D(2026, 10, 19))
    app.refresh_from_db()
    assert (app.state, app.outcome, app.closed_on) == (State.REPLIED, "other_no_correction", D(2026, 10, 19))
    reply = app.notices.get(kind="reply")
    assert reply.is_sent and "2026年9月29日" in reply.text and "第三十条" in reply.text


def test_inquiry_that_lapses_resumes_on_the_last_day(county, people, far_today):
    app = register(people.clerk, county.finance, on=D(2026, 11, 2))
    actions.start_inquiry(
        people.clerk, app, kind=PauseKind.AGENCY, party="示范县住房和城乡建设局", on=D(2026, 11, 3)
    )
    app.refresh_from_db()
    assert app.inquiry_due_on == D(2026, 11, 24)  # 15 working days after 11-03
    assert app.clock.status(today=D(2026, 11, 10)).due_on is None  # held
    actions.end_inquiry(people.clerk, app, on=D(2026, 12, 1))
    app.refresh_from_db()
    assert app.clock.events.order_by("-pk").first().on == D(2026, 11, 24)
