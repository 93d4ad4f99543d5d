"""Staff tokens of the 12345 platform's ticket endpoint: issued and revoked by actions, kept only
as a hash, shown once when issued."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused

from ..models import ApiToken

TOKEN_PREFIX = "gk12345_"
ISSUER_ROLES = (Role.SYSADMIN, Role.SUPERVISOR)


def token_hash(raw: str) -> str:
    # The token is 256 random bits, so a plain SHA-256 is enough: nothing to brute-force.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def may_issue_tokens(user: Staff) -> bool:
    return bool(user.is_superuser or user.has_role(*ISSUER_ROLES))


@transaction.atomic
def issue_api_token(actor: Staff, *, name: str) -> tuple[ApiToken, str]:
    """A new token for `actor`'s agency; returns the row and the token itself (shown only now)."""
    if actor is None or not may_issue_tokens(actor):
        raise ActionRefused("签发接口令牌需要系统管理员或主管部门角色")
    if actor.agency_id is None:
        raise ActionRefused("您的账号未关联机关，不能签发接口令牌")
    name = (name or "").strip()
    if not name:
        raise ActionRefused("请填写令牌用途", field="name")
    if len(name) > 60:
        raise ActionRefused("令牌用途不能超过60个字", field="name")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        agency=actor.agency,
        prefix=raw[: len(TOKEN_PREFIX) + 4],
        token_hash=token_hash(raw),
        created_by=actor,
        created_at=timezone.now(),
    )
    record_audit(
        actor=actor,
        action="interaction.api_token.issue",
        target=token,
        agency=token.agency,
        after={"name": name, "prefix": token.prefix},
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
        action="interaction.api_token.revoke",
        target=token,
        agency=token.agency,
        before={"revoked": False},
        after={"revoked": True},
    )
    return token


def authenticate_token(raw: str) -> ApiToken | None:
    """The active token `raw` is, or None (unknown and revoked alike)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("agency").filter(token_hash=token_hash(raw)).first()
    if token is None or token.revoked_at is not None:
        return None
    return token


def touch_api_token(token: ApiToken) -> None:
    """Remember when the token was last used (bookkeeping shown on the token page; no audit row)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
