"""Before a case closes: the notices the applicant must have; after: 已办结 with the days it took.

Received Mon 2026-09-28: the 20th working day is 2026-10-30 (国庆节 10-01..10-07, 调休上班 10-10).
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import State
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import extend, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


@pytest.fixture
def drafted(county, li_ming, wang_fang):
    def make(*, extended_by=None):
        app = register(li_ming, county.finance, on=D(2026, 9, 28))
        if extended_by is not None:
            extend(li_ming, extended_by, app, days=10, reason="需要调取档案", on=D(2026, 10, 20))
        actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "电子邮件发送"})
        actions.review_reply(wang_fang, app, note="同意")
        return app

    return make


def test_an_unsent_extension_notice_refuses_the_closing(drafted, li_ming, zhang_wei):
    app = drafted(extended_by=zhang_wei)
    with pytest.raises(
        ActionRefused, match="延期答复告知书尚未发出：条例第三十三条要求延长答复期限应当告知申请人"
    ):
        actions.send_reply(li_ming, app, on=D(2026, 11, 5))
    app.refresh_from_db()
    assert app.state == State.REVIEWED and app.closed_on is None and app.clock.state == "running"
    actions.send_notice(li_ming, app.notices.get(kind="extension"), on=D(2026, 10, 20))
    actions.send_reply(li_ming, app, on=D(2026, 11, 5))
    app.refresh_from_db()
    assert app.state == State.REPLIED


def test_an_unsent_receipt_is_a_warning_on_the_reply_form(client, drafted, li_ming):
    app = drafted()
    client.force_login(li_ming)
    form = client.get(f"/workbench/applications/{app.pk}/act/send_reply/").content.decode()
    assert "受理回执尚未发出" in form and "延期答复告知书尚未发出" not in form
    actions.send_notice(li_ming, app.notices.get(kind="acceptance"), on=D(2026, 9, 28))
    form = client.get(f"/workbench/applications/{app.pk}/act/send_reply/").content.decode()
    assert "受理回执尚未发出" not in form
    # A warning, not a refusal: the reply may go out (the receipt can travel with it).
    assert actions.closing_warnings(app) == []


def test_the_extension_warning_shows_on_the_case_page(client, drafted, li_ming, zhang_wei):
    app = drafted(extended_by=zhang_wei)
    client.force_login(li_ming)
    page = client.get(f"/workbench/applications/{app.pk}/").content.decode()
    assert "延期答复告知书尚未发出" in page


def test_a_closed_case_shows_done_with_the_working_days_it_took(client, drafted, li_ming):
    app = drafted()
    # 09-29, 09-30 = 2; 10-08, 10-09 = 4; Sat 10-10 = 5; 10-12..10-16 = 10; 10-19, 10-20 = 12.
    actions.send_reply(li_ming, app, on=D(2026, 10, 20))
    client.force_login(li_ming)
    page = client.get(f"/workbench/applications/{app.pk}/").content.decode()
    assert "<strong>已办结</strong>（2026-10-20），用时12个工作日，在期限内" in page
    assert "已用 / 剩余" not in page and 'id="due-on"' not in page


def test_a_case_closed_late_says_by_how_much(client, drafted, li_ming):
    app = drafted()
    # Due 10-30; closed Wed 11-04: 11-02, 11-03, 11-04 = 3 working days late, 23 used.
    actions.send_reply(li_ming, app, on=D(2026, 11, 4))
    client.force_login(li_ming)
    page = client.get(f"/workbench/applications/{app.pk}/").content.decode()
    assert "用时23个工作日" in page and "超过期限3个工作日" in page
