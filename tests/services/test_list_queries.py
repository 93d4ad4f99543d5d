"""The list pages do not grow their queries with their rows (no N+1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.services import actions
from tests.services.helpers import finance_case, finance_guide

pytestmark = pytest.mark.django_db


def decisions(clerk, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        d = actions.record_enforcement_decision(
            clerk, agency=clerk.agency, kind="penalty", number=f"示财罚〔2026〕{i}号", party_kind="person",
            party="赵某某", basis="某法", result="罚款", decided_on=date(2026, 3, 2),
        )  # fmt: skip
        actions.publish_enforcement_decision(clerk, d)


def guides(clerk, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        actions.publish_service_guide(
            clerk, actions.create_service_guide(clerk, agency=clerk.agency, name=f"指南{i}")
        )


@pytest.mark.parametrize(
    ("url_name", "staff"),
    [
        ("services:decisions", False),
        ("services:guides", False),
        ("services:power_lists", False),
        ("services_staff:decisions", True),
        ("services_staff:guides", True),
        ("services_staff:power_lists", True),
        ("services_staff:cases", True),
    ],
)
def test_query_count_does_not_grow(client, li_ming, django_assert_max_num_queries, url_name, staff):
    if staff:
        client.force_login(li_ming)
    url = reverse(url_name)
    decisions(li_ming, 2)
    guides(li_ming, 2)
    finance_case(li_ming, "A1")
    client.get(url)  # warm caches (site, menus)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    decisions(li_ming, 8, start=10)
    guides(li_ming, 8, start=10)
    finance_guide(li_ming)
    for n in range(5):
        finance_case(li_ming, f"B{n}")
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
