"""Dispatching (交办) to a lead agency and assisting agencies, returning (退回) within the return
window, re-dispatching, naming the responder, assists' opinions, and the office's and supervisors'
follow-up: 催办, 督办, invalid messages, flagged words."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.common.dates import zh_date
from gongkai.common.errors import ActionRefused
from gongkai.workdays import actions as clocks

from ..models import AssistOpinion, Message, PublicStatus, Reminder, ReminderKind, Transfer, TransferKind
from ..models import TransferRole as R
from ._common import (
    _audit,
    _go,
    _lock,
    _now,
    _snapshot,
    _stop_clock,
    _text,
    _today,
    add_workdays,
    periods,
)


def _check_agencies(lead: Agency | None, assists) -> list[Agency]:
    if lead is None or not lead.is_active:
        raise ActionRefused("请选择主办单位", field="lead_agency")
    assists = [a for a in dict.fromkeys(assists or ()) if a is not None]
    if any(a.pk == lead.pk for a in assists):
        raise ActionRefused("主办单位不能同时作为协办单位", field="assist_agencies")
    if any(not a.is_active for a in assists):
        raise ActionRefused("协办单位已停用", field="assist_agencies")
    return assists


def _send_to(actor, message: Message, lead: Agency, assists: list[Agency], kind: str, note: str) -> None:
    now = _now()
    Transfer.objects.create(
        message=message, from_agency=message.office, to_agency=lead, role=R.LEAD, kind=kind, reason=note,
        actor=actor, at=now,
    )  # fmt: skip
    for agency in assists:
        Transfer.objects.create(
            message=message, from_agency=message.office, to_agency=agency, role=R.ASSIST, kind=kind,
            reason=note, actor=actor, at=now,
        )  # fmt: skip
    message.lead_agency = lead
    message.assist_agencies.set(assists)
    message.dispatched_on = _today()
    message.return_due_on = add_workdays(message.dispatched_on, periods(message).return_days)
    message.responder = None
    if message.clock_id and message.clock.agency_id != lead.pk:
        clocks.move_clock(actor, message.clock, agency=lead, note=f"交办{lead}")


@transaction.atomic
def dispatch_message(
    actor: Staff, message: Message, *, lead_agency: Agency, assist_agencies=(), note: str = ""
) -> Message:
    """The office sends the message to its lead agency (主办) and any assisting agencies (协办)."""
    message = _lock(message)
    target = _go(actor, message, "dispatch")
    assists = _check_agencies(lead_agency, assist_agencies)
    before = _snapshot(message)
    _send_to(actor, message, lead_agency, assists, TransferKind.DISPATCH, (note or "").strip())
    message.state = target
    message.save()
    names = "、".join(a.display_name for a in assists)
    _audit(
        actor,
        message,
        "dispatch",
        before,
        note=f"主办：{lead_agency}" + (f"；协办：{names}" if names else ""),
    )
    return message


@transaction.atomic
def return_message(actor: Staff, message: Message, *, reason: str) -> Message:
    """The lead agency sends a misrouted message back to the office, with its reason, within the
    return window (RULES.md §7: 2 working days from dispatch by default)."""
    message = _lock(message)
    target = _go(actor, message, "return")
    reason = _text(reason, "退回理由", "reason", limit=1000)
    today = _today()
    if message.return_due_on and today > message.return_due_on:
        raise ActionRefused(
            f"退回期限已于{zh_date(message.return_due_on)}届满（交办后{periods(message).return_days}个工作日内），"
            "不能再退回，请办理或联系交办单位",
        )
    before = _snapshot(message)
    Transfer.objects.create(
        message=message, from_agency=message.lead_agency, to_agency=message.office, role=R.LEAD,
        kind=TransferKind.RETURN, reason=reason, actor=actor, at=_now(),
    )  # fmt: skip
    message.state = target
    message.responder = None
    message.lead_agency = None
    message.assist_agencies.clear()
    message.return_due_on = None
    if message.clock_id and message.clock.agency_id != message.office_id:
        clocks.move_clock(actor, message.clock, agency=message.office, note="退回交办单位")
    message.save()
    _audit(actor, message, "return", before, note=reason)
    return message


@transaction.atomic
def redispatch_message(
    actor: Staff, message: Message, *, lead_agency: Agency, assist_agencies=(), note: str = ""
) -> Message:
    """The office dispatches a returned message again (the reply clock runs on)."""
    message = _lock(message)
    target = _go(actor, message, "redispatch")
    assists = _check_agencies(lead_agency, assist_agencies)
    before = _snapshot(message)
    _send_to(actor, message, lead_agency, assists, TransferKind.REDISPATCH, (note or "").strip())
    message.state = target
    message.save()
    _audit(actor, message, "redispatch", before, note=f"主办：{lead_agency}")
    return message


@transaction.atomic
def assign_responder(actor: Staff, message: Message, *, responder: Staff) -> Message:
    """The lead agency names the responder (网络回应人) who answers the message."""
    message = _lock(message)
    target = _go(actor, message, "assign")
    if responder is None:
        raise ActionRefused("请选择网络回应人", field="responder")
    if responder.agency_id != message.lead_agency_id or not responder.is_active:
        raise ActionRefused("网络回应人须为主办单位的在岗工作人员", field="responder")
    if not responder.has_role(Role.RESPONDER):
        raise ActionRefused(f"{responder}不是网络回应人，请先为其分配“网络回应人”角色", field="responder")
    before = _snapshot(message)
    message.responder = responder
    message.state = target
    message.save()
    _audit(actor, message, "assign", before, note=f"网络回应人：{responder}")
    return message


@transaction.atomic
def add_assist_opinion(actor: Staff, message: Message, *, text: str) -> AssistOpinion:
    message = _lock(message)
    _go(actor, message, "add_assist_opinion")
    text = _text(text, "协办意见", "text")
    agency = actor.agency if not actor.is_superuser or actor.agency_id else message.office
    opinion = AssistOpinion.objects.create(message=message, agency=agency, text=text, actor=actor, at=_now())
    _audit(actor, message, "assist_opinion", None, note=f"{agency}：{text[:200]}")
    return opinion


@transaction.atomic
def request_extension(actor: Staff, message: Message, *, days: int, reason: str) -> Message:
    """The lead agency asks its signer for more time (once, at most `max_extension_days`)."""
    message = _lock(message)
    _go(actor, message, "request_extension")
    limit = message.clock.max_extension_days if message.clock_id else periods(message).max_extension_days
    if message.extended or (message.clock_id and message.clock.extension_count):
        raise ActionRefused("本留言已延期一次，不能再次延期")
    if message.extension_requested_at:
        raise ActionRefused("已申请延期，等待审发人批准")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= limit:
        raise ActionRefused(f"延期天数应为1至{limit}个工作日", field="days")
    reason = _text(reason, "延期理由", "reason", limit=1000)
    before = _snapshot(message)
    message.extension_days = days
    message.extension_reason = reason
    message.extension_requested_by = actor
    message.extension_requested_at = _now()
    message.save()
    _audit(actor, message, "request_extension", before, note=f"申请延期{days}个工作日：{reason}")
    return message


@transaction.atomic
def extend_message(actor: Staff, message: Message, *, approve: bool = True, note: str = "") -> Message:
    """The lead agency's signer (审发人) decides on the request from the signer's own account:
    approved, the reply clock gets the days (once); declined, the request is withdrawn."""
    message = _lock(message)
    _go(actor, message, "extend")
    before = _snapshot(message)
    if not approve:
        note = _text(note, "不同意延期的理由", "note", limit=1000)
        message.extension_days = None
        message.extension_reason = ""
        message.extension_requested_by = None
        message.extension_requested_at = None
        message.save()
        _audit(actor, message, "extend", before, note=f"不同意延期：{note}")
        return message
    if message.extended:
        raise ActionRefused("本留言已延期一次，不能再次延期")
    clock = clocks.extend_clock(
        actor, message.clock, days=message.extension_days, approved_by=actor, reason=message.extension_reason
    )
    message.clock = clock
    message.due_on = clock.due_on
    message.extended = True
    message.extension_approved_by = actor
    message.save()
    _audit(
        actor, message, "extend", before,
        note=f"{actor}批准延期{message.extension_days}个工作日（{message.extension_requested_by}申请）",
    )  # fmt: skip
    return message


def _reminder(actor: Staff, message: Message, kind: str, text: str) -> Reminder:
    text = _text(text, "内容", "text", limit=1000)
    agency = actor.agency if actor.agency_id else message.office
    reminder = Reminder.objects.create(
        message=message, kind=kind, from_agency=agency, text=text, actor=actor, at=_now()
    )
    _audit(actor, message, kind, None, note=text)
    from ._notify import notify_reminder

    notify_reminder(reminder)
    return reminder


@transaction.atomic
def remind_message(actor: Staff, message: Message, *, text: str) -> Reminder:
    """催办: the office presses the lead agency; shown to the responder until seen."""
    message = _lock(message)
    _go(actor, message, "remind")
    return _reminder(actor, message, ReminderKind.REMIND, text)


@transaction.atomic
def supervise_message(actor: Staff, message: Message, *, text: str) -> Reminder:
    """督办: a supervisor's notice, recorded on the case and shown to the responder."""
    message = _lock(message)
    _go(actor, message, "supervise")
    return _reminder(actor, message, ReminderKind.SUPERVISE, text)


