"""The people of 留言办理, on top of the county of tests/conftest.py.

县政府办公室: 周敏 (clerk — dispatches), 赵强 (supervisor); 县财政局: 李明 (clerk), 王芳 (reviewer),
张伟 (signer), 吴磊 (responder); 县住建局: 刘洋 (responder); 邻县: 陈静. The writer is 张三 (13812345678).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.interaction import actions
from gongkai.interaction.models import Mailbox
from tests.conftest import _person

SHANGHAI = ZoneInfo("Asia/Shanghai")
WRITER = {"writer_name": "张三", "writer_phone": "13812345678"}


@pytest.fixture
def zhou_min(county):
    return _person("zhoumin", "周敏", county.office, Role.CLERK)


@pytest.fixture
def wu_lei(county):
    return _person("wulei", "吴磊", county.finance, Role.RESPONDER)


@pytest.fixture
def mailboxes(county) -> dict[str, Mailbox]:
    actions.ensure_mailboxes(None, county.government)
    return {m.agency.short_name or m.agency.name: m for m in Mailbox.objects.select_related("agency")}


@pytest.fixture
def county_box(mailboxes) -> Mailbox:
    return Mailbox.objects.get(name="县长信箱")


@pytest.fixture
def monday():
    """Monday 2026-03-02, 09:00 in Shanghai (an ordinary working week)."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False) as traveller:
        yield traveller


def write(mailbox, key="k1", **overrides):
    data = {
        "kind": "complaint",
        "subject": "小区门口道路破损",
        "body": "幸福小区门口道路破损多日，请尽快维修。联系人张三，电话13812345678。",
        "public_consent": True,
        **WRITER,
        **overrides,
    }
    message, _created = actions.submit_message(mailbox=mailbox, idempotency_key=key, **data)
    return message


@pytest.fixture
def message(county_box, monday):
    return write(county_box)


def answer(message, *, office, lead, responder, reviewer, body="道路已安排维修。"):
    """Dispatch to `lead` (if not yet), assign, draft, submit, approve, send."""
    from gongkai.interaction.models import State

    message.refresh_from_db()
    if message.state == State.RECEIVED:
        actions.dispatch_message(office, message, lead_agency=lead)
    if message.state in (State.DISPATCHED, State.RECEIVED):
        actions.assign_responder(reviewer, message, responder=responder)
    actions.submit_reply(responder, message, body=body)
    actions.approve_reply(reviewer, message)
    actions.send_reply(responder, message)
    message.refresh_from_db()
    return message
