"""Issuing and revoking integration tokens: only a system administrator or a supervisor, only a
hash kept, audited; the refusals name what is wrong."""

from __future__ import annotations

import hashlib

import pytest

from gongkai.api.actions import revoke_api_token
from gongkai.api.models import ApiToken
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused

from .helpers import issue


def test_the_token_is_shown_once_and_only_its_hash_is_kept(he_jing, county):
    token, raw = issue(he_jing, scopes=["applications:read", "messages:read"])
    assert raw.startswith("gk_") and len(raw) > 40
    token.refresh_from_db()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.values().get())
    assert token.agency == county.finance
    assert token.scopes == ["messages:read", "applications:read"]  # the order of SCOPES
    assert token.get_state() == "active"
    entry = AuditEntry.objects.get(action="api.token.issue")
    assert entry.actor_name == "何静" and entry.agency == county.finance
    assert raw not in str(entry.after)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " "}, "请填写令牌名称"),
        ({"name": "长" * 61}, "令牌名称不能超过60个字"),
        ({"scopes": []}, "请至少选择一项权限范围"),
        ({"scopes": ["messages:delete"]}, "不认识的权限范围：messages:delete"),
        ({"days": 3650}, "有效期应为30、90、180或365天"),
    ],
)
def test_bad_input_is_refused(he_jing, kwargs, message):
    with pytest.raises(ActionRefused, match=message):
        issue(he_jing, **kwargs)
    assert not ApiToken.objects.exists()


def test_a_clerk_may_not_issue_or_revoke(li_ming, he_jing):
    with pytest.raises(ActionRefused, match="签发接口令牌需要系统管理员或主管部门角色"):
        issue(li_ming)
    token, _raw = issue(he_jing)
    with pytest.raises(ActionRefused, match="吊销接口令牌需要系统管理员或主管部门角色"):
        revoke_api_token(li_ming, token)


def test_revoking_twice_is_refused(he_jing):
    token, _raw = issue(he_jing)
    revoke_api_token(he_jing, token)
    token.refresh_from_db()
    assert token.get_state() == "revoked"
    with pytest.raises(ActionRefused, match="该令牌已经吊销"):
        revoke_api_token(he_jing, token)
    assert AuditEntry.objects.filter(action="api.token.revoke").count() == 1
