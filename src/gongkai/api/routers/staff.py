"""Staff integrations (an OA system, a 12345 platform): endpoints that need an integration token
(/workbench/api/). A token acts as its agency: lists come from the same query functions as the
workbench pages, narrowed by the same scope helper, and writes go through the domains' actions,
audited with the token's name."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from gongkai.applications.models import State as ApplicationState
from gongkai.applications.queries import applications_for
from gongkai.audit.actions import acting_as
from gongkai.interaction.api import accept_ticket
from gongkai.interaction.models import State as MessageState
from gongkai.interaction.queries import list_rows_of, messages_for

from ..auth import TokenAuth, audit_name, token_actor
from ..errors import ApiError
from ..paging import check_params, page
from .common import local, with_token, writing

router = Router(tags=["工作人员对接（需令牌）"])


# ---------------------------------------------------------------- messages


class TicketIn(Schema):
    """The fields of docs/api-12345.md; the same rules as the 12345 endpoint (one function checks both)."""

    model_config = ConfigDict(extra="forbid")

    ticket_id: str = Field(
        description="来源系统的工单编号，1至64位字母、数字或 _ . : -；同一编号重复提交不会重复登记"
    )
    kind: Literal["inquiry", "suggestion", "complaint", "help", "咨询", "建议", "投诉", "求助"] = Field(
        description="留言类型"
    )
    subject: str = Field(description="标题")
    body: str = Field(description="诉求内容")
    caller_name: str = Field("", description="来电人（留言人）姓名，可不填")
    caller_phone: str = Field(description="联系电话")
    call_time: str = Field(description="来电（提交）时间，ISO 8601，如 2026-12-01T09:30:00+08:00")
    public_consent: bool = Field(False, description="留言人是否同意公开")
    mailbox: int | None = Field(None, description="信箱编号；不填则转入本级政府的领导信箱")


class TicketOut(Schema):
    ticket_id: str
    receipt_code: str
    created: bool
    state: str
    state_label: str
    mailbox: str


@router.post(
    "/messages/tickets",
    auth=TokenAuth("messages:write"),
    response={201: TicketOut, **writing(TicketOut)},
    summary=str(_("提交留言工单（12345平台、OA系统等）")),
)
def create_ticket(request: HttpRequest, response: HttpResponse, payload: TicketIn):
    """以令牌所属机关的名义登记一条留言，进入与网站留言、热线来电相同的办理队列。按 ticket_id 幂等：同一编号再次提交返回第一次的查询码（200），不重复登记。需要权限范围 messages:write。"""
    token = request.auth
    with acting_as(audit_name(token)):
        result = accept_ticket(token.agency, payload.model_dump(exclude_unset=True))
    if result.message is None:
        raise ApiError(422, "invalid_ticket", result.error, fields=result.fields)
    message = result.message
    body = {
        "ticket_id": message.external_ticket_id,
        "receipt_code": message.receipt_code,
        "created": result.created,
        "state": message.state,
        "state_label": str(message.get_state_display()),
        "mailbox": message.mailbox.name,
    }
    return Status(201 if result.created else 200, body)


class StaffMessageOut(Schema):
    id: int
    receipt_code: str
    kind: str
    kind_label: str
    channel_label: str
    subject: str
    mailbox: str
    received_on: date
    state: str
    state_label: str
    lead_agency: str | None
    due_on: date | None


class StaffReply(Schema):
    round: int
    state_label: str
    sent_at: datetime | None
    body: str


class StaffMessageDetail(StaffMessageOut):
    body: str
    replies: list[StaffReply]


class StaffMessagePage(Schema):
    items: list[StaffMessageOut]
    next_cursor: str | None


def _message(m) -> dict:
    return {
        "id": m.pk,
        "receipt_code": m.receipt_code,
        "kind": m.kind,
        "kind_label": str(m.get_kind_display()),
        "channel_label": str(m.get_channel_display()),
        # Staff lists show the masked words (personal data masked); the case page of the handler shows all.
        "subject": m.masked_subject or "（待审）",
        "mailbox": m.mailbox.name,
        "received_on": m.received_on,
        "state": m.state,
        "state_label": str(m.get_state_display()),
        "lead_agency": m.lead_agency.name if m.lead_agency_id else None,
        "due_on": m.due_on,
    }


@router.get(
    "/messages/",
    auth=TokenAuth("messages:read"),
    response=with_token(StaffMessagePage),
    summary=str(_("本机关办理的留言")),
)
def staff_messages(
    request: HttpRequest, state: MessageState | None = None, limit: int = 20, cursor: str | None = None
):
    """令牌所属机关作为承办、主办或协办单位的留言（与工作台“留言办理”同一范围），按提交时间从新到旧。需要权限范围 messages:read。"""
    check_params(request, ("state",))
    qs = list_rows_of(messages_for(token_actor(request.auth)))
    if state:
        qs = qs.filter(state=state)
    rows, next_cursor = page(
        qs, list_name="staff-messages", keys=("-submitted_at", "-id"), limit=limit, cursor=cursor
    )
    return {"items": [_message(m) for m in rows], "next_cursor": next_cursor}


@router.get(
    "/messages/{code}",
    auth=TokenAuth("messages:read"),
    response=with_token(StaffMessageDetail),
    summary=str(_("本机关办理的一条留言")),
)
def staff_message(request: HttpRequest, code: str):
    """按查询码取一条本机关办理的留言（内容已遮盖个人信息）及其答复。需要权限范围 messages:read。"""
    m = messages_for(token_actor(request.auth)).filter(receipt_code=code.strip().upper()).first()
    if m is None:
        raise ApiError(404, "not_found", "找不到该留言：查询码不存在或不由本机关办理")
    return {
        **_message(m),
        "body": m.masked_body,
        "replies": [
            {
                "round": r.round,
                "state_label": str(r.get_state_display()),
                "sent_at": local(r.sent_at),
                "body": r.masked_body,
            }
            for r in m.replies.order_by("round", "pk")
        ],
    }


# ---------------------------------------------------------------- applications


class StaffApplicationOut(Schema):
    id: int
    receipt_code: str
    agency: str
    channel_label: str
    state: str
    state_label: str
    received_on: date | None
    due_on: date | None
    outcome: str
    outcome_label: str
    closed_on: date | None


class StaffApplicationPage(Schema):
    items: list[StaffApplicationOut]
    next_cursor: str | None


@router.get(
    "/applications/",
    auth=TokenAuth("applications:read"),
    response=with_token(StaffApplicationPage),
    summary=str(_("本机关的依申请公开申请")),
)
def staff_applications(
    request: HttpRequest, state: ApplicationState | None = None, limit: int = 20, cursor: str | None = None
):
    """令牌所属机关的申请（不含申请人的个人信息），按登记先后从新到旧。需要权限范围 applications:read。"""
    check_params(request, ("state",))
    qs = applications_for(token_actor(request.auth))
    if state:
        qs = qs.filter(state=state)
    rows, next_cursor = page(qs, list_name="staff-applications", keys=("-id",), limit=limit, cursor=cursor)
    items = []
    for a in rows:
        clock = a.clock.status() if a.clock_id and not a.is_closed else None
        items.append(
            {
                "id": a.pk,
                "receipt_code": a.receipt_code,
                "agency": a.agency.name,
                "channel_label": str(a.get_channel_display()),
                "state": a.state,
                "state_label": str(a.get_state_display()),
                "received_on": a.received_on,
                "due_on": clock.due_on if clock else None,
                "outcome": a.outcome,
                "outcome_label": str(a.get_outcome_display()) if a.outcome else "",
                "closed_on": a.closed_on,
            }
        )
    return {"items": items, "next_cursor": next_cursor}
