"""The 12345 platform's ticket endpoint: POST /messages/api/12345/tickets/ (docs/api-12345.md).

A ticket arrives as JSON with a staff token (`Authorization: Bearer gk12345_…`) and becomes a
message in the same queue as the portal's and the hotline's. The platform retries on timeouts, so
the endpoint is idempotent on the ticket id: the same id again answers 200 with the receipt of the
first message and creates nothing. Every error is JSON with a Chinese `error` (and `fields`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from gongkai.agencies.models import Agency
from gongkai.common import ratelimit
from gongkai.common.errors import ActionRefused

from . import actions
from .actions.tokens import authenticate_token, touch_api_token
from .models import Mailbox, MailboxKind, Message
from .ticket_schema import parse_ticket

MAX_BODY = 64 * 1024
TICKETS_PER_TOKEN_PER_HOUR = 3600


def _error(status: int, message: str, fields: dict | None = None, **headers) -> JsonResponse:
    body = {"error": message}
    if fields:
        body["fields"] = fields
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _answer(message: Message, *, created: bool) -> JsonResponse:
    return JsonResponse(
        {
            "ticket_id": message.external_ticket_id,
            "receipt_code": message.receipt_code,
            "created": created,
            "state": message.state,
            "state_label": str(message.get_state_display()),
            "mailbox": message.mailbox.name,
        },
        status=201 if created else 200,
        json_dumps_params={"ensure_ascii": False},
    )


def _bearer(request) -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def default_mailbox(agency: Agency) -> Mailbox | None:
    """The leader mailbox of the government the token's agency is (or serves as office of), else
    of the nearest government above it."""
    chain = [agency.supervises] if agency.supervises_id else []
    chain += [agency, *sorted(agency.ancestors(), key=lambda a: -len(a.path))]
    boxes = {
        box.agency_id: box
        for box in Mailbox.objects.filter(
            kind=MailboxKind.LEADER, is_active=True, agency_id__in=[a.pk for a in chain]
        )
    }
    return next((boxes[a.pk] for a in chain if a.pk in boxes), None)


def _mailbox(agency: Agency, mailbox_id: int | None) -> Mailbox | None:
    if mailbox_id is None:
        return default_mailbox(agency)
    box = Mailbox.objects.select_related("agency").filter(pk=mailbox_id, is_active=True).first()
    # Only the mailboxes of the token's agency (or of the government it is the office of) and below.
    roots = [a.path for a in (agency, agency.supervises) if a is not None and a.path]
    if box is None or not any(box.agency.path.startswith(root) for root in roots):
        return None
    return box


@csrf_exempt
def tickets(request):
    if request.method != "POST":
        return _error(405, "此地址只接受POST请求（提交工单）", Allow="POST")
    token = authenticate_token(_bearer(request))
    if token is None:
        return _error(
            401,
            "缺少或无效的访问令牌：请在请求头中提供 Authorization: Bearer <令牌>",
            WWW_Authenticate="Bearer",
        )
    if ratelimit.hit(f"interaction.api.{token.pk}", "tickets", limit=TICKETS_PER_TOKEN_PER_HOUR, window=3600):
        return _error(429, "提交过于频繁，请稍后重试", Retry_After="60")
    if request.content_type != "application/json":
        return _error(415, "请求体应为JSON，Content-Type 为 application/json")
    if len(request.body) > MAX_BODY:
        return _error(413, f"请求体不能超过{MAX_BODY // 1024}KB")
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(400, "请求体不是有效的JSON（UTF-8编码）")
    touch_api_token(token)
    result = accept_ticket(token.agency, payload)
    if result.message is None:
        return _error(400, result.error, result.fields)
    return _answer(result.message, created=result.created)


@dataclass(frozen=True)
class TicketResult:
    message: Message | None
    created: bool = False
    error: str = ""  # when message is None: what is wrong, in Chinese
    fields: dict[str, str] = field(default_factory=dict)


def accept_ticket(agency: Agency, payload) -> TicketResult:
    """A ticket (decoded JSON) sent on behalf of `agency`: the message it became — the first one
    again for a ticket id already received — or every problem with it. Shared by this endpoint and
    the JSON API's (gongkai.api), so a ticket is checked by one set of rules."""
    # A ticket sent again is answered before its fields are checked again: the platform's retry
    # of an accepted ticket must never fail.
    if isinstance(payload, dict) and isinstance(payload.get("ticket_id"), str):
        existing = (
            Message.objects.select_related("mailbox").filter(external_ticket_id=payload["ticket_id"]).first()
        )
        if existing is not None:
            return TicketResult(existing, created=False)
    ticket, errors = parse_ticket(
        payload,
        now=timezone.now(),
        subject_max=settings.GONGKAI_MESSAGE_SUBJECT_MAX,
        body_max=settings.GONGKAI_MESSAGE_BODY_MAX,
    )
    if ticket is None:
        return TicketResult(None, error="工单内容有误，请按 fields 中的说明修改后重新提交", fields=errors)
    mailbox = _mailbox(agency, ticket.mailbox)
    if mailbox is None:
        return TicketResult(
            None,
            error="找不到接收工单的信箱",
            fields={"mailbox": "信箱不存在、已停用或不属于本令牌所属机关；不填则转入本级政府的领导信箱"},
        )
    try:
        message, created = actions.receive_ticket(
            None,
            external_ticket_id=ticket.ticket_id,
            mailbox=mailbox,
            kind=ticket.kind,
            subject=ticket.subject,
            body=ticket.body,
            writer_name=ticket.caller_name or "12345来电人",
            writer_phone=ticket.caller_phone,
            submitted_at=ticket.call_time,
            public_consent=ticket.public_consent,
        )
    except ActionRefused as exc:
        name = {"writer_phone": "caller_phone", "writer_name": "caller_name"}.get(exc.field or "", exc.field)
        return TicketResult(None, error=exc.message, fields={name or "__all__": exc.message})
    return TicketResult(message, created=created)
