"""延期答复 (条例第三十三条第二款): the clerk asks, the signer approves from the signer's own account.

Received Mon 2026-09-28: the 20th working day is 2026-10-30 (国庆节 10-01..10-07, 调休上班 10-10).
Extended by 20: 11-02..11-06 = 5, 11-09..11-13 = 10, 11-16..11-20 = 15, 11-23..11-27 = 20 → 11-27.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import State
from gongkai.applications.queries import todo_items
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import extend, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


@pytest.fixture
def app(county, li_ming):
    return register(li_ming, county.finance, on=D(2026, 9, 28))


def test_request_waits_for_the_signer_with_the_clock_running(app, li_ming, zhang_wei):
    actions.request_extension(li_ming, app, days=20, reason="需要调取档案", on=D(2026, 10, 20))
    app.refresh_from_db()
    assert app.state == State.EXTENSION_REQUESTED
    assert (app.extension_days, app.extension_requested_by, app.extension_requested_in) == (
        20,
        li_ming,
        "accepted",
    )
    status = app.clock.status(today=D(2026, 10, 20))
    assert status.due_on == D(2026, 10, 30) and app.clock.extension_count == 0  # still running, not extended
    assert not app.notices.filter(kind="extension").exists()

    mine = [i for i in todo_items(zhang_wei) if app.receipt_code in i.title]
    assert [i.status for i in mine] == ["延期待批准（李明申请延长20个工作日）"]


def test_signer_approves_and_the_audit_names_the_signer(app, li_ming, zhang_wei):
    notice = extend(li_ming, zhang_wei, app, days=20, reason="需要调取档案", on=D(2026, 10, 21))
    app.refresh_from_db()
    assert app.state == State.EXTENDED
    assert app.clock.extension_approved_by == zhang_wei
    assert app.clock.status(today=D(2026, 10, 21)).due_on == D(2026, 11, 27)
    assert notice.kind == "extension" and "2026年11月27日" in notice.text
    requested = AuditEntry.objects.get(action="applications.application.request_extension")
    approved = AuditEntry.objects.get(action="applications.application.extend")
    assert requested.actor == li_ming and approved.actor == zhang_wei
    assert approved.note.startswith("张伟批准延长20个工作日（李明申请）")


def test_the_clerk_cannot_approve_the_own_request(app, li_ming):
    actions.request_extension(li_ming, app, days=5, reason="档案", on=D(2026, 10, 20))
    with pytest.raises(ActionRefused, match="批准延期答复需要以下角色之一：审发人"):
        actions.extend_application(li_ming, app, on=D(2026, 10, 20))
    app.refresh_from_db()
    assert app.state == State.EXTENSION_REQUESTED and app.clock.extension_count == 0


def test_a_signer_of_another_county_cannot_approve(app, li_ming, chen_jing):
    actions.request_extension(li_ming, app, days=5, reason="档案", on=D(2026, 10, 20))
    with pytest.raises(ActionRefused, match="该申请不在您的工作范围内"):
        actions.extend_application(chen_jing, app, on=D(2026, 10, 20))


def test_signer_declines_with_a_reason_and_the_case_returns(app, li_ming, zhang_wei, wang_fang):
    actions.assign_application(li_ming, app, handler=li_ming)
    actions.request_extension(li_ming, app, days=5, reason="档案", on=D(2026, 10, 20))
    with pytest.raises(ActionRefused, match="不同意延期须写明理由"):
        actions.decline_extension(zhang_wei, app, note=" ")
    actions.decline_extension(zhang_wei, app, note="材料齐全，应按期答复")
    app.refresh_from_db()
    assert app.state == State.IN_PROGRESS and app.clock.extension_count == 0
    assert app.clock.status(today=D(2026, 10, 20)).due_on == D(2026, 10, 30)
    entry = AuditEntry.objects.get(action="applications.application.decline_extension")
    assert entry.actor == zhang_wei and "材料齐全" in entry.note


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"days": 21}, "最长不得超过20个工作日"),
        ({"days": 0}, "最长不得超过20个工作日"),
        ({"reason": " "}, "请写明延期理由"),
        ({"on": D(2026, 11, 2)}, "答复期限已于2026年10月30日届满"),
        ({"on": D(2027, 1, 4)}, "申请延期日期不能晚于今天"),
    ],
)
def test_request_limits(app, li_ming, change, message):
    kwargs = {"days": 10, "reason": "需要调取档案", "on": D(2026, 10, 20)} | change
    with pytest.raises(ActionRefused, match=message):
        actions.request_extension(li_ming, app, **kwargs)
    app.refresh_from_db()
    assert app.state == State.ACCEPTED and app.extension_days is None


def test_only_a_clerk_requests(app, zhang_wei):
    with pytest.raises(ActionRefused, match="申请延期答复需要以下角色之一：信息公开工作人员"):
        actions.request_extension(zhang_wei, app, days=5, reason="档案", on=D(2026, 10, 20))


def test_extension_only_once(app, li_ming, zhang_wei):
    extend(li_ming, zhang_wei, app, days=5, reason="档案", on=D(2026, 10, 20))
    with pytest.raises(ActionRefused, match="不能申请延期答复"):
        actions.request_extension(li_ming, app, days=5, reason="再延", on=D(2026, 10, 21))


def test_approval_date_is_not_before_the_request(app, li_ming, zhang_wei):
    actions.request_extension(li_ming, app, days=5, reason="档案", on=D(2026, 10, 20))
    with pytest.raises(ActionRefused, match="批准日期不能早于申请延期日期"):
        actions.extend_application(zhang_wei, app, on=D(2026, 10, 19))
