"""行政复议、行政诉讼 (表四): recorded as pending, then decided with a result and a date."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.forms import DecideAppealForm
from gongkai.applications.models import AppealResult
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def pending(county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 3, 2))
    return actions.record_appeal(li_ming, app, kind="review", filed_on=D(2026, 4, 1))


def test_a_pending_appeal_is_decided_and_audited(pending, li_ming, county):
    actions.decide_appeal(li_ming, pending, result=AppealResult.CORRECTED, decided_on=D(2026, 6, 1))
    pending.refresh_from_db()
    assert (pending.result, pending.decided_on) == (AppealResult.CORRECTED, D(2026, 6, 1))
    entry = AuditEntry.objects.get(action="applications.appeal.decide")
    assert entry.before == {"result": "pending", "decided_on": None}
    assert entry.after == {"result": "corrected", "decided_on": "2026-06-01"}
    assert entry.actor == li_ming and entry.agency_id == county.finance.pk


@pytest.mark.parametrize(
    ("result", "decided_on", "message"),
    [
        (AppealResult.UPHELD, D(2026, 3, 31), "审结日期不能早于提起日期"),
        (AppealResult.PENDING, D(2026, 6, 1), "请选择审结结果"),
        (AppealResult.UPHELD, None, "请填写审结日期"),
    ],
)
def test_refusals(pending, li_ming, result, decided_on, message):
    with pytest.raises(ActionRefused, match=message):
        actions.decide_appeal(li_ming, pending, result=result, decided_on=decided_on)
    pending.refresh_from_db()
    assert pending.result == AppealResult.PENDING
    assert not AuditEntry.objects.filter(action="applications.appeal.decide").exists()


def test_a_decided_appeal_is_not_decided_again(pending, li_ming):
    actions.decide_appeal(li_ming, pending, result=AppealResult.UPHELD, decided_on=D(2026, 6, 1))
    with pytest.raises(ActionRefused, match="该案件已于2026年6月1日审结（结果维持），不能再次审结"):
        actions.decide_appeal(li_ming, pending, result=AppealResult.CORRECTED, decided_on=D(2026, 7, 1))
    pending.refresh_from_db()
    assert pending.result == AppealResult.UPHELD


def test_another_countys_clerk_cannot_decide(pending, chen_jing):
    with pytest.raises(ActionRefused, match="该申请不在您的工作范围内"):
        actions.decide_appeal(chen_jing, pending, result=AppealResult.UPHELD, decided_on=D(2026, 6, 1))


def test_the_form_offers_only_pending_appeals_and_final_results(pending, li_ming):
    app = pending.application
    decided = actions.record_appeal(
        li_ming, app, kind="lawsuit_direct", filed_on=D(2026, 4, 2), result="upheld", decided_on=D(2026, 5, 1)
    )
    form = DecideAppealForm(
        {"appeal": pending.pk, "result": "upheld", "decided_on": "2026-06-01"}, application=app, user=li_ming
    )
    assert form.is_valid(), form.errors
    assert list(form.fields["appeal"].queryset) == [pending] and decided not in form.fields["appeal"].queryset
    assert "pending" not in dict(form.fields["result"].choices)
    assert "行政复议（2026年4月1日提起）" in str(form["appeal"])
    decided_now = actions.decide_appeal(li_ming, **form.cleaned_data)
    assert decided_now.pk == pending.pk and decided_now.result == "upheld"
