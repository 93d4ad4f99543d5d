from datetime import date

import pytest

from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency, urgency_of

TODAY, SOON_BY = date(2026, 3, 10), date(2026, 3, 13)


@pytest.mark.parametrize(
    ("due", "urgency", "css"),
    [
        (None, Urgency.NORMAL, ""),
        (date(2026, 3, 9), Urgency.OVERDUE, "overdue"),
        (TODAY, Urgency.DUE_SOON, "due-soon"),
        (SOON_BY, Urgency.DUE_SOON, "due-soon"),
        (date(2026, 3, 14), Urgency.NORMAL, ""),
    ],
)
def test_urgency_of_a_due_date(due, urgency, css):
    assert urgency_of(due, TODAY, SOON_BY) is urgency
    assert urgency.css == css
    assert TodoItem("事项", "/", "县财政局", "待办", due=due, urgency=urgency).css == css


def test_labels_are_chinese():
    assert (Urgency.OVERDUE.label, Urgency.DUE_SOON.label) == ("已超期", "即将到期")
