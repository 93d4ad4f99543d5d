"""The yearly counts of enforcement decisions for the annual report's table 二 (第二十条第(五)(六)项),
per agency, against hand-counted fixtures."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.common import registry
from gongkai.services import actions

pytestmark = pytest.mark.django_db

# (agency, kind, decided_on, published_on)
DECISIONS = [
    ("finance", "licensing", date(2025, 12, 30), None),  # last year
    ("finance", "licensing", date(2026, 1, 5), date(2026, 1, 6)),
    ("finance", "licensing", date(2026, 6, 1), None),
    ("finance", "penalty", date(2026, 3, 2), date(2026, 3, 20)),  # published late
    ("finance", "coercion", date(2026, 4, 1), date(2026, 4, 2)),
    ("housing", "penalty", date(2026, 2, 2), date(2026, 2, 3)),
    ("housing", "penalty", date(2026, 11, 2), None),
    ("housing", "other", date(2026, 5, 6), None),
]


@pytest.fixture
def decisions(county):
    for n, (agency, kind, decided_on, published_on) in enumerate(DECISIONS):
        d = actions.record_enforcement_decision(
            None,
            agency=getattr(county, agency),
            kind=kind,
            number=f"测试决定{n}",
            party_kind="organisation",
            party="某公司",
            basis="某法",
            result="某决定",
            decided_on=decided_on,
        )
        if published_on:
            actions.publish_enforcement_decision(None, d, on=published_on)


def test_yearly_counts(county, decisions):
    metrics = registry.metrics()
    year = (date(2026, 1, 1), date(2026, 12, 31))
    f, h = county.finance.pk, county.housing.pk
    assert metrics["services.enforcement.licensing"].fn(*year) == {f: 2}
    assert metrics["services.enforcement.punishment"].fn(*year) == {f: 1, h: 2}
    assert metrics["services.enforcement.coercion"].fn(*year) == {f: 1}
    assert metrics["services.enforcement.punishment"].fn(*year, [f]) == {f: 1}
    assert metrics["services.enforcement.licensing"].fn(date(2025, 1, 1), date(2025, 12, 31)) == {f: 1}


def test_late_count(county, decisions):
    # as of 3 December 2026: the 2026 decisions unpublished past their limit, and one published late
    with time_machine.travel(date(2026, 12, 3), tick=False):
        late = registry.metrics()["services.enforcement.late"].fn(date(2026, 1, 1), date(2026, 12, 31))
    assert late == {county.finance.pk: 2, county.housing.pk: 2}


def test_records_list_the_decisions_counted(client, county, decisions, zhao_qiang):
    client.force_login(zhao_qiang)
    year = (date(2026, 1, 1), date(2026, 12, 31))
    url = registry.metrics()["services.enforcement.punishment"].records(*year, [county.housing.pk])
    page = client.get(url).content.decode()
    assert "统计口径：本期作出的行政处罚决定（2026-01-01至2026-12-31，1个机关），共 2 条" in page
    assert "测试决定5" in page and "测试决定6" in page
    assert "测试决定3" not in page  # 县财政局's penalty
    assert "测试决定7" not in page  # 县住建局's, another kind
