"""Integration tokens on a call: `Authorization: Bearer gk_…`. A token acts as its agency — the
staff endpoints hand `token_actor(token)` to the same query and scope functions the workbench
pages use — and each call is counted against the token's per-minute limit in the shared cache."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from gongkai.agencies.models import Staff
from gongkai.common import ratelimit

from .actions import find_token, touch_api_token
from .errors import ApiError
from .models import ApiToken, TokenState
from .scopes import scope_label


class TokenAuth(HttpBearer):
    """Requires a live token carrying `scope`; the refusals name what is wrong with the token."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, raw: str) -> ApiToken:
        token = find_token(raw.strip())
        if token is None:
            raise ApiError(401, "token_invalid", "访问令牌无效：请核对令牌，或请本机关系统管理员重新签发")
        state = token.get_state()
        if state == TokenState.REVOKED:
            raise ApiError(401, "token_revoked", f"令牌“{token.name}”已被吊销，请联系本机关系统管理员")
        if state == TokenState.EXPIRED:
            expired = timezone.localtime(token.expires_at).strftime("%Y-%m-%d")
            raise ApiError(
                401, "token_expired", f"令牌“{token.name}”已于{expired}过期，请联系本机关系统管理员重新签发"
            )
        if self.scope not in token.scopes:
            raise ApiError(
                403,
                "scope_missing",
                f"令牌“{token.name}”没有此接口所需的权限范围：{self.scope}（{scope_label(self.scope)}）",
            )
        limit = settings.GONGKAI_API_TOKEN_CALLS_PER_MINUTE
        if ratelimit.hit("api.token", str(token.pk), limit=limit, window=60):
            raise ApiError(
                429, "rate_limited", f"令牌每分钟最多调用{limit}次，请稍后再试", headers={"Retry-After": "60"}
            )
        touch_api_token(token)
        return token


def token_actor(token: ApiToken) -> Staff:
    """A stand-in staff member of the token's agency, for the scope helpers (never saved): no roles,
    so it sees exactly its own agency's internal data, like a staff member of that agency."""
    actor = Staff(username=f"api-token-{token.pk}", full_name=f"接口令牌“{token.name}”", agency=token.agency)
    actor.__dict__["role_set"] = frozenset()
    return actor


def audit_name(token: ApiToken) -> str:
    return f"接口令牌“{token.name}”（{token.agency.name}）"
