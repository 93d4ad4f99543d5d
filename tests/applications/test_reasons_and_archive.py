"""条例第三十五条 (asking for reasons, deciding them) and 归档, through the real actions.

Received Mon 2026-11-02; without pauses the 20th working day is 2026-11-30.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import State
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


@pytest.fixture
def asked(county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    notice = actions.ask_reasons(li_ming, app, on=D(2026, 11, 4))
    app.refresh_from_db()
    assert notice.kind == "reasons"
    return app


def test_asking_for_reasons_holds_the_clock(asked):
    assert asked.state == State.REASONS_PENDING and asked.reasons_asked_on == D(2026, 11, 4)
    pause = asked.clock.open_pause()
    assert (pause.kind, pause.started_on, pause.resume_state) == ("reasons", D(2026, 11, 4), "accepted")
    assert asked.clock.status(today=D(2026, 11, 20)).due_on is None


def test_reasonable_reasons_give_a_stated_new_period(asked, zhang_wei):
    old_clock = asked.clock
    actions.decide_reasons(
        zhang_wei, asked, reasonable=True, days=30, note="申请量大但理由正当", on=D(2026, 11, 10)
    )
    asked.refresh_from_db()
    old_clock.refresh_from_db()
    # A new 30-day clock from Tue 11-10: 11-11..11-13 = 3, 11-16..11-20 = 8, 11-23..11-27 = 13,
    # 11-30..12-04 = 18, 12-07..12-11 = 23, 12-14..12-18 = 28, 12-21, 12-22 = 30.
    assert asked.state == State.ACCEPTED and asked.clock != old_clock
    assert old_clock.state == "stopped"
    status = asked.clock.status(today=D(2026, 11, 10))
    assert (status.total_workdays, status.due_on) == (30, D(2026, 12, 22))
    assert asked.clock.max_extension_days == 0
    entry = AuditEntry.objects.get(action="applications.application.decide_reasons")
    assert entry.actor == zhang_wei and "确定30个工作日的答复期限" in entry.note


def test_reasonable_needs_the_period(asked, li_ming):
    with pytest.raises(ActionRefused, match="理由合理的，应确定延迟答复的合理期限（工作日）") as refused:
        actions.decide_reasons(li_ming, asked, reasonable=True, days=None, on=D(2026, 11, 10))
    assert refused.value.field == "days"
    asked.refresh_from_db()
    assert asked.state == State.REASONS_PENDING


def test_unreasonable_closes_as_not_processed(asked, li_ming):
    actions.decide_reasons(li_ming, asked, reasonable=False, note="无正当理由", on=D(2026, 11, 12))
    asked.refresh_from_db()
    assert (asked.state, asked.outcome, asked.closed_on) == (
        State.REPLIED,
        "not_processed_excessive",
        D(2026, 11, 12),
    )
    assert asked.notices.get(kind="reply").is_sent
    assert asked.clock.state == "stopped"


def test_only_clerk_or_signer_decides(asked, wang_fang):
    with pytest.raises(
        ActionRefused, match="认定理由（条例第三十五条）需要以下角色之一：信息公开工作人员、审发人"
    ):
        actions.decide_reasons(wang_fang, asked, reasonable=False, on=D(2026, 11, 12))


def test_archive_after_the_reply_only(county, li_ming, wang_fang, zhang_wei):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    with pytest.raises(ActionRefused, match="申请当前状态为“已受理”，不能归档（仅在已答复时可以）"):
        actions.archive_application(li_ming, app)
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "电子邮件发送"})
    actions.review_reply(wang_fang, app)
    actions.send_reply(li_ming, app, on=D(2026, 11, 20))
    with pytest.raises(ActionRefused, match="归档需要以下角色之一：信息公开工作人员"):
        actions.archive_application(zhang_wei, app)
    actions.archive_application(li_ming, app)
    app.refresh_from_db()
    assert app.state == State.ARCHIVED and app.outcome == "disclose"
    assert AuditEntry.objects.filter(action="applications.application.archive", actor=li_ming).count() == 1
