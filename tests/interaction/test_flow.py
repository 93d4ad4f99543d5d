"""The whole case through the actions: written → dispatched → returned → re-dispatched → answered →
reviewed → sent → published masked → rated 不满意 → reopened → answered again → rated 满意."""

from __future__ import annotations

from gongkai.audit.models import AuditEntry
from gongkai.interaction import actions
from gongkai.interaction.models import (
    PublicStatus,
    Rating,
    ReplyState,
    State,
    Transfer,
)
from gongkai.workdays.models import Clock

from .conftest import answer


def test_a_message_from_writing_to_satisfaction(
    message, monday, county, zhou_min, liu_yang, wu_lei, wang_fang, li_ming
):
    assert message.state == State.RECEIVED
    assert message.office == county.office
    assert message.public_status == PublicStatus.IN_PROGRESS
    assert "13812345678" not in message.masked_body and "张三" not in message.masked_body

    actions.dispatch_message(zhou_min, message, lead_agency=county.housing, assist_agencies=[county.finance])
    actions.return_message(liu_yang, message, reason="道路维修属财政预算事项，非本局职责")
    message.refresh_from_db()
    assert message.state == State.RETURNED and message.lead_agency is None

    actions.redispatch_message(zhou_min, message, lead_agency=county.finance)
    actions.assign_responder(li_ming, message, responder=wu_lei)
    actions.draft_reply(wu_lei, message, body="已联系张三（13812345678），道路将于下周维修。")
    actions.submit_reply(wu_lei, message)
    reply = actions.approve_reply(wang_fang, message)
    assert "13812345678" not in reply.masked_body and "张三" not in reply.masked_body
    actions.send_reply(wu_lei, message)
    actions.publish_reply(wang_fang, message)
    message.refresh_from_db()
    assert message.state == State.REPLIED
    assert message.public_status == PublicStatus.PUBLISHED
    assert Clock.objects.get(pk=message.clock_id).state == Clock.State.STOPPED

    actions.rate_reply(message, value="dissatisfied", comment="至今未修", reopen=True)
    message.refresh_from_db()
    assert (message.state, message.round, message.reopen_count) == (State.ASSIGNED, 2, 1)
    assert message.responder == wu_lei
    assert message.clock.state == Clock.State.RUNNING

    answer(
        message, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang, body="已修复。"
    )
    actions.rate_reply(message, value="satisfied")
    message.refresh_from_db()
    assert message.state == State.CLOSED
    assert [r.value for r in Rating.objects.filter(message=message)] == ["dissatisfied", "satisfied"]
    assert [r.state for r in message.replies.all()] == [ReplyState.SENT, ReplyState.SENT]
    assert list(Transfer.objects.filter(message=message).values_list("kind", "role", "to_agency")) == [
        ("dispatch", "lead", county.housing.pk),
        ("dispatch", "assist", county.finance.pk),
        ("return", "lead", county.office.pk),
        ("redispatch", "lead", county.finance.pk),
    ]
    codes = list(
        AuditEntry.objects.filter(object_type="interaction.message", object_id=str(message.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert codes[:3] == [
        "interaction.message.submit",
        "interaction.message.dispatch",
        "interaction.message.return",
    ]
    assert codes.count("interaction.reply.send") == 2
    assert "interaction.message.reopen" in codes
