"""Periods that run from the day a letter is received, not sent.

条例第三十二条: the third party has 15 working days 自收到征求意见书之日起. 国办函〔2020〕109号: the payment
period and the uncounted fee time run from the day the applicant receives the fee notice.

Received Mon 2026-11-02; without pauses the 20th working day is 2026-11-30.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import FeeMethod, PauseKind, State
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


@pytest.fixture
def app(county, li_ming):
    return register(li_ming, county.finance, on=D(2026, 11, 2))


def test_mailed_inquiry_runs_from_the_day_the_third_party_receives_it(app, li_ming):
    # Sent Tue 11-03 by post, received Thu 11-05: 11-06 = 1, 11-09..11-13 = 6, 11-16..11-20 = 11,
    # 11-23..11-26 = 15 → the party may answer until Thu 11-26.
    actions.start_inquiry(
        li_ming, app, kind=PauseKind.THIRD_PARTY, party="示范县恒达建材有限公司",
        on=D(2026, 11, 3), delivered_on=D(2026, 11, 5),
    )  # fmt: skip
    app.refresh_from_db()
    pause = app.clock.open_pause()
    assert (app.inquiry_sent_on, app.inquiry_delivered_on, app.inquiry_due_on) == (
        D(2026, 11, 3), D(2026, 11, 5), D(2026, 11, 26),
    )  # fmt: skip
    # The answer clock pauses from the sending day (consulting time is not counted, 第三十三条).
    assert (pause.started_on, pause.due_on) == (D(2026, 11, 3), D(2026, 11, 26))
    # No answer: the pause ends on 11-26 (its last day), not when someone notices on 12-01.
    actions.end_inquiry(li_ming, app, on=D(2026, 12, 1))
    app.refresh_from_db()
    # Counted: 11-03 = 1; 11-27 = 2, 11-30..12-04 = 7, 12-07..12-11 = 12, 12-14..12-18 = 17,
    # 12-21..12-23 = 20.
    assert app.clock.status(today=D(2026, 12, 1)).due_on == D(2026, 12, 23)


def test_hand_delivered_inquiry_runs_from_the_sending_day(app, li_ming):
    # 11-04..11-06 = 3, 11-09..11-13 = 8, 11-16..11-20 = 13, 11-23, 11-24 = 15.
    actions.start_inquiry(
        li_ming, app, kind=PauseKind.AGENCY, party="示范县住房和城乡建设局", on=D(2026, 11, 3)
    )
    app.refresh_from_db()
    assert (app.inquiry_delivered_on, app.inquiry_due_on) == (D(2026, 11, 3), D(2026, 11, 24))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"on": D(2026, 11, 5), "delivered_on": D(2026, 11, 4)}, "对方收到征求意见书的日期不能早于发出日期"),
        ({"on": D(2026, 11, 5), "delivered_on": D(2027, 1, 4)}, "对方收到征求意见书日期不能晚于今天"),
        ({"on": D(2027, 1, 4)}, "发出日期不能晚于今天"),
    ],
)
def test_inquiry_dates_are_checked(app, li_ming, kwargs, message):
    with pytest.raises(ActionRefused, match=message):
        actions.start_inquiry(li_ming, app, kind=PauseKind.THIRD_PARTY, party="恒达公司", **kwargs)
    app.refresh_from_db()
    assert app.state == State.ACCEPTED and app.clock.open_pause() is None


def test_fee_period_runs_from_the_day_the_applicant_receives_the_notice(app, li_ming):
    # Notice sent Tue 11-03, received Thu 11-05: pay within 11-06 = 1, 11-09..11-13 = 6,
    # 11-16..11-20 = 11, 11-23..11-27 = 16, 11-30..12-03 = 20 → Thu 12-03.
    actions.notify_fee(
        li_ming, app, method=FeeMethod.VOLUME, pages=120, on=D(2026, 11, 3), delivered_on=D(2026, 11, 5)
    )
    app.refresh_from_db()
    assert (app.fee_notified_on, app.fee_delivered_on, app.fee_due_on) == (
        D(2026, 11, 3), D(2026, 11, 5), D(2026, 12, 3),
    )  # fmt: skip
    assert app.clock.open_pause().started_on == D(2026, 11, 5)
    with pytest.raises(ActionRefused, match="缴费日期不能早于申请人收到收费通知之日"):
        actions.record_payment(li_ming, app, on=D(2026, 11, 4))
    actions.record_payment(li_ming, app, on=D(2026, 11, 10))
    app.refresh_from_db()
    # The answer clock ran until receipt: 11-03 = 1, 11-04 = 2, 11-05 = 3; paused to 11-10;
    # 11-11..11-13 = 6, 11-16..11-20 = 11, 11-23..11-27 = 16, 11-30..12-03 = 20.
    assert app.clock.status(today=D(2026, 11, 10)).due_on == D(2026, 12, 3)


def test_hand_delivered_fee_notice_pauses_from_the_sending_day(app, li_ming):
    actions.notify_fee(li_ming, app, method=FeeMethod.VOLUME, pages=120, on=D(2026, 11, 3))
    actions.record_payment(li_ming, app, on=D(2026, 11, 10))
    app.refresh_from_db()
    # 11-03 = 1; paused to 11-10; 11-11..11-13 = 4, ..., 11-30..12-04 = 19, 12-07 = 20.
    assert app.fee_due_on == D(2026, 12, 1)  # 20 working days after 11-03
    assert app.clock.status(today=D(2026, 11, 10)).due_on == D(2026, 12, 7)


def test_fee_receipt_before_the_notice_is_refused(app, li_ming):
    with pytest.raises(ActionRefused, match="申请人收到收费通知的日期不能早于通知日期"):
        actions.notify_fee(
            li_ming, app, method=FeeMethod.VOLUME, pages=120, on=D(2026, 11, 5), delivered_on=D(2026, 11, 4)
        )
    app.refresh_from_db()
    assert app.state == State.ACCEPTED and app.fee_amount is None


def test_the_form_takes_the_receipt_date(client, app, li_ming):
    client.force_login(li_ming)
    r = client.post(
        f"/workbench/applications/{app.pk}/act/start_inquiry/",
        {"kind": "third_party", "party": "恒达公司", "on": "2026-11-03", "delivered_on": "2026-11-05"},
    )
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.inquiry_due_on == D(2026, 11, 26)
