"""Every refusal of a token call: a Chinese message with a machine code, and nothing done."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.api.actions import revoke_api_token
from gongkai.api.models import ApiToken

from .helpers import bearer, issue

URL = "/api/staff/messages/"


def test_no_token_is_401_token_missing(client, county):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "code": "token_missing",
        "message": "缺少访问令牌：请在请求头中提供 Authorization: Bearer <令牌>",
    }


def test_an_unknown_token_is_401_token_invalid(client, county):
    response = client.get(URL, **bearer("gk_not-a-token"))
    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"
    assert "访问令牌无效" in response.json()["message"]


def test_a_revoked_token_is_401_token_revoked(client, he_jing):
    token, raw = issue(he_jing)
    revoke_api_token(he_jing, token)
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 401
    assert response.json() == {
        "code": "token_revoked",
        "message": "令牌“本局OA系统对接”已被吊销，请联系本机关系统管理员",
    }


def test_an_expired_token_is_401_token_expired(client, he_jing):
    _token, raw = issue(he_jing, days=30)
    assert client.get(URL, **bearer(raw)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = client.get(URL, **bearer(raw))
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert response.json()["message"].startswith("令牌“本局OA系统对接”已于")


def test_a_missing_scope_is_403_and_names_the_scope(client, he_jing):
    _token, raw = issue(he_jing, scopes=["applications:read"])
    response = client.get(URL, **bearer(raw))
    assert response.status_code == 403
    assert response.json() == {
        "code": "scope_missing",
        "message": "令牌“本局OA系统对接”没有此接口所需的权限范围：messages:read（读取本机关办理的留言）",
    }


def test_calls_over_the_limit_are_429(client, he_jing, settings):
    settings.GONGKAI_API_TOKEN_CALLS_PER_MINUTE = 2
    _token, raw = issue(he_jing)
    assert [client.get(URL, **bearer(raw)).status_code for _ in range(3)] == [200, 200, 429]
    response = client.get(URL, **bearer(raw))
    assert response.json()["code"] == "rate_limited"
    assert response["Retry-After"] == "60"


def test_a_call_records_the_last_use(client, he_jing):
    token, raw = issue(he_jing)
    assert token.last_used_at is None
    client.get(URL, **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("query", "code", "text"),
    [
        ("?cursor=abc", "bad_cursor", "分页游标 cursor 无效"),
        ("?limit=0", "invalid_input", "每页条数 limit 应在1至100之间"),
        ("?limit=many", "invalid_input", "查询参数“limit”应为整数"),
        ("?status=received", "unknown_parameter", "不认识的查询参数：status"),
        ("?state=lost", "invalid_input", "查询参数“state”不是可选的值"),
    ],
)
def test_bad_list_parameters(client, finance_token, query, code, text):
    response = client.get(URL + query, **bearer(finance_token))
    assert response.status_code in (400, 422)
    assert response.json()["code"] == code
    assert text in response.json()["message"]


def test_the_tokens_of_interaction_moved_here_with_messages_write(county, zhao_qiang):
    """Migration 0002: a 12345 token keeps working under the JSON API (same hash, scope messages:write)."""
    from importlib import import_module

    from django.apps import apps

    from gongkai.interaction.actions.tokens import issue_api_token as issue_12345

    old, raw = issue_12345(zhao_qiang, name="市12345平台对接")
    import_module("gongkai.api.migrations.0002_tokens_of_12345").forwards(apps, None)
    moved = ApiToken.objects.get(name="市12345平台对接")
    assert moved.scopes == ["messages:write"] and moved.agency == county.office
    assert moved.token_hash == old.token_hash and moved.get_state() == "active"
