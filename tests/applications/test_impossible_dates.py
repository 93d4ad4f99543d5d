"""Dates that cannot have happened — in the future, or before the first 条例 (2008-05-01) — are
refused by the actions themselves, naming the field, and change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import Application, FeeMethod, State
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import CITIZEN, REQUEST, extend, register, submit

pytestmark = pytest.mark.django_db
D = date
TODAY = D(2026, 11, 20)
TOMORROW = D(2026, 11, 21)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(actions._common, "_today", lambda: TODAY)


@pytest.mark.parametrize(
    ("channel", "field", "value", "message"),
    [
        ("in_person", "submitted_on", D(1800, 1, 1), "提交日期不能早于2008年5月1日"),
        ("in_person", "submitted_on", TOMORROW, "提交日期不能晚于今天"),
        ("registered_mail", "signed_on", D(2062, 11, 2), "签收日期不能晚于今天"),
        ("email", "confirmed_on", D(2008, 4, 30), "确认日期不能早于2008年5月1日"),
    ],
)
def test_registration_refuses_impossible_receipt_dates(li_ming, county, channel, field, value, message):
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.register_application(
            li_ming,
            agency=county.finance,
            channel=channel,
            applicant=CITIZEN,
            request=REQUEST,
            **{field: value},
        )
    assert refused.value.field == field
    assert not Application.objects.exists()


def test_the_registration_page_shows_the_refusal_on_the_field(client, li_ming, county):
    client.force_login(li_ming)
    r = client.post(
        "/workbench/applications/register/",
        {
            "agency": county.finance.pk, "channel": "in_person", "submitted_on": "1800-01-01",
            "applicant_kind": "natural", "name": "张三", "identity_number": CITIZEN["identity_number"],
            "phone": CITIZEN["phone"], "address": CITIZEN["address"], **REQUEST, "idempotency_key": "k1",
        },
    )  # fmt: skip
    assert r.status_code == 200 and "提交日期不能早于2008年5月1日" in r.content.decode()
    assert not Application.objects.exists()


def test_confirmation_in_the_future_is_refused(county, li_ming):
    app = submit(county.finance, submitted_on=D(2026, 11, 16))
    with pytest.raises(ActionRefused, match="确认日期不能晚于今天"):
        actions.confirm_application(li_ming, app, confirmed_on=TOMORROW)
    app.refresh_from_db()
    assert app.state == State.RECEIVED and app.clock_id is None


def _drafted(app, people):
    actions.draft_reply(people["clerk"], app, outcome="disclose", values={"where": "电子邮件发送"})
    actions.review_reply(people["reviewer"], app, note="同意")


@pytest.mark.parametrize(
    ("prepare", "act", "message"),
    [
        (_drafted, lambda a, p: actions.send_reply(p["clerk"], a, on=TOMORROW), "答复日期不能晚于今天"),
        (None, lambda a, p: actions.answer_on_the_spot(p["clerk"], a, outcome="disclose",
                                                       values={"where": "当场提供"}, on=TOMORROW),
         "答复日期不能晚于今天"),
        (None, lambda a, p: actions.request_extension(p["clerk"], a, days=5, reason="档案", on=TOMORROW),
         "申请延期日期不能晚于今天"),
        (None, lambda a, p: extend(p["clerk"], p["signer"], a, days=5, reason="档案", on=TOMORROW),
         "申请延期日期不能晚于今天"),
        (None, lambda a, p: actions.notify_fee(p["clerk"], a, method=FeeMethod.VOLUME, pages=120, on=TOMORROW),
         "通知日期不能晚于今天"),
        (None, lambda a, p: actions.ask_reasons(p["clerk"], a, on=TOMORROW), "要求说明理由日期不能晚于今天"),
        (None, lambda a, p: actions.supervise_application(p["supervisor"], a, note="加快", on=TOMORROW),
         "督办日期不能晚于今天"),
        (None, lambda a, p: actions.record_appeal(p["clerk"], a, kind="review", filed_on=TOMORROW),
         "提起日期不能晚于今天"),
        (None, lambda a, p: actions.send_notice(p["clerk"], a.notices.get(kind="acceptance"), on=TOMORROW),
         "发出日期不能晚于今天"),
    ],
)  # fmt: skip
def test_future_dates_are_refused(county, li_ming, wang_fang, zhang_wei, zhao_qiang, prepare, act, message):
    people = {"clerk": li_ming, "reviewer": wang_fang, "signer": zhang_wei, "supervisor": zhao_qiang}
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    if prepare is not None:
        prepare(app, people)
    app.refresh_from_db()
    state = app.state
    with pytest.raises(ActionRefused, match=message):
        act(app, people)
    app.refresh_from_db()
    assert app.state == state and app.closed_on is None


def test_approval_in_the_future_is_refused(county, li_ming, zhang_wei):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    actions.request_extension(li_ming, app, days=5, reason="档案", on=D(2026, 11, 20))
    with pytest.raises(ActionRefused, match="批准日期不能晚于今天") as refused:
        actions.extend_application(zhang_wei, app, on=TOMORROW)
    assert refused.value.field == "on"
