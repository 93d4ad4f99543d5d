"""The token check of 有条件开放 data, for the per-resource API (od-data's `api.py`) to call.

    grant = check_access_token(request, dataset)   # raises AccessDenied; None for open data
    ... serve at most grant.rows_left rows ...
    if grant: grant.use(rows=len(rows), what=request.path)

The token comes in the `Authorization: Bearer …` header (or `X-Data-Token`; `?token=` for a
browser download). A token serves only its own dataset, between its dates, until revoked, within
its daily quota of calls and rows (counted per day in Asia/Shanghai from the `TokenUse` log).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone

from .models import AccessToken, Dataset, Openness, TokenUse


class AccessDenied(Exception):
    """A refused call: a machine code, a Chinese message and the HTTP status to answer with."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class AccessGrant:
    token: AccessToken
    dataset: Dataset
    rows_left: int
    calls_left: int

    def use(self, *, rows: int, what: str = "") -> None:
        from .actions_access import record_token_use

        record_token_use(self.token, self.dataset, rows=rows, what=what)


def token_from_request(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip()
    return (request.META.get("HTTP_X_DATA_TOKEN") or request.GET.get("token") or "").strip()


def usage_today(token: AccessToken) -> tuple[int, int]:
    """(calls, rows) of `token` today."""
    got = TokenUse.objects.filter(token=token, day=timezone.localdate()).aggregate(
        calls=Count("pk"), rows=Sum("rows")
    )
    return got["calls"] or 0, got["rows"] or 0


def check_token(raw: str, dataset: Dataset) -> AccessGrant:
    """The grant of token `raw` for `dataset`, or AccessDenied saying why not."""
    from .actions_access import TOKEN_PREFIX, hash_token

    if not raw:
        raise AccessDenied("token_required", "该数据集为有条件开放数据，请提供经批准的数据访问令牌", 401)
    token = None
    if raw.startswith(TOKEN_PREFIX) and len(raw) < 100:
        token = AccessToken.objects.filter(token_hash=hash_token(raw)).first()
    if token is None:
        raise AccessDenied("token_invalid", "数据访问令牌无效", 401)
    if token.dataset_id != dataset.pk:
        raise AccessDenied("token_wrong_dataset", "该令牌不能访问此数据集", 403)
    if token.revoked_at:
        raise AccessDenied("token_revoked", "该令牌已被撤销", 403)
    today = timezone.localdate()
    if today > token.expires_on:
        raise AccessDenied("token_expired", f"该令牌已于{token.expires_on:%Y年%m月%d日}过期", 403)
    if today < token.valid_from:
        raise AccessDenied("token_not_yet_valid", f"该令牌自{token.valid_from:%Y年%m月%d日}起生效", 403)
    calls, rows = usage_today(token)
    if calls >= token.daily_calls:
        raise AccessDenied("quota_calls", f"今日调用次数已达上限（{token.daily_calls}次），请明天再试", 429)
    if rows >= token.daily_rows:
        raise AccessDenied("quota_rows", f"今日获取数据已达上限（{token.daily_rows}行），请明天再试", 429)
    return AccessGrant(token, dataset, token.daily_rows - rows, token.daily_calls - calls)


def check_access_token(request, dataset: Dataset) -> AccessGrant | None:
    """None when `dataset` is open to all; its grant when conditional; AccessDenied otherwise."""
    if dataset.openness == Openness.OPEN:
        return None
    if dataset.openness != Openness.CONDITIONAL:
        raise AccessDenied("not_open", "该数据集不予开放", 403)
    return check_token(token_from_request(request), dataset)
