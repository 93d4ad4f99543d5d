"""有条件开放: the agency decides within GONGKAI_OPENDATA_ACCESS_WORKDAYS working days counted on the
working-day calendar (the receipt day not counted; weekends, holidays and make-up working days as
the 2026 schedule says); an undecided application after that day is overdue and in the 待办."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.common.urgency import Urgency
from gongkai.opendata import actions_access as actions
from gongkai.opendata.queries_access import todo_items
from tests.opendata.access_helpers import apply, at, make_dataset

pytestmark = pytest.mark.django_db

DEADLINES = [
    # received on, working days, due on
    (date(2026, 3, 2), 10, date(2026, 3, 16)),  # a Monday: two plain weeks
    (date(2026, 3, 7), 10, date(2026, 3, 20)),  # a Saturday: counting starts on Monday
    (date(2026, 9, 30), 10, date(2026, 10, 20)),  # 国庆节 1–7 Oct skipped, Saturday 10 Oct worked
    (date(2026, 2, 13), 10, date(2026, 3, 5)),  # 春节: Saturdays 14 and 28 Feb are working days
    (date(2026, 3, 2), 5, date(2026, 3, 9)),  # a shorter configured limit
]


@pytest.mark.parametrize("received,days,due", DEADLINES)
def test_the_answer_date_counts_working_days(county, settings, received, days, due):
    settings.GONGKAI_OPENDATA_ACCESS_WORKDAYS = days
    dataset = make_dataset(county.finance)
    with at(received):
        app = apply(dataset, period_from=received)
    assert app.due_on == due
    assert app.clock.limit_days == days and app.clock.due_on == due


def test_overdue_the_day_after_and_in_the_deciders_todo(county, wang_fang, li_ming):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app = apply(dataset)
    assert not app.is_overdue(date(2026, 3, 16))
    assert app.is_overdue(date(2026, 3, 17))
    with at(date(2026, 3, 17)):
        items = [i for i in todo_items(wang_fang) if app.receipt_code in i.status]
        assert [(i.due, i.urgency) for i in items] == [(date(2026, 3, 16), Urgency.OVERDUE)]
        assert not [i for i in todo_items(li_ming) if app.receipt_code in i.status]  # a clerk does not decide


def test_deciding_stops_the_clock(county, wang_fang):
    dataset = make_dataset(county.finance)
    with at(date(2026, 3, 2)):
        app = apply(dataset)
    with at(date(2026, 3, 20)):
        app = actions.refuse_access_application(wang_fang, app, reason="申请用途与数据开放条件不符")
    app.clock.refresh_from_db()
    assert app.clock.state == "stopped" and app.clock.stopped_on == date(2026, 3, 20)
    assert not app.is_overdue(date(2026, 4, 1))
