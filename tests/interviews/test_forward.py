"""When the interview finishes, the approved questions nobody answered become messages routed to
the guest's agency, with a deadline and the questioner's phone — exactly once."""

from __future__ import annotations

import pytest

from gongkai.interaction import actions as messages
from gongkai.interaction.models import Channel, Message
from gongkai.interviews import actions
from gongkai.interviews.models import Moderation

from .conftest import make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(county, li_ming):
    """A live interview of 县财政局 whose guest is from 县住建局, with four questions."""
    messages.ensure_mailboxes(None, county.government)
    interview = make_interview(li_ming, county.finance, state="collecting")
    actions.add_guest(li_ming, interview, name="刘建设", agency=county.housing, title="县住建局副局长")
    asked = {}
    for key, body, decision in [
        ("answered", "老旧小区改造什么时候开始？", Moderation.APPROVED),
        ("unanswered", "加装电梯有补贴吗？", Moderation.APPROVED),
        ("hidden", "广告内容", Moderation.HIDDEN),
        ("held", "没来得及审核的问题", None),
    ]:
        question, _ = actions.submit_question(
            interview, body=body, phone="13812345678", display_name="网友甲", idempotency_key=key
        )
        if decision:
            question = actions.moderate_question(li_ming, question, decision=decision)
        asked[key] = question
    interview = actions.start_interview(li_ming, interview)
    guest = interview.guests.get()
    actions.post_entry(li_ming, interview, body="今年下半年开始。", guest=guest, answers=asked["answered"])
    return interview, asked


def test_finishing_forwards_the_unanswered_approved_questions_once(event, county, li_ming):
    interview, asked = event
    actions.finish_interview(li_ming, interview)
    message = Message.objects.get()
    assert message.channel == Channel.INTERVIEW
    assert message.mailbox.agency == county.housing  # the guest's agency, not the host's
    assert message.body == "加装电梯有补贴吗？" and message.writer_phone == "13812345678"
    assert message.due_on is not None
    asked["unanswered"].refresh_from_db()
    assert asked["unanswered"].message_receipt_code == message.receipt_code
    for key in ("answered", "hidden", "held"):
        asked[key].refresh_from_db()
        assert asked[key].message_receipt_code == ""
    # Again: nothing new.
    assert actions.forward_unanswered(li_ming, interview) == []
    assert Message.objects.count() == 1


def test_a_question_approved_after_the_event_is_forwarded_then(event, li_ming):
    interview, asked = event
    actions.finish_interview(li_ming, interview)
    late = actions.moderate_question(li_ming, asked["held"], decision=Moderation.APPROVED)
    assert late.message_receipt_code
    assert Message.objects.count() == 2


def test_a_withdrawn_answer_does_not_count(event, li_ming):
    interview, asked = event
    entry = asked["answered"].answers.get()
    actions.withdraw_entry(li_ming, entry)
    actions.finish_interview(li_ming, interview)
    assert Message.objects.count() == 2


def test_the_staff_page_shows_the_receipt_code(client, event, li_ming):
    interview, asked = event
    actions.finish_interview(li_ming, interview)
    client.force_login(li_ming)
    html = client.get(f"/workbench/interviews/{interview.pk}/").content.decode()
    assert Message.objects.get().receipt_code in html


def test_no_mailbox_anywhere_keeps_the_interview_live(county, li_ming):
    interview = make_interview(li_ming, county.finance, state="live")
    question, _ = actions.submit_question(interview, body="问题", phone="13812345678", idempotency_key="k")
    actions.moderate_question(li_ming, question, decision=Moderation.APPROVED)
    from gongkai.common.errors import ActionRefused

    with pytest.raises(ActionRefused, match="没有启用的信箱"):
        actions.finish_interview(li_ming, interview)
    interview.refresh_from_db()
    assert interview.state == "live" and not Message.objects.exists()
