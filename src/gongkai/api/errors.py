"""One error shape for every answer of the API that is not a success:
`{"code": "token_expired", "message": "令牌已过期……", "fields": {...}}` — a machine code a client
can branch on and a Chinese message a person can read. ninja's own handlers (English, pydantic's
words) are replaced here, so no English reaches a client."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from gongkai.common.errors import ActionRefused


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, str] | None = None


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, *, fields: dict | None = None, headers: dict | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = fields
        self.headers = headers or {}


# The statuses every operation documents with ErrorBody (ninja's `response=` accepts a set of codes).
PUBLIC_ERRORS = frozenset({400, 404, 422, 429})
TOKEN_ERRORS = frozenset({400, 401, 403, 404, 422, 429})
WRITE_ERRORS = TOKEN_ERRORS | {409}

HTTP_CODES = {
    400: ("bad_request", "请求有误"),
    401: ("token_missing", "缺少访问令牌：请在请求头中提供 Authorization: Bearer <令牌>"),
    403: ("forbidden", "没有权限"),
    404: ("not_found", "找不到请求的对象"),
    405: ("method_not_allowed", "不支持该请求方法"),
    409: ("conflict", "与当前状态冲突"),
    429: ("rate_limited", "请求过于频繁，请稍后再试"),
}

# pydantic error types → Chinese, with the field's name put in front by _field_message.
PYDANTIC_MESSAGES = {
    "missing": "为必填项",
    "extra_forbidden": "不是可接受的字段",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为字符串",
    "string_too_long": "过长",
    "string_too_short": "过短",
    "greater_than_equal": "过小",
    "less_than_equal": "过大",
    "greater_than": "过小",
    "less_than": "过大",
    "date_from_datetime_parsing": "应为日期（如 2026-01-31）",
    "date_parsing": "应为日期（如 2026-01-31）",
    "date_type": "应为日期（如 2026-01-31）",
    "datetime_parsing": "应为时间（ISO 8601，如 2026-01-31T09:30:00+08:00）",
    "enum": "不是可选的值",
    "literal_error": "不是可选的值",
    "json_invalid": "不是有效的JSON",
    "model_attributes_type": "应为JSON对象",
    "dict_type": "应为JSON对象",
    "list_type": "应为列表",
}
LOCATIONS = {"query": "查询参数", "body": "请求体", "path": "路径参数", "header": "请求头", "form": "表单"}


def _field_message(error: dict) -> tuple[str, str]:
    loc = [str(part) for part in error.get("loc", ())]
    where = LOCATIONS.get(loc[0], "") if loc else ""
    # ninja nests a body's fields under the handler's parameter name (("body", "payload", "kind")).
    path = loc[2:] if loc[:1] == ["body"] and len(loc) > 2 else loc[1:]
    name = ".".join(path) or where or "请求"
    text = PYDANTIC_MESSAGES.get(error.get("type", ""), "的值无效")
    return name, f"{where}“{name}”{text}" if where else f"“{name}”{text}"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return body


def install(api: NinjaAPI) -> None:
    def respond(request, status, code, message, fields=None, headers=None) -> HttpResponse:
        response = api.create_response(request, error_body(code, message, fields), status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.fields, exc.headers)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError):
        fields = dict(_field_message(e) for e in exc.errors)
        message = "请求参数有误：" + "；".join(fields.values())
        return respond(request, 422, "invalid_input", message, fields)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        code, message = HTTP_CODES[401]
        return respond(request, 401, code, message, headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled):
        code, message = HTTP_CODES[429]
        return respond(request, 429, code, message, headers={"Retry-After": "60"})

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        code, message = HTTP_CODES.get(exc.status_code, ("error", "请求失败"))
        if exc.status_code == 400:  # ninja's only 400 is a body it cannot parse
            code, message = "bad_json", "请求体不是有效的JSON（UTF-8编码）"
        return respond(request, exc.status_code, code, message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return respond(request, 404, *HTTP_CODES[404])

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return respond(request, 403, "forbidden", str(exc) or HTTP_CODES[403][1])

    @api.exception_handler(ActionRefused)
    def refused(request: HttpRequest, exc: ActionRefused):
        fields = {exc.field: exc.message} if exc.field else None
        return respond(request, 422, "refused", exc.message, fields)
