"""What 网上调查 plugs into the core: audit codes, menus, the portal block, the metric, the job,
the public models of the page cache and the 待办 items."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from gongkai.common import registry
from gongkai.surveys import actions
from gongkai.surveys.audit_events import AUDIT_EVENTS
from gongkai.surveys.models import Survey

from .conftest import answer_directly

pytestmark = pytest.mark.django_db


def test_audit_codes_menus_job_and_public_models_are_registered():
    assert all(registry.audit_event(code).label == label for code, label in AUDIT_EVENTS.items())
    assert "surveys" in {e.key for e in registry.menu("portal")}
    assert "surveys" in {e.key for e in registry.menu("workbench")}
    assert "surveys_close" in {j.command for j in registry.jobs()}
    assert Survey in registry.public_models()
    assert registry.portal_block("surveys") is not None


def test_the_metric_counts_responses_per_agency(phone_survey, county):
    for i in range(3):
        answer_directly(phone_survey, f"v{i}", f"k{i}")
    fn = registry.metrics()["surveys.responses.count"].fn
    assert fn(date(2026, 3, 1), date(2026, 3, 31)) == {county.finance.pk: 3}
    assert fn(date(2026, 3, 1), date(2026, 3, 31), [county.housing.pk]) == {}
    assert fn(date(2026, 3, 3), date(2026, 3, 31)) == {}


def test_the_home_page_block_lists_open_surveys(phone_survey, county):
    from gongkai.surveys.apps import portal_block

    assert [s.pk for s in portal_block(None, None)["open_now"]] == [phone_survey.pk]


def test_the_portal_list(phone_survey, browser_survey, li_ming):
    actions.close_survey(li_ming, browser_survey)
    page = Client().get("/surveys/").content.decode()
    assert phone_survey.title in page and browser_survey.title in page and "结果待公布" in page


def test_todo_items(phone_survey, li_ming, chen_jing):
    from gongkai.surveys.queries import todo_items

    answer_directly(phone_survey, "v", "k", text="建议")
    assert [i.status for i in todo_items(li_ming)] == ["1条回答待审核"]
    assert todo_items(chen_jing) == []
