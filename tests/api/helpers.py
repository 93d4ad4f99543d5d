"""Integration tokens and calls, built through the real actions (also for tests/scope_registry.py)."""

from __future__ import annotations

import json

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role, Staff
from gongkai.api.actions import issue_api_token
from gongkai.api.models import ApiToken
from tests.conftest import PASSWORD

ALL_SCOPES = ["messages:read", "messages:write", "applications:read"]


def finance_admin(county) -> Staff:
    """何静, system administrator of 县财政局."""
    existing = Staff.objects.filter(username="hejing").first()
    return existing or create_staff(
        None,
        username="hejing",
        password=PASSWORD,
        agency=county.finance,
        full_name="何静",
        roles=[Role.SYSADMIN],
    )


def housing_admin(county) -> Staff:
    """高峰, system administrator of 县住建局."""
    existing = Staff.objects.filter(username="gaofeng").first()
    return existing or create_staff(
        None,
        username="gaofeng",
        password=PASSWORD,
        agency=county.housing,
        full_name="高峰",
        roles=[Role.SYSADMIN],
    )


def issue(admin: Staff, name="本局OA系统对接", scopes=ALL_SCOPES, days=365) -> tuple[ApiToken, str]:
    return issue_api_token(admin, name=name, scopes=scopes, valid_days=days)


def finance_api_token(county) -> ApiToken:
    """An integration token of 县财政局 (for the scope registry); made once per test."""
    existing = ApiToken.objects.filter(agency=county.finance).first()
    return existing or issue(finance_admin(county), name="县财政局OA对接")[0]


def bearer(raw: str | None) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}


def post_json(client, url, body, raw=None):
    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(url, data, content_type="application/json", **bearer(raw))
