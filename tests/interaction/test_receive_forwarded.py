"""A message forwarded by another part of the site (an online interview's unanswered question):
addressed to the agency's mailbox or the nearest above it, channel recorded, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions
from gongkai.interaction.models import Channel, Mailbox, Message, State

pytestmark = pytest.mark.django_db


def _forward(agency, key="interview-question:1", **overrides):
    data = {
        "channel": Channel.INTERVIEW,
        "idempotency_key": key,
        "agency": agency,
        "kind": "inquiry",
        "subject": "在线访谈网友提问",
        "body": "补贴什么时候发放？",
        "writer_name": "网友",
        "writer_phone": "13812345678",
        "submitted_at": timezone.now(),
        **overrides,
    }
    return actions.receive_forwarded(None, **data)


def test_lands_in_the_agency_mailbox_with_a_clock_and_the_channel(county, mailboxes, monday):
    message, created = _forward(county.finance)
    assert created
    assert message.mailbox.agency == county.finance
    assert message.channel == Channel.INTERVIEW and message.get_channel_display() == "在线访谈"
    assert message.state == State.RECEIVED and message.due_on is not None
    assert message.writer_phone == "13812345678"
    assert not message.public_consent


def test_forwarding_twice_creates_one_message(county, mailboxes):
    first, _ = _forward(county.finance)
    again, created = _forward(county.finance)
    assert (again.pk, created) == (first.pk, False)
    assert Message.objects.count() == 1


def test_an_agency_without_a_mailbox_uses_the_nearest_above(county, mailboxes):
    Mailbox.objects.filter(agency=county.finance).update(is_active=False)
    message, _ = _forward(county.finance)
    assert message.mailbox.name == "县长信箱"


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"channel": Channel.WEB}, "不支持的留言来源"),
        ({"idempotency_key": ""}, "缺少转办标识"),
        ({"writer_phone": ""}, "请填写联系电话"),
    ],
)
def test_refusals(county, mailboxes, overrides, refusal):
    with pytest.raises(ActionRefused, match=refusal):
        _forward(county.finance, **overrides)
    assert not Message.objects.exists()
