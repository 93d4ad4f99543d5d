"""The 12345 platform's ticket endpoint: staff tokens (hashed, shown once, revocable), idempotent on
the ticket id, clear JSON errors in Chinese, GET → 405 with Allow."""

from __future__ import annotations

import json

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.interaction.actions.tokens import issue_api_token, revoke_api_token
from gongkai.interaction.models import ApiToken, Channel, Message

URL = "/messages/api/12345/tickets/"
TICKET = {
    "ticket_id": "12345-20260302-0001",
    "kind": "complaint",
    "subject": "小区路灯不亮",
    "body": "幸福路12号小区路灯已坏一周，夜间出行不便。",
    "caller_name": "周敏",
    "caller_phone": "13905312222",
    "call_time": "2026-03-02T08:30:00+08:00",
    "public_consent": True,
}


@pytest.fixture
def token(zhao_qiang, mailboxes, monday):
    _row, raw = issue_api_token(zhao_qiang, name="市12345平台对接")
    return raw


def post(client, body, token=None, content_type="application/json"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(URL, data, content_type=content_type, **headers)


def test_get_is_405_with_allow(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json() == {"error": "此地址只接受POST请求（提交工单）"}


def test_a_ticket_becomes_a_message_once(client, token, county):
    first = post(client, TICKET, token)
    assert first.status_code == 201
    body = first.json()
    message = Message.objects.get()
    assert body == {
        "ticket_id": "12345-20260302-0001",
        "receipt_code": message.receipt_code,
        "created": True,
        "state": "received",
        "state_label": "待交办",
        "mailbox": "县长信箱",
    }
    assert message.channel == Channel.PLATFORM_12345
    assert message.mailbox.agency == county.government
    again = post(client, TICKET, token)  # the platform retries
    assert again.status_code == 200
    assert again.json() == {**body, "created": False}
    assert Message.objects.count() == 1
    # Even a retry whose other fields changed finds the first message and creates nothing.
    assert (
        post(client, {**TICKET, "subject": "改过的标题"}, token).json()["receipt_code"]
        == message.receipt_code
    )
    assert Message.objects.count() == 1


@pytest.mark.parametrize("header", [None, "Bearer gk12345_wrong", "Basic abc", "Bearer "])
def test_without_a_valid_token(client, token, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(URL, json.dumps(TICKET), content_type="application/json", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "缺少或无效的访问令牌" in response.json()["error"]
    assert Message.objects.count() == 0


def test_a_revoked_token_is_refused(client, token, zhao_qiang):
    revoke_api_token(zhao_qiang, ApiToken.objects.get())
    assert post(client, TICKET, token).status_code == 401
    with pytest.raises(ActionRefused, match="该令牌已经吊销"):
        revoke_api_token(zhao_qiang, ApiToken.objects.get())


def test_bad_tickets_get_every_problem_in_chinese(client, token):
    response = post(
        client, {**TICKET, "caller_phone": "123", "kind": "x", "call_time": "2099-01-01T00:00:00"}, token
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "工单内容有误，请按 fields 中的说明修改后重新提交"
    assert set(body["fields"]) == {"caller_phone", "kind", "call_time"}
    assert body["fields"]["caller_phone"].startswith("来电号码应为11位手机号码")
    assert Message.objects.count() == 0


def test_not_json(client, token):
    assert post(client, "{not json", token).json() == {"error": "请求体不是有效的JSON（UTF-8编码）"}
    response = post(client, "ticket_id=1", token, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    big = post(client, {**TICKET, "body": "字" * 30000}, token)
    assert big.status_code == 413


def test_a_mailbox_of_another_county_is_refused(client, token, chen_jing, county):
    from gongkai.interaction import actions

    [other] = actions.ensure_mailboxes(chen_jing, county.neighbour)
    response = post(client, {**TICKET, "mailbox": other.pk}, token)
    assert response.status_code == 400
    assert "不属于本令牌所属机关" in response.json()["fields"]["mailbox"]
    finance_box = Message.mailbox.field.related_model.objects.get(agency=county.finance)
    assert post(client, {**TICKET, "mailbox": finance_box.pk}, token).status_code == 201


def test_tokens_are_kept_as_hashes_and_audited(token, zhao_qiang, li_ming):
    row = ApiToken.objects.get()
    assert token.startswith("gk12345_") and token not in row.token_hash and row.prefix == token[:12]
    assert AuditEntry.objects.filter(action="interaction.api_token.issue").count() == 1
    with pytest.raises(ActionRefused, match="签发接口令牌需要系统管理员或主管部门角色"):
        issue_api_token(li_ming, name="x")


def test_the_token_page_shows_a_new_token_once(client, zhao_qiang, li_ming, mailboxes):
    client.force_login(zhao_qiang)
    page = client.post("/workbench/messages/hotline/tokens/", {"name": "市12345平台对接"})
    raw = (
        page.content.decode()
        .split('id="issued-token" class="secret" type="text" readonly value="')[1]
        .split('"')[0]
    )
    assert raw.startswith("gk12345_")
    assert page["Cache-Control"] == "no-store"
    assert raw not in client.get("/workbench/messages/hotline/tokens/").content.decode()
    row = ApiToken.objects.get()
    assert client.post(f"/workbench/messages/hotline/tokens/{row.pk}/revoke/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_by == zhao_qiang
    client.force_login(li_ming)
    assert client.get("/workbench/messages/hotline/tokens/").status_code == 403
