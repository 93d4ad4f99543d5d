"""Every outcome row of 表三, reached through the real actions, counts in its own cell."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import FeeMethod, State
from gongkai.applications.outcomes import APPLICANT_COLUMNS, OUTCOMES, letter_placeholders
from gongkai.applications.queries import table3_for, table4_for
from gongkai.applications.report import CARRIED_OUT, NEW, TOTAL
from gongkai.common.identifiers import make_credit_code
from tests.applications.helpers import CITIZEN, COMPANY, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


def applicant_for(column: str, i: int) -> dict:
    if column == "natural":
        return CITIZEN
    return COMPANY | {"kind": column, "identity_number": make_credit_code(f"91370999MA3C4D{i:03d}")}


def close_with(outcome: str, app, clerk, reviewer, signer) -> None:
    if outcome == "other_no_correction":
        actions.request_correction(clerk, app, items=["年份"], due_on=D(2026, 3, 20), on=D(2026, 3, 3))
        actions.lapse_correction(clerk, app, on=D(2026, 3, 23))
        return
    if outcome == "other_unpaid":
        actions.notify_fee(clerk, app, method=FeeMethod.VOLUME, pages=120, on=D(2026, 3, 3))
        actions.lapse_fee(clerk, app, on=D(2026, 4, 20))
        return
    values = {name: "示例" for name in letter_placeholders(outcome) if name != "description"}
    withheld = (
        [{"part": "第三页个人信息", "reason": "涉及个人隐私（条例第十五条）"}] if outcome == "partial" else []
    )
    actions.draft_reply(clerk, app, outcome=outcome, values=values, withheld=withheld)
    actions.review_reply(reviewer, app, note="同意")
    actions.send_reply(signer, app, on=D(2026, 3, 20))


@pytest.mark.parametrize("outcome", [o.code for o in OUTCOMES])
def test_outcome_lands_in_its_cell(county, li_ming, wang_fang, zhang_wei, outcome):
    columns = [code for code, _ in APPLICANT_COLUMNS]
    column = columns[[o.code for o in OUTCOMES].index(outcome) % len(columns)]
    app = register(li_ming, county.finance, on=D(2026, 3, 2), applicant=applicant_for(column, 1))
    close_with(outcome, app, li_ming, wang_fang, zhang_wei)
    app.refresh_from_db()
    assert app.state == State.REPLIED and app.outcome == outcome
    table = table3_for(county.finance, 2026)
    assert table.check() == [] and table.anomalies == []
    assert table.cell(outcome, column) == 1 and table.cell(outcome, TOTAL) == 1
    assert table.cell(NEW, column) == 1 and table.cell(TOTAL, column) == 1
    others = [o.code for o in OUTCOMES if o.code != outcome]
    assert sum(table.cell(o, TOTAL) for o in others) == 0
    reply = app.notices.get(kind="reply")
    assert reply.is_sent and reply.file.name.endswith(".docx")


def test_open_application_is_carried_over_and_subtree_counts(county, li_ming, zhao_qiang):
    register(li_ming, county.finance, on=D(2026, 12, 28))
    assert table3_for(county.finance, 2026).cell(CARRIED_OUT, "natural") == 1
    assert table3_for(county.government, 2026).cell(NEW, TOTAL) == 0
    assert table3_for(county.government, 2026, subtree=True).cell(NEW, TOTAL) == 1
    carried = table3_for(county.finance, 2027)
    assert carried.cell("carried_in", "natural") == 1


def test_appeals_fill_table4(county, li_ming, wang_fang, zhang_wei):
    app = register(li_ming, county.finance, on=D(2026, 3, 2))
    close_with("withhold_process", app, li_ming, wang_fang, zhang_wei)
    actions.record_appeal(
        li_ming, app, kind="review", filed_on=D(2026, 4, 1), result="upheld", decided_on=D(2026, 5, 30)
    )
    actions.record_appeal(li_ming, app, kind="lawsuit_after_review", filed_on=D(2026, 6, 10))
    table = table4_for(county.finance, 2026)
    assert table.check() == []
    assert table.cell("review", "upheld") == 1 and table.cell("lawsuit_after_review", "pending") == 1
    assert table.cell("review", TOTAL) == 1
