"""What an integration token may do: one scope per domain and verb (pure, no database).

The public endpoints need no token; a scope opens a staff endpoint, which then still sees only the
token's own agency (gongkai.agencies.scope)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SCOPES = {
    "messages:read": _("读取本机关办理的留言"),
    "messages:write": _("提交留言（如12345平台工单、OA系统转来的诉求）"),
    "applications:read": _("读取本机关的依申请公开申请"),
}


def scope_label(code: str) -> str:
    return str(SCOPES.get(code, code))


def clean_scopes(codes) -> list[str]:
    """The known scopes among `codes`, in the order of SCOPES (so stored lists compare equal)."""
    wanted = set(codes or ())
    return [code for code in SCOPES if code in wanted]
