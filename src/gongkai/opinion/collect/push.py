"""The push endpoint of 舆情 sources: POST /opinion/push/ (docs/api-opinion-push.md).

A monitoring vendor (or a county's own crawler) pushes a batch of posts as JSON with the token of a
“推送接口” source (`Authorization: Bearer gkop_…`). Idempotent on each post's `id` (or its URL): a
batch sent again answers 200 with every post `duplicate` and stores nothing new. A batch with any
invalid post is refused whole with the problems per post; every error is JSON with a machine `code`
and a Chinese `error`.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from gongkai.common import ratelimit

from . import actions, fetching

MAX_BODY = 2 * 1024 * 1024
BATCHES_PER_TOKEN_PER_HOUR = 3600


def _error(status: int, code: str, message: str, problems=None, **headers) -> JsonResponse:
    body = {"code": code, "error": message}
    if problems:
        body["problems"] = problems
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _bearer(request) -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


@csrf_exempt
def push(request):
    if request.method != "POST":
        return _error(405, "method_not_allowed", "此地址只接受POST请求（推送舆情信息）", Allow="POST")
    source = actions.source_for_token(_bearer(request))
    if source is None:
        return _error(
            401,
            "invalid_token",
            "缺少或无效的推送令牌：请在请求头中提供 Authorization: Bearer <令牌>",
            WWW_Authenticate="Bearer",
        )
    if not source.enabled:
        return _error(403, "source_disabled", f"来源“{source.name}”已停用，不接收推送")
    if ratelimit.hit("opinion.push", str(source.pk), limit=BATCHES_PER_TOKEN_PER_HOUR, window=3600):
        return _error(429, "rate_limited", "推送过于频繁，请稍后重试", Retry_After="60")
    if request.content_type != "application/json":
        return _error(415, "unsupported_media_type", "请求体应为JSON，Content-Type 为 application/json")
    if len(request.body) > MAX_BODY:
        return _error(413, "too_large", f"请求体不能超过{MAX_BODY // 1024 // 1024}MB，请分批推送")
    try:
        raws = fetching.posts_from_push(request.body)
    except fetching.PushRefused as exc:
        status = 422 if exc.code == "invalid_posts" else 400
        return _error(status, exc.code, exc.message, exc.problems)
    result = actions.ingest_posts(None, source, raws, how="push")
    created = result.added > 0
    return JsonResponse(
        {
            "received": len(raws),
            "added": result.added,
            "duplicates": result.duplicates,
            "truncated": result.truncated,
            "posts": [
                {"id": raw.external_id or raw.url, "status": status}
                for raw, status in zip(raws, result.statuses, strict=True)
            ],
        },
        status=201 if created else 200,
        json_dumps_params={"ensure_ascii": False},
    )
