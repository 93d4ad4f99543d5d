"""依申请公开: the applicant's own status by receipt code + the last four digits of the phone (the
status page's second factor, the same answer for every miss, the same per-address limit)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from pydantic import ConfigDict

from gongkai.applications.queries import find_application

from ..errors import ApiError
from .common import public
from .messages import lookup_limited

router = Router(tags=["依申请公开"])


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    receipt_code: str
    phone_last4: str


class ApplicationStatus(Schema):
    receipt_code: str
    agency: str
    state: str
    state_label: str
    received_on: date | None
    due_on: date | None
    due_provisional: bool
    paused: bool
    outcome: str
    outcome_label: str
    closed_on: date | None


@router.post(
    "/status",
    response=public(ApplicationStatus),
    summary=str(_("申请人查询自己的申请（查询码＋电话后四位）")),
)
def application_status(request: HttpRequest, response: HttpResponse, payload: StatusIn):
    """与网站“申请办理状态查询”相同：查询码和申请时所留电话的后四位都正确才返回；任一不正确返回同一个 404。"""
    lookup_limited(request, "applications.status", settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR)
    response["Cache-Control"] = "no-store"
    found = find_application(payload.receipt_code, payload.phone_last4)
    if found is None:
        raise ApiError(404, "not_found", "查询码或联系电话后四位不正确，请核对后重试")
    clock = found.clock.status() if found.clock_id and not found.is_closed else None
    return {
        "receipt_code": found.receipt_code,
        "agency": found.agency.name,
        "state": found.state,
        "state_label": str(found.get_state_display()),
        "received_on": found.received_on,
        "due_on": clock.due_on if clock else None,
        "due_provisional": bool(clock and clock.provisional),
        "paused": bool(clock and clock.due_on is None),
        "outcome": found.outcome,
        "outcome_label": str(found.get_outcome_display()) if found.outcome else "",
        "closed_on": found.closed_on,
    }
