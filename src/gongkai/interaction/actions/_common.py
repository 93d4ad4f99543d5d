"""What every stage of a message shares: today, the lock, the workflow check, the audit row, the
reply clock, the receipt code and the office that dispatches."""

from __future__ import annotations

import secrets
from datetime import date

from django.utils import timezone

from gongkai.agencies.models import Agency, Kind
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.inputs import checked_text
from gongkai.workdays import actions as clocks
from gongkai.workdays.services import current_calendar

from .. import deadlines
from ..models import Message
from ..workflow import MESSAGES

FIELDS = [
    "state",
    "lead_agency",
    "responder",
    "due_on",
    "extended",
    "extension_days",
    "round",
    "reopen_count",
    "is_valid",
    "public_status",
    "replied_on",
    "closed_on",
]
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
SUBJECT_MAX = 200
BODY_MAX = 5000


def _today() -> date:
    return timezone.localdate()


def _now():
    return timezone.now()


def new_receipt_code(year: int | None = None) -> str:
    """LY2026-XXXX-XXXX (留言): random, not guessable from another code."""
    year = year or _today().year
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"LY{year}-{body[:4]}-{body[4:]}"


def unique_receipt_code() -> str:
    for _attempt in range(5):
        code = new_receipt_code()
        if not Message.objects.filter(receipt_code=code).exists():
            return code
    return new_receipt_code()


def phone_last4(phone: str) -> str:
    return "".join(c for c in phone or "" if c.isdigit())[-4:]


def office_for(agency: Agency) -> Agency:
    """The office that dispatches messages to `agency`'s mailbox: the agency that supervises the
    nearest people's government at or above it (县政府办公室 for 县人民政府 and its departments),
    else that government itself, else the agency."""
    chain = [agency, *sorted(agency.ancestors(), key=lambda a: -len(a.path))]
    government = next((a for a in chain if a.kind == Kind.GOVERNMENT), None)
    if government is None:
        return agency
    office = Agency.objects.filter(supervises=government, is_active=True).order_by("path").first()
    return office or government


def _lock(message: Message) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("mailbox", "office", "lead_agency", "responder", "clock")
        .get(pk=message.pk)
    )


def _go(actor, message: Message, action: str) -> str:
    """Check the workflow table (roles, state, side); the state the action leads to."""
    transition = MESSAGES.check(actor, message, action)
    return MESSAGES.target(message, transition)


def _audit(
    actor, message: Message, event: str, before: dict | None, note: str = "", *, noun="message"
) -> None:
    record_audit(
        actor=actor,
        action=f"interaction.{noun}.{event}",
        target=message,
        agency=message.lead_agency or message.office,
        before=before,
        after=snapshot(message, FIELDS),
        note=note,
    )
    # Every message action ends here: its day's scorecard row is recomputed once the action commits.
    from ..scorecard import refresh_later

    refresh_later(message.received_on)


def _snapshot(message: Message) -> dict:
    return snapshot(message, FIELDS)


def _text(value, what: str, field: str, *, limit: int = BODY_MAX, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required)


def periods(message: Message) -> deadlines.Periods:
    return deadlines.rule_for(message.kind, message.channel)


def add_workdays(start: date, n: int) -> date:
    return current_calendar().add_workdays(start, n).due


def _start_clock(message: Message, agency: Agency, start: date):
    p = periods(message)
    clock = clocks.start_clock(
        None,
        agency=agency,
        label=f"留言 {message.receipt_code} 第{message.round}轮答复",
        limit_days=p.reply_days,
        max_extension_days=p.max_extension_days,
        started_on=start,
    )
    message.clock = clock
    message.due_on = clock.due_on
    return clock


def _stop_clock(actor, message: Message, on: date) -> None:
    if message.clock_id and message.clock.state != message.clock.State.STOPPED:
        clocks.stop_clock(actor, message.clock, on=max(on, message.clock.started_on))
