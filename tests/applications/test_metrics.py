"""The applications' metrics for oversight (表三, 表四, received, on time, corrected, fees): counted
right on hand-made cases, dates inclusive, the agency filter, and the same as the report's own
`table3_for` / `table4_for`; the staff list narrowed to a figure shows the same cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications.models import Appeal, Application
from gongkai.applications.queries import table3_for, table4_for
from gongkai.common import registry
from gongkai.workdays.models import Clock
from tests.applications.helpers import COMPANY, register

pytestmark = pytest.mark.django_db

Y25 = (date(2025, 1, 1), date(2025, 12, 31))


def _case(actor, agency, received, *, closed=None, outcome="", applicant=None, due=None, **fields):
    app = register(actor, agency, on=received, applicant=applicant)
    Application.objects.filter(pk=app.pk).update(
        received_on=received, closed_on=closed, outcome=outcome, **fields
    )
    if due is not None:
        Clock.objects.filter(pk=app.clock_id).update(due_on=due)
    app.refresh_from_db()
    return app


@pytest.fixture
def cases(county, li_ming):
    housing_clerk = li_ming  # registering is refused outside the clerk's scope only by role; the
    # cases of 县住建局 are moved there afterwards (the metric reads agency_id, nothing else)
    c = {
        # received the year before, closed in January: 二 and 三（一）
        "carried": _case(
            li_ming,
            county.finance,
            date(2024, 12, 20),
            closed=date(2025, 1, 10),
            outcome="disclose",
            due=date(2025, 1, 20),
        ),
        # received on the first day, still open: 一 and 四
        "open": _case(li_ming, county.finance, date(2025, 1, 1)),
        # a company's, received on the last day, closed the next year: 一 and 四
        "last_day": _case(
            li_ming,
            county.finance,
            date(2025, 12, 31),
            closed=date(2026, 1, 5),
            outcome="disclose",
            applicant=COMPANY,
        ),
        # received and closed in the year, late: 一 and 三（四）1
        "late": _case(
            li_ming,
            county.finance,
            date(2025, 3, 3),
            closed=date(2025, 4, 20),
            outcome="unable_not_held",
            due=date(2025, 3, 31),
            fee_notified_on=date(2025, 3, 10),
            fee_amount=Decimal("100.00"),
            fee_paid_on=date(2025, 3, 20),
        ),
        # closed the year before: counts nowhere
        "old": _case(li_ming, county.finance, date(2024, 5, 6), closed=date(2024, 6, 3), outcome="disclose"),
        # 县住建局's
        "housing": _case(
            housing_clerk,
            county.finance,
            date(2025, 6, 2),
            closed=date(2025, 6, 20),
            outcome="partial",
            due=date(2025, 6, 30),
            fee_notified_on=date(2025, 12, 31),
            fee_amount=Decimal("260.00"),
        ),
    }
    Application.objects.filter(pk=c["housing"].pk).update(agency=county.housing)
    # 表四: a review corrected in the year, a lawsuit still pending, one decided the year before
    Appeal.objects.create(
        application=c["carried"],
        kind="review",
        filed_on=date(2025, 2, 1),
        result="corrected",
        decided_on=date(2025, 12, 31),
    )
    Appeal.objects.create(application=c["late"], kind="lawsuit_direct", filed_on=date(2025, 5, 1))
    Appeal.objects.create(
        application=c["late"],
        kind="review",
        filed_on=date(2024, 2, 1),
        result="upheld",
        decided_on=date(2024, 12, 31),
    )
    # a review decided after the year ends: 尚未审结 at 31 December
    Appeal.objects.create(
        application=c["housing"],
        kind="lawsuit_after_review",
        filed_on=date(2025, 7, 1),
        result="upheld",
        decided_on=date(2026, 1, 2),
    )
    return c


def _row(value, key):
    return next(r for r in value["rows"] if r["key"] == key)


def _column(value, code):
    return [c[0] for c in value["columns"]].index(code)


def test_table3_counts_hand_made_cases_and_matches_the_report(county, cases):
    value = registry.metrics()["applications.table3"].fn(*Y25)
    assert set(value) == {county.finance.pk, county.housing.pk}
    fin = value[county.finance.pk]
    total, natural, business = (_column(fin, c) for c in ("total", "natural", "business"))
    assert fin["columns"][total] == ["total", "总计"]
    assert _row(fin, "new")["values"][total] == 3  # open, last_day, late
    assert _row(fin, "new")["values"][business] == 1
    assert _row(fin, "carried_in")["values"][natural] == 1
    assert _row(fin, "disclose")["values"][total] == 1
    assert _row(fin, "unable_not_held")["values"][total] == 1
    assert _row(fin, "total")["values"][total] == 2
    assert _row(fin, "carried_out")["values"][total] == 2
    assert _row(fin, "new")["labels"] == ["一、本年新收政府信息公开申请数量"]
    assert [r["key"] for r in fin["rows"]][:3] == ["new", "carried_in", "disclose"]
    assert [r["key"] for r in fin["rows"]][-2:] == ["total", "carried_out"]
    # the same as the report's own count, row by row
    for agency in (county.finance, county.housing):
        reference = table3_for(agency, 2025)
        assert reference.check() == []
        expected = [
            {"key": r.key, "labels": list(r.labels), "values": list(r.values)} for r in reference.rows()
        ]
        assert value[agency.pk]["rows"] == expected


def test_table3_agency_filter_gives_zero_tables_to_agencies_without_cases(county, cases):
    fn = registry.metrics()["applications.table3"].fn
    value = fn(*Y25, agency_ids=[county.housing.pk, county.township.pk])
    assert set(value) == {county.housing.pk, county.township.pk}
    assert all(v == 0 for r in value[county.township.pk]["rows"] for v in r["values"])
    assert _row(value[county.housing.pk], "partial")["values"][-1] == 1
    assert fn(*Y25, agency_ids=[]) == {}


def test_table4_counts_and_matches_the_report(county, cases):
    value = registry.metrics()["applications.table4"].fn(*Y25)
    fin = value[county.finance.pk]
    assert len(fin["columns"]) == len(fin["values"]) == 15
    cell = dict(zip([c[0] for c in fin["columns"]], fin["values"], strict=True))
    assert cell["review.corrected"] == 1 and cell["review.total"] == 1  # the 2024 one is not counted
    assert cell["lawsuit_direct.pending"] == 1 and cell["lawsuit_direct.total"] == 1
    assert fin["columns"][0] == ["review.upheld", "行政复议·结果维持"]
    housing = dict(zip([c[0] for c in fin["columns"]], value[county.housing.pk]["values"], strict=True))
    assert housing["lawsuit_after_review.pending"] == 1 and housing["lawsuit_after_review.upheld"] == 0
    for agency in (county.finance, county.housing):
        assert value[agency.pk]["values"] == list(table4_for(agency, 2025).values())


def test_counts_rates_and_fees(county, cases):
    m = registry.metrics()
    assert m["applications.received"].fn(*Y25) == {county.finance.pk: 3, county.housing.pk: 1}
    assert m["applications.received"].fn(date(2025, 12, 31), date(2025, 12, 31)) == {county.finance.pk: 1}
    # finance closed two in 2025: carried (on time), late (late) -> 50%; housing one on time
    assert m["applications.on_time_pct"].fn(*Y25) == {county.finance.pk: 50.0, county.housing.pk: 100.0}
    assert m["applications.corrected"].fn(*Y25) == {county.finance.pk: 1}
    assert m["applications.corrected"].fn(date(2025, 1, 1), date(2025, 12, 30)) == {}
    assert m["applications.fees.notices"].fn(*Y25) == {county.finance.pk: 1, county.housing.pk: 1}
    # collected, by the day paid: housing's notice was never paid
    assert m["applications.fees.amount"].fn(*Y25) == {county.finance.pk: Decimal("100.00")}
    assert m["applications.received"].fn(*Y25, agency_ids=[county.housing.pk]) == {county.housing.pk: 1}


def test_records_list_shows_the_cases_behind_a_figure(client, county, cases, zhao_qiang):
    client.force_login(zhao_qiang)
    url = registry.metrics()["applications.received"].records(*Y25, [county.finance.pk])
    page = client.get(url).content.decode()
    assert "统计口径：本期收到的申请（2025-01-01至2025-12-31，1个机关），共 3 条" in page
    for key in ("open", "last_day", "late"):
        assert cases[key].receipt_code in page
    for key in ("carried", "housing", "old"):
        assert cases[key].receipt_code not in page
    corrected = client.get(registry.metrics()["applications.corrected"].records(*Y25, None)).content.decode()
    assert cases["carried"].receipt_code in corrected and cases["late"].receipt_code not in corrected