@transaction.atomic
def mark_reminders_seen(actor: Staff, message: Message) -> int:
    """The responder opened the case: its reminders count as seen (no audit row: a read, not a
    decision)."""
    if actor is None or message.responder_id != actor.pk:
        return 0
    return Reminder.objects.filter(message=message, seen_at__isnull=True).update(seen_at=_now())


@transaction.atomic
def mark_invalid(actor: Staff, message: Message, *, reason: str) -> Message:
    """Spam or abuse, judged by the office with a reason: kept, out of every queue and count of
    valid messages, never shown publicly."""
    message = _lock(message)
    target = _go(actor, message, "mark_invalid")
    reason = _text(reason, "认定无效的理由", "reason", limit=1000)
    before = _snapshot(message)
    message.state = target
    message.is_valid = False
    message.invalid_reason = reason
    message.public_status = PublicStatus.HIDDEN
    message.closed_on = _today()
    _stop_clock(actor, message, message.closed_on)
    message.save()
    _audit(actor, message, "mark_invalid", before, note=reason)
    return message


@transaction.atomic
def clear_flagged_words(actor: Staff, message: Message) -> Message:
    """The office has read the flagged message: its public display no longer waits."""
    message = _lock(message)
    _go(actor, message, "clear_words")
    before = _snapshot(message)
    message.flag_cleared_by = actor
    message.save()
    _audit(actor, message, "clear_words", before, note=f"命中：{message.flagged_words}")
    return message
