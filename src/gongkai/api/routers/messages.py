"""留言: the public list of messages with their published replies, and the writer's own status by
receipt code + the last four digits of the phone (the same second factor as the status page, the
same answer for a wrong code and a wrong phone, counted against the same per-address limit)."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from pydantic import ConfigDict

from gongkai.common import ratelimit
from gongkai.common.net import client_ip
from gongkai.interaction import public as messages

from ..errors import ApiError
from ..paging import check_params, page
from .common import local, public

router = Router(tags=["留言"])

NOT_FOUND = "查询码或联系电话后四位不正确，请核对后重试"


class MessageOut(Schema):
    id: int
    subject: str
    body: str
    kind: str
    mailbox: str
    submitted_on: date
    answered: bool
    state_label: str
    agency: str
    url: str


class ReplyOut(Schema):
    round: int
    sent_at: datetime | None
    body: str


class MessageDetail(MessageOut):
    replies: list[ReplyOut]


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None


def _item(request: HttpRequest, item) -> dict:
    return {
        "id": item.pk,
        "subject": item.subject,
        "body": item.body,
        "kind": item.kind,
        "mailbox": item.mailbox,
        "submitted_on": item.submitted_on,
        "answered": item.answered,
        "state_label": item.state_label,
        "agency": item.agency,
        "url": request.build_absolute_uri(reverse("interaction:message", args=[item.pk])),
    }


@router.get("/", response=public(MessagePage), summary=str(_("公开的留言及办理状态")))
def list_messages(
    request: HttpRequest,
    mailbox: int | None = None,
    answered: str = "",
    limit: int = 20,
    cursor: str | None = None,
):
    """留言人同意公开的有效留言（已遮盖个人信息），按提交时间从新到旧；answered=answered 只列已答复的，answered=open 只列办理中的。"""
    check_params(request, ("mailbox", "answered"))
    if answered not in ("", "answered", "open"):
        raise ApiError(
            422,
            "invalid_input",
            "answered 应为 answered（已答复）或 open（办理中）",
            fields={"answered": "不是可选的值"},
        )
    qs = messages.listed(request, mailbox=mailbox, answered=answered)
    rows, next_cursor = page(
        qs, list_name="messages", keys=("-submitted_at", "-id"), limit=limit, cursor=cursor
    )
    return {"items": [_item(request, m) for m in messages.items(rows)], "next_cursor": next_cursor}


@router.get("/{int:pk}", response=public(MessageDetail), summary=str(_("一条公开的留言及其答复")))
def get_message(request: HttpRequest, pk: int):
    """留言（已遮盖个人信息）及公开的答复。"""
    message = messages.listed(request).filter(pk=pk).first()
    if message is None:
        raise ApiError(404, "not_found", "找不到该留言：编号不存在或该留言不公开")
    return {
        **_item(request, messages.items([message])[0]),
        "replies": [
            {"round": r.round, "sent_at": local(r.sent_at), "body": r.masked_body}
            for r in messages.published_replies(message)
        ],
    }


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    receipt_code: str
    phone_last4: str


class WriterReply(Schema):
    round: int
    sent_at: datetime | None
    body: str


class MessageStatus(Schema):
    receipt_code: str
    subject: str
    body: str
    kind_label: str
    mailbox: str
    submitted_at: datetime
    state: str
    state_label: str
    agency: str | None
    due_on: date | None
    replies: list[WriterReply]


def lookup_limited(request: HttpRequest, scope: str, limit: int) -> None:
    # The HTML status page counts in the same scope: the API is no way around its limit.
    if ratelimit.hit(scope, client_ip(request), limit=limit, window=3600):
        raise ApiError(429, "rate_limited", "查询次数过多，请一小时后再试", headers={"Retry-After": "3600"})


@router.post(
    "/status", response=public(MessageStatus), summary=str(_("留言人查询自己的留言（查询码＋电话后四位）"))
)
def message_status(request: HttpRequest, response: HttpResponse, payload: StatusIn):
    """与网站“留言查询”相同：查询码和留言时所留电话的后四位都正确才返回；任一不正确返回同一个 404。每个地址每小时限查若干次。"""
    lookup_limited(request, "interaction.status", settings.GONGKAI_MESSAGE_LOOKUPS_PER_HOUR)
    response["Cache-Control"] = "no-store"
    message = messages.find_message(payload.receipt_code, payload.phone_last4)
    if message is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    return {
        "receipt_code": message.receipt_code,
        "subject": message.subject,
        "body": message.body,
        "kind_label": str(message.get_kind_display()),
        "mailbox": message.mailbox.name,
        "submitted_at": local(message.submitted_at),
        "state": message.state,
        "state_label": str(message.get_state_display()),
        "agency": message.lead_agency.name if message.lead_agency_id else None,
        "due_on": message.due_on if message.is_open else None,
        "replies": [
            {"round": r.round, "sent_at": local(r.sent_at), "body": r.body}
            for r in messages.writer_history(message)
        ],
    }
