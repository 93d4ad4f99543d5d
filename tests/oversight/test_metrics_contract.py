"""The metrics oversight relies on (annual report, assessment, scorecards): each is registered by the
domain that owns the data, answers a dict keyed by agency id (an empty database included), and its
`records` list, where it names one, is a staff page a supervisor can open."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from gongkai.agencies.models import Agency
from gongkai.common import registry

pytestmark = pytest.mark.django_db

# The codes oversight reads. A domain renaming or dropping one breaks the report or the assessment.
RELIED_ON = {
    # 表二 第二十条第（一）项 and publication
    "publishing.regulations.made",
    "publishing.regulations.repealed",
    "publishing.regulations.in_force",
    "publishing.normative.made",
    "publishing.normative.repealed",
    "publishing.normative.in_force",
    "publishing.documents.published",
    "publishing.documents.on_time_pct",
    "publishing.documents.late",
    # 表二 第二十条第（五）（六）项
    "services.enforcement.licensing",
    "services.enforcement.punishment",
    "services.enforcement.coercion",
    "services.enforcement.late",
    "services.guides.missing_elements",
    # 表三, 表四, 六 (fees)
    "applications.table3",
    "applications.table4",
    "applications.received",
    "applications.on_time_pct",
    "applications.corrected",
    "applications.fees.notices",
    "applications.fees.amount",
    # messages, consultations, press, plans, new media, opinion, surveys
    "interaction.messages.received",
    "interaction.messages.on_time_pct",
    "interaction.messages.median_workdays",
    "interaction.messages.satisfaction_pct",
    "interaction.messages.rated",
    "interaction.messages.reopened_pct",
    "interaction.messages.overdue_now",
    "interaction.messages.longest_unanswered_days",
    "consultation.consultations.opened",
    "consultation.comments.received",
    "consultation.consultations.reported_late",
    "press.conferences.held",
    "press.conferences.required",
    "press.conferences.missed_periods",
    "plans.tasks.total",
    "plans.tasks.done",
    "plans.tasks.overdue",
    "plans.tasks.summaries",
    "newmedia.accounts.active",
    "newmedia.accounts.in_breach",
    "opinion.events.total",
    "opinion.events.responded_on_time",
    "opinion.events.overdue",
    "opinion.response_hours.median",
    "surveys.responses.count",
}

# Metrics whose records are a list of rows a staff page can show (the others are derived figures,
# a median or a longest wait, or a required count that no list holds).
WITH_RECORDS = RELIED_ON - {
    "interaction.messages.median_workdays",
    "interaction.messages.longest_unanswered_days",
    "press.conferences.required",
    "press.conferences.missed_periods",
    "plans.tasks.summaries",
    "opinion.response_hours.median",
    "surveys.responses.count",
}

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def test_every_relied_on_metric_is_registered():
    assert sorted(RELIED_ON - set(registry.metrics())) == []


def test_each_answers_a_dict_keyed_by_agency_on_an_empty_database(county):
    metrics = registry.metrics()
    asked = [county.finance.pk, county.housing.pk]
    known = set(Agency.objects.values_list("pk", flat=True))
    wrong = {}
    for code in sorted(RELIED_ON):
        everyone = metrics[code].fn(*YEAR)
        some = metrics[code].fn(*YEAR, agency_ids=asked)
        if not isinstance(everyone, dict) or not set(everyone) <= known:
            wrong[code] = everyone
        elif not isinstance(some, dict) or not set(some) <= set(asked):
            wrong[code] = some
    assert wrong == {}
    # 表三 / 表四 give each agency asked for a table of zeros (so a report over agencies without
    # applications still has its rows and columns)
    table3 = metrics["applications.table3"].fn(*YEAR, agency_ids=asked)[county.finance.pk]
    assert table3["rows"] and all(v == 0 for row in table3["rows"] for v in row["values"])
    assert metrics["applications.table4"].fn(*YEAR, agency_ids=asked)[county.housing.pk]["values"] == [0] * 15


def test_records_are_staff_lists_a_supervisor_can_open(client, county, zhao_qiang):
    metrics = registry.metrics()
    missing = sorted(code for code in WITH_RECORDS if metrics[code].records is None)
    assert missing == []
    client.force_login(zhao_qiang)
    failures = {}
    for code in sorted(WITH_RECORDS):
        url = metrics[code].records(*YEAR, [county.finance.pk, county.housing.pk])
        path = urlsplit(url).path
        match = resolve(path)
        response = client.get(url)
        if not path.startswith("/workbench/") or response.status_code != 200:
            failures[code] = (url, match.view_name, response.status_code)
        elif "统计口径" not in response.content.decode():
            failures[code] = (url, "the list does not say it is narrowed to the figure")
    assert failures == {}
