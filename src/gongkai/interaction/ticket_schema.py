"""The JSON body of a ticket from the 12345 platform, checked field by field (pure, no database).

`parse_ticket(payload, ...)` returns the cleaned ticket or every problem at once, in Chinese, keyed
by field, so the platform's operator can fix a whole ticket in one go. docs/api-12345.md documents
the same fields; keep the two together.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from gongkai.common.identifiers import clean_text, normalise_phone, phone_problem

BEIJING = ZoneInfo("Asia/Shanghai")
TICKET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}$")
KINDS = {  # accepted spellings → the Message kind value
    "inquiry": "inquiry",
    "咨询": "inquiry",
    "suggestion": "suggestion",
    "建议": "suggestion",
    "complaint": "complaint",
    "投诉": "complaint",
    "help": "help",
    "求助": "help",
}
FIELDS = (
    "ticket_id",
    "kind",
    "subject",
    "body",
    "caller_name",
    "caller_phone",
    "call_time",
    "public_consent",
    "mailbox",
)
CALL_TIME_SLACK = dt.timedelta(minutes=10)  # clocks of two systems differ a little


@dataclass(frozen=True)
class Ticket:
    ticket_id: str
    kind: str
    subject: str
    body: str
    caller_name: str
    caller_phone: str
    call_time: dt.datetime
    public_consent: bool
    mailbox: int | None


def _text(payload: dict, name: str, label: str, errors: dict, *, required: bool, limit: int) -> str:
    value = payload.get(name)
    if value is None or value == "":
        if required:
            errors[name] = f"缺少{label}"
        return ""
    if not isinstance(value, str):
        errors[name] = f"{label}应为字符串"
        return ""
    value = clean_text(value).strip()
    if required and not value:
        errors[name] = f"缺少{label}"
    elif len(value) > limit:
        errors[name] = f"{label}不能超过{limit}个字（现有{len(value)}个字）"
    return value


def _call_time(value: Any, now: dt.datetime, errors: dict) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        errors["call_time"] = "缺少来电时间（ISO 8601格式，如 2026-12-01T09:30:00+08:00）"
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        errors["call_time"] = "来电时间格式不正确，应为ISO 8601格式，如 2026-12-01T09:30:00+08:00"
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BEIJING)  # the platform's local time is Beijing time
    if moment > now + CALL_TIME_SLACK:
        errors["call_time"] = "来电时间晚于当前时间"
        return None
    return moment


def parse_ticket(
    payload: Any, *, now: dt.datetime, subject_max: int, body_max: int
) -> tuple[Ticket | None, dict[str, str]]:
    """The ticket in `payload` (a decoded JSON value), or None and the problems by field."""
    if not isinstance(payload, dict):
        return None, {"__all__": "请求体应为JSON对象"}
    errors: dict[str, str] = {}
    unknown = sorted(set(payload) - set(FIELDS))
    if unknown:
        errors["__all__"] = f"不认识的字段：{'、'.join(unknown)}"
    ticket_id = payload.get("ticket_id")
    if not isinstance(ticket_id, str) or not TICKET_ID.match(ticket_id):
        errors["ticket_id"] = "工单编号应为1至64位字母、数字或 _ . : -，以字母或数字开头"
    kind = KINDS.get(payload.get("kind")) if isinstance(payload.get("kind"), str) else None
    if kind is None:
        errors["kind"] = "留言类型应为 inquiry（咨询）、suggestion（建议）、complaint（投诉）或 help（求助）"
    subject = _text(payload, "subject", "标题", errors, required=True, limit=subject_max)
    body = _text(payload, "body", "诉求内容", errors, required=True, limit=body_max)
    caller_name = _text(payload, "caller_name", "来电人姓名", errors, required=False, limit=50)
    phone = payload.get("caller_phone")
    if not isinstance(phone, str) or not phone.strip():
        errors["caller_phone"] = "缺少来电号码"
    elif problem := phone_problem(phone):
        errors["caller_phone"] = problem.replace("联系电话", "来电号码")
    call_time = _call_time(payload.get("call_time"), now, errors)
    consent = payload.get("public_consent", False)
    if not isinstance(consent, bool):
        errors["public_consent"] = "是否同意公开应为 true 或 false"
    mailbox = payload.get("mailbox")
    if mailbox is not None and (isinstance(mailbox, bool) or not isinstance(mailbox, int) or mailbox <= 0):
        errors["mailbox"] = "信箱编号应为正整数"
    if errors:
        return None, errors
    return (
        Ticket(
            ticket_id=ticket_id,
            kind=kind,
            subject=subject,
            body=body,
            caller_name=caller_name,
            caller_phone=normalise_phone(phone),
            call_time=call_time,
            public_consent=consent,
            mailbox=mailbox,
        ),
        {},
    )
