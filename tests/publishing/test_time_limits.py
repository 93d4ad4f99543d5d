# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Publication limits on the working-day clock (RULES.md §5, 条例26): 20 days from made_on,
normative documents 5 days from written_on, both configurable."""

from datetime import date

import pytest
from tests.publishing.builders import draft, team  # noqa: F401

from gongkai.publishing import actions
from gongkai.publishing.models import Document
from gongkai.workbench.todo import items_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "normative, made_on, written_on, limits, due",
    [
        # 2025-09-26 (Fri) + 20: 09-28 and 10-11 (Sat) are worked, 10-01..08 are the National Day holiday
        (False, date(2025, 9, 26), None, (20, 5), date(2025, 10, 30)),
        (False, date(2025, 3, 3), None, (20, 5), date(2025, 3, 31)),
        (True, date(2025, 3, 10), date(2025, 3, 3), (20, 5), date(2025, 3, 10)),
        # no 成文日期 yet: still the normative limit, from made_on: 03-11..03-14 = 4, Mon 03-17 = 5
        (True, date(2025, 3, 10), None, (20, 5), date(2025, 3, 17)),
        (False, date(2025, 3, 3), None, (10, 5), date(2025, 3, 17)),
    ],
)
def test_due_date(team, settings, normative, made_on, written_on, limits, due):
    settings.GONGKAI_PUBLISH_LIMIT_DAYS, settings.GONGKAI_NORMATIVE_LIMIT_DAYS = limits
    doc = draft(team.clerk, made_on=made_on, written_on=written_on, is_normative=normative)
    assert doc.due_on == due


def test_late_and_due_soon_show_in_the_clerks_todo(team):
    late = draft(team.clerk, title="早已超期的通知", made_on=date(2020, 1, 6))
    fresh = draft(team.clerk, title="刚起草的通知")
    titles = [item.title for item in items_for(team.clerk)]
    assert f"已超期未发布：{late.title}" in titles
    assert not any(fresh.title in t for t in titles)
    assert late.is_late() and not fresh.is_late()


def test_waiting_documents_show_for_the_person_of_the_step(team):
    doc = actions.submit_document(team.clerk, draft(team.clerk))
    doc = actions.approve_step(team.clerk, doc)
    assert [i.title for i in items_for(team.reviewer)] == [f"待审核：{doc.title}"]
    assert items_for(team.signer) == []


def test_published_late_is_recorded(team):
    from tests.publishing.builders import review_all

    doc = review_all(draft(team.clerk, made_on=date(2020, 1, 6)), team)
    doc = actions.publish_document(team.clerk, doc)
    assert Document.objects.get(pk=doc.pk).is_late()
