"""A token acts as its agency: it sees the messages its agency handles and no other agency's, and
a ticket it sends becomes a message through interaction's action, audited with the token's name."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.audit.models import AuditEntry
from gongkai.interaction.models import Channel, Message
from tests.interaction.helpers import finance_message

from .helpers import bearer, issue, post_json

TICKET = {
    "ticket_id": "OA-2026-0001",
    "kind": "complaint",
    "subject": "小区路灯不亮",
    "body": "幸福路12号小区路灯已坏一周，夜间出行不便。",
    "caller_name": "周敏",
    "caller_phone": "13905312222",
    "call_time": "2026-03-02T08:30:00+08:00",
    "public_consent": True,
}


@pytest.fixture
def monday():
    with time_machine.travel("2026-03-02T09:00:00+08:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def office_token(zhao_qiang, monday):
    from gongkai.interaction import actions

    actions.ensure_mailboxes(None, zhao_qiang.agency.supervises)
    return issue(zhao_qiang, name="市12345平台对接", scopes=["messages:write", "messages:read"])[1]


def test_a_ticket_becomes_a_message_once_audited_with_the_token(client, office_token, county):
    first = post_json(client, "/api/staff/messages/tickets", TICKET, office_token)
    assert first.status_code == 201, first.content
    message = Message.objects.get()
    assert first.json() == {
        "ticket_id": "OA-2026-0001",
        "receipt_code": message.receipt_code,
        "created": True,
        "state": "received",
        "state_label": "待交办",
        "mailbox": "县长信箱",
    }
    assert message.channel == Channel.PLATFORM_12345
    entry = AuditEntry.objects.get(object_type="interaction.message")
    assert entry.actor is None
    assert entry.actor_name == "接口令牌“市12345平台对接”（示范县人民政府办公室）"
    again = post_json(client, "/api/staff/messages/tickets", TICKET, office_token)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["receipt_code"] == message.receipt_code
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "code", "field", "text"),
    [
        ({"colour": "red"}, "invalid_input", "colour", "请求体“colour”不是可接受的字段"),
        ({"kind": "praise"}, "invalid_input", "kind", "请求体“kind”不是可选的值"),
        ({"public_consent": "maybe"}, "invalid_input", "public_consent", "应为 true 或 false"),
        ({"caller_phone": "12"}, "invalid_ticket", "caller_phone", "来电号码"),
        ({"call_time": "yesterday"}, "invalid_ticket", "call_time", "来电时间格式不正确"),
        ({"mailbox": 999999}, "invalid_ticket", "mailbox", "信箱不存在"),
    ],
)
def test_a_bad_ticket_is_refused_in_chinese_and_nothing_is_created(
    client, office_token, change, code, field, text
):
    response = post_json(client, "/api/staff/messages/tickets", {**TICKET, **change}, office_token)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert text in body["fields"][field]
    assert not Message.objects.exists()


def test_a_missing_field_and_bad_json(client, office_token):
    missing = post_json(
        client, "/api/staff/messages/tickets", {k: v for k, v in TICKET.items() if k != "body"}, office_token
    )
    assert missing.status_code == 422
    assert missing.json()["fields"] == {"body": "请求体“body”为必填项"}
    broken = post_json(client, "/api/staff/messages/tickets", "{not json", office_token)
    assert broken.status_code == 400
    assert broken.json() == {"code": "bad_json", "message": "请求体不是有效的JSON（UTF-8编码）"}


def test_a_read_only_token_cannot_write(client, he_jing):
    raw = issue(he_jing, scopes=["messages:read"])[1]
    response = post_json(client, "/api/staff/messages/tickets", TICKET, raw)
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"
    assert not Message.objects.exists()


def test_a_token_reads_its_own_agency_messages_only(client, county, finance_token, housing_token):
    message = finance_message(county)
    own = client.get("/api/staff/messages/", **bearer(finance_token))
    assert own.status_code == 200
    [row] = own.json()["items"]
    assert row["receipt_code"] == message.receipt_code and row["lead_agency"] == "示范县财政局"
    # 县住建局's token sees neither the list row nor the message itself.
    assert client.get("/api/staff/messages/", **bearer(housing_token)).json()["items"] == []
    other = client.get(f"/api/staff/messages/{message.receipt_code}", **bearer(housing_token))
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    detail = client.get(f"/api/staff/messages/{message.receipt_code}", **bearer(finance_token)).json()
    assert detail["subject"] == "财政补贴发放咨询"
    for personal in ("张三", "13812345678"):
        assert personal not in str(own.json()) + str(detail)


def test_the_list_pages_by_cursor_in_constant_queries(client, county, finance_token):
    from gongkai.interaction import actions
    from tests.interaction.helpers import office_clerk

    finance_message(county)
    box = Message.objects.get().mailbox
    for i in range(4):
        m, _ = actions.submit_message(
            mailbox=box,
            idempotency_key=f"k{i}",
            kind="inquiry",
            subject=f"咨询{i}",
            body="请问补贴何时发放？",
            writer_name="李四",
            writer_phone="13900000000",
        )
        actions.dispatch_message(office_clerk(county), m, lead_agency=county.finance)
    client.get("/api/staff/messages/", **bearer(finance_token))  # the first call notes the token's last use
    seen, cursor, counts = [], None, set()
    while True:
        url = "/api/staff/messages/?limit=2" + (f"&cursor={cursor}" if cursor else "")
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url, **bearer(finance_token)).json()
        counts.add(len(queries))
        seen += [row["receipt_code"] for row in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5
    assert len(counts) == 1  # every page costs the same, however deep
    assert seen == list(
        Message.objects.order_by("-submitted_at", "-pk").values_list("receipt_code", flat=True)
    )


def test_a_cursor_of_another_list_is_refused(client, county, finance_token):
    response = client.get("/api/documents/?limit=1", **bearer(finance_token))
    assert response.status_code == 200
    forged = client.get("/api/staff/messages/?cursor=" + "x" * 40, **bearer(finance_token))
    assert forged.json()["code"] == "bad_cursor"
