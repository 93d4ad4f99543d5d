"""The demo year of applications: every outcome and state, overdue cases, balanced tables, idempotent."""

from __future__ import annotations

import pytest

from gongkai.applications.models import Application, State
from gongkai.applications.outcomes import OUTCOMES
from gongkai.applications.queries import table3_for, table4_for
from gongkai.demo.applications import build_applications
from gongkai.demo.county import build_county

pytestmark = pytest.mark.django_db


def test_demo_year(django_capture_on_commit_callbacks):
    agencies = build_county()
    with django_capture_on_commit_callbacks(execute=False):
        build_applications()
    count = Application.objects.count()
    assert set(Application.objects.values_list("outcome", flat=True)) >= {o.code for o in OUTCOMES}
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    overdue = [
        a
        for a in Application.objects.exclude(state__in=["replied", "archived", "received"])
        if a.clock_status().overdue
    ]
    assert len(overdue) >= 8
    for year in (2025, 2026):
        table3 = table3_for(agencies["xzf"], year, subtree=True)
        assert table3.check() == [] and table3.anomalies == []
    assert table3.cell("total", "total") > 40
    assert table4_for(agencies["xzf"], 2026, subtree=True).check() == []
    with django_capture_on_commit_callbacks(execute=False):
        build_applications()
    assert Application.objects.count() == count
