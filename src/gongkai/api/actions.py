"""Every write of the api app: issuing and revoking integration tokens (audited), and the token
bookkeeping of a call. Calls made with a token go through the domains' own actions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused

from .models import ApiToken
from .scopes import SCOPES, clean_scopes

TOKEN_PREFIX = "gk_"
ISSUER_ROLES = (Role.SYSADMIN, Role.SUPERVISOR)
VALID_DAYS = (30, 90, 180, 365)


def token_hash(raw: str) -> str:
    # 256 random bits: a plain SHA-256 is enough (nothing to brute-force), and it is the hash the
    # 12345 tokens of interaction were kept as, so those moved here unchanged (migration 0002).
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def may_issue_tokens(user: Staff) -> bool:
    return bool(user.is_superuser or user.has_role(*ISSUER_ROLES))


@transaction.atomic
def issue_api_token(actor: Staff, *, name: str, scopes, valid_days: int) -> tuple[ApiToken, str]:
    """A new token of `actor`'s agency; returns the row and the token itself (shown only now)."""
    if actor is None or not may_issue_tokens(actor):
        raise ActionRefused("签发接口令牌需要系统管理员或主管部门角色")
    if actor.agency_id is None:
        raise ActionRefused("您的账号未关联机关，不能签发接口令牌")
    name = (name or "").strip()
    if not name:
        raise ActionRefused("请填写令牌名称", field="name")
    if len(name) > 60:
        raise ActionRefused("令牌名称不能超过60个字", field="name")
    unknown = sorted(set(scopes or ()) - set(SCOPES))
    if unknown:
        raise ActionRefused(f"不认识的权限范围：{'、'.join(unknown)}", field="scopes")
    scopes = clean_scopes(scopes)
    if not scopes:
        raise ActionRefused("请至少选择一项权限范围", field="scopes")
    if valid_days not in VALID_DAYS:
        raise ActionRefused("有效期应为30、90、180或365天", field="valid_days")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        name=name,
        agency=actor.agency,
        scopes=scopes,
        prefix=raw[: len(TOKEN_PREFIX) + 4],
        token_hash=token_hash(raw),
        created_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
    )
    record_audit(
        actor=actor,
        action="api.token.issue",
        target=token,
        agency=token.agency,
        after={"name": name, "prefix": token.prefix, "scopes": scopes, "expires_at": token.expires_at},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(actor: Staff, token: ApiToken) -> ApiToken:
    if actor is None or not may_issue_tokens(actor):
        raise ActionRefused("吊销接口令牌需要系统管理员或主管部门角色")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ActionRefused("该令牌已经吊销")
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    record_audit(
        actor=actor,
        action="api.token.revoke",
        target=token,
        agency=token.agency,
        before={"revoked": False},
        after={"revoked": True},
    )
    return token


def find_token(raw: str) -> ApiToken | None:
    """The token `raw` is (active, expired or revoked alike), or None."""
    if not raw or len(raw) > 100:
        return None
    return ApiToken.objects.select_related("agency").filter(token_hash=token_hash(raw)).first()


def touch_api_token(token: ApiToken) -> None:
    """Remember when the token was last used (bookkeeping shown on the token page; no audit row).
    At most once a minute, so a busy integration does not write on every call."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
