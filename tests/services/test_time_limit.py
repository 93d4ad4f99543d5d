"""行政执法公示 within 7 working days (行政许可, 行政处罚) or 20 (others) of the decision (国办发〔2018〕118号),
on the real 2026 calendar; overdue decisions on the agency's 待办 and flagged."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.common.urgency import Urgency
from gongkai.services import actions, queries
from gongkai.services.rules import publish_deadline
from tests.services.helpers import finance_decision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "decided_on", "due", "provisional"),
    [
        ("licensing", date(2026, 3, 2), date(2026, 3, 11), False),  # Mon: the next 7 weekdays
        ("penalty", date(2026, 3, 2), date(2026, 3, 11), False),
        ("coercion", date(2026, 3, 2), date(2026, 3, 30), False),  # 20 working days
        ("other", date(2026, 3, 2), date(2026, 3, 30), False),
        # 国庆 10-1..10-7 skipped, Saturday 10-10 worked (调休)
        ("penalty", date(2026, 9, 28), date(2026, 10, 13), False),
        # 春节 2-15..2-23 skipped, Saturdays 2-14 and 2-28 worked
        ("licensing", date(2026, 2, 12), date(2026, 2, 28), False),
        # 劳动节 5-1..5-5 skipped, Saturday 5-9 worked
        ("licensing", date(2026, 4, 30), date(2026, 5, 13), False),
        # into 2027, whose schedule is not published: 元旦 skipped (fixed by law), marked provisional
        ("penalty", date(2026, 12, 24), date(2027, 1, 5), True),
    ],
)
def test_publication_limit(kind, decided_on, due, provisional):
    deadline = publish_deadline(kind, decided_on)
    assert (deadline.due, deadline.provisional) == (due, provisional)


def test_the_limits_are_settings(settings):
    settings.GONGKAI_ENFORCEMENT_PUBLISH_WORKDAYS = 5
    settings.GONGKAI_ENFORCEMENT_OTHER_PUBLISH_WORKDAYS = 15
    assert publish_deadline("penalty", date(2026, 3, 2)).due == date(2026, 3, 9)
    assert publish_deadline("other", date(2026, 3, 2)).due == date(2026, 3, 23)


def test_a_decision_keeps_its_due_date(li_ming):
    decision = finance_decision(li_ming, decided_on=date(2026, 9, 28))
    assert (decision.due_on, decision.due_provisional) == (date(2026, 10, 13), False)


@pytest.mark.parametrize(
    ("today", "overdue", "on_todo"),
    [
        (date(2026, 3, 5), False, False),  # six days before the limit: not yet on the list
        (date(2026, 3, 9), False, True),  # within three days: due soon
        (date(2026, 3, 11), False, True),  # the last day
        (date(2026, 3, 12), True, True),  # the day after: overdue
    ],
)
def test_overdue_and_todo(li_ming, today, overdue, on_todo):
    with time_machine.travel(date(2026, 3, 4), tick=False):
        decision = finance_decision(li_ming, decided_on=date(2026, 3, 2))
    with time_machine.travel(today, tick=False):
        assert decision.is_overdue() is overdue
        items = queries.todo_items(li_ming)
    assert len(items) == int(on_todo)
    if on_todo:
        assert items[0].title == "公示行政执法决定：示财罚决字〔2026〕7号"
        assert items[0].urgency == (Urgency.OVERDUE if overdue else Urgency.DUE_SOON)


def test_a_published_decision_leaves_the_todo_and_late_ones_are_flagged(li_ming, wang_fang):
    decision = finance_decision(li_ming, decided_on=date(2026, 3, 2))
    assert queries.todo_items(wang_fang) == []  # reviewers do not publish decisions
    with time_machine.travel(date(2026, 3, 16), tick=False):
        decision = actions.publish_enforcement_decision(li_ming, decision)
    assert decision.was_late() and not decision.is_overdue()
    assert queries.todo_items(li_ming) == []


def test_a_decision_in_the_future_is_refused(li_ming):
    with (
        time_machine.travel(date(2026, 3, 4), tick=False),
        pytest.raises(actions.ActionRefused, match="决定日期不能晚于今天"),
    ):
        finance_decision(li_ming, decided_on=date(2026, 3, 5))
