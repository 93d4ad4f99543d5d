"""The frequency table over real conferences: held / required per period, missed periods in red, an
agency's own rule (every two months, seed 004), the supervisor's scope, the dashboard panel, the
metrics and the conferences other domains require (the opinion hook)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.press import actions
from gongkai.press.models import Measure, PressClass
from gongkai.press.queries import frequency_rows
from tests.press.conftest import LIVELIHOOD, at, conference


@pytest.fixture
def year_of_finance(li_ming, checked_finance, today):
    """县财政局 in 2026: Q1 on 31 March, Q2 none, Q3 on 1 July with the head, Q4 (current) none yet."""
    conference(li_ming, at(2026, 3, 31))
    conference(li_ming, at(2026, 7, 1), head=True)
    conference(li_ming, at(2026, 12, 20), held=False)  # planned: does not count


def _cells(row):
    return [(c.period.label, c.held, c.required, c.status) for c in row.result.cells]


def test_held_and_required_per_quarter_and_the_head_per_year(year_of_finance, zhao_qiang):
    quarterly, head = frequency_rows(zhao_qiang, 2026)
    assert _cells(quarterly) == [
        ("2026年第一季度", 1, 1, "met"),
        ("2026年第二季度", 0, 1, "missed"),
        ("2026年第三季度", 1, 1, "met"),
        ("2026年第四季度", 0, 1, "open"),
    ]
    assert quarterly.result.next_due == date(2026, 12, 31)
    assert _cells(head) == [("2026年", 1, 1, "met")]
    assert head.result.next_due == date(2027, 12, 31)


def test_an_agency_own_rule_every_two_months(year_of_finance, zhao_qiang, county):
    actions.set_frequency_rule(zhao_qiang, agency=county.finance, measure=Measure.ANY, months=2, min_count=1)
    bimonthly = next(r for r in frequency_rows(zhao_qiang, 2026) if r.rule.months == 2)
    assert [c.status for c in bimonthly.result.cells] == ["missed", "met", "missed", "met", "missed", "open"]
    assert len(frequency_rows(zhao_qiang, 2026)) == 2  # replaced the quarterly rule, kept the head's


def test_the_page_shows_missed_periods_in_red_within_a_few_queries(
    client, year_of_finance, zhao_qiang, county
):
    client.force_login(zhao_qiang)
    url = "/workbench/press/frequency/?year=2026"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert 'class="f-missed" title="2026年第二季度：未达要求"' in page
    assert "0 / 1" in page and "县财政局" in page
    # More checked agencies with conferences: the same number of queries.
    gov_class = PressClass.objects.get(name="人民政府")
    actions.set_agency_class(zhao_qiang, county.government, press_class=gov_class, since=date(2025, 1, 1))
    actions.set_agency_class(
        zhao_qiang,
        county.housing,
        press_class=PressClass.objects.get(name=LIVELIHOOD),
        since=date(2025, 1, 1),
    )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "县住建局" in page
    assert len(many) == len(few) <= 12


def test_the_outsider_sees_nothing_of_the_county(client, year_of_finance, chen_jing, county):
    client.force_login(chen_jing)
    page = client.get("/workbench/press/frequency/?year=2026").content.decode()
    assert "县财政局" not in page
    assert client.get(f"/workbench/press/frequency/{county.finance.pk}/").status_code == 404
    with pytest.raises(ActionRefused, match="只有主管部门可以设置发布会考核类别"):
        actions.set_agency_class(chen_jing, county.finance, press_class=None)


def test_the_supervisor_sets_the_class_and_an_override(client, zhao_qiang, county, today):
    client.force_login(zhao_qiang)
    response = client.post(
        f"/workbench/press/frequency/{county.housing.pk}/",
        {"press_class": PressClass.objects.get(name=LIVELIHOOD).pk, "since": "2026-05-15", "own_months": "2",
         "own_min_count": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    rows = [r for r in frequency_rows(zhao_qiang, 2026) if r.agency.pk == county.housing.pk]
    assert sorted((r.rule.measure, r.rule.months) for r in rows) == [("any", 2), ("head", 12)]
    # Created mid-May: Jan–Feb, Mar–Apr and May–Jun are not held against it.
    bimonthly = next(r for r in rows if r.rule.months == 2)
    assert [c.status for c in bimonthly.result.cells][:4] == ["exempt", "exempt", "exempt", "missed"]


def test_a_required_conference_shows_as_due_until_one_is_held(client, li_ming, zhao_qiang, county, today):
    due = timezone.now() + timedelta(hours=24)
    item = actions.require_conference(
        None, county.finance, due, "幸福小区燃气爆炸事故", "https://example.org/e/1"
    )
    again = actions.require_conference(
        None, county.finance, due, "幸福小区燃气爆炸事故", "https://example.org/e/1"
    )
    assert again.pk == item.pk  # the opinion domain may call twice
    client.force_login(zhao_qiang)
    assert "幸福小区燃气爆炸事故" in client.get("/workbench/press/frequency/").content.decode()
    assert "幸福小区燃气爆炸事故" in client.get("/workbench/dashboard/").content.decode()
    client.force_login(li_ming)
    assert "限时召开新闻发布会：幸福小区燃气爆炸事故" in client.get("/workbench/").content.decode()
    held = conference(li_ming, at(2026, 12, 3, 14), held=False)
    actions.start_conference(li_ming, held)
    item.refresh_from_db()
    assert item.conference == held and not item.is_overdue()
    client.force_login(zhao_qiang)
    assert "幸福小区燃气爆炸事故" not in client.get("/workbench/dashboard/").content.decode()


def test_the_dashboard_panel_lists_missed_periods_in_scope_only(
    client, year_of_finance, zhao_qiang, chen_jing
):
    client.force_login(zhao_qiang)
    page = client.get("/workbench/dashboard/").content.decode()
    assert "新闻发布会频次" in page
    assert '<tr class="overdue"><td>县财政局</td>' in page and "2026年第二季度" in page
    assert "/workbench/press/frequency/?year=2026#agency-" in page
    client.force_login(chen_jing)  # a supervisor of the neighbouring county
    page = client.get("/workbench/dashboard/").content.decode()
    assert "县财政局" not in page


def test_metrics(year_of_finance, county):
    metrics = registry.metrics()
    args = (date(2026, 1, 1), date(2026, 12, 31), [county.finance.pk])
    assert metrics["press.conferences.held"].fn(*args) == {county.finance.pk: 2}
    # Q1–Q3 ended (Q4 ends 31 December: asks for one too), the head's year: 4 + 1.
    assert metrics["press.conferences.required"].fn(*args) == {county.finance.pk: 5}
    assert metrics["press.conferences.missed_periods"].fn(*args) == {county.finance.pk: 1}
