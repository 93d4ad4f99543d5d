"""What holds or changes the answer clock: 补正, 征求意见, 延期, 收费 and 条例第三十五条."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from gongkai.audit.actions import snapshot
from gongkai.common.errors import ActionRefused
from gongkai.workdays import actions as clocks

from .. import fees
from ..models import Application, FeeMethod, Notice, NoticeKind, PauseKind, State
from ._common import (
    CORRECTION_NOTICE_DAYS,
    FIELDS,
    INQUIRY_DAYS,
    MAX_EXTENSION_DAYS,
    _add_workdays,
    _audit,
    _day,
    _draft_notice,
    _go,
    _lock,
    _zh,
    correction_workdays,
    fee_payment_workdays,
)
from .reply import _close_and_send

# ---------------------------------------------------------------- 补正


# Pause kinds (`workdays.Pause.kind`) of an application; 征求意见 uses `PauseKind` (third_party/agency).
PAUSE_CORRECTION, PAUSE_FEE, PAUSE_REASONS = "correction", "fee", "reasons"


def _pause(
    actor,
    application: Application,
    target: str,
    *,
    kind: str,
    on: date,
    note: str,
    due_on: date | None = None,
    detail: str = "",
) -> None:
    """The one way an application's clock pauses: a `Pause` row that remembers the state to return
    to, and the case moved to the table's `target`."""
    clocks.pause_clock(
        actor,
        application.clock,
        on=on,
        kind=kind,
        due_on=due_on,
        detail=detail,
        resume_state=application.state,
        note=note,
    )
    application.state = target


def _resume(
    actor, application: Application, target: str, *, on: date, note: str, restart: bool = False
) -> None:
    """End the open pause: count on (or anew, after 补正) and return the case to `target` (the
    table's RETURN, i.e. the state the pause remembered)."""
    if restart:
        clocks.restart_clock(actor, application.clock, on=on, note=note)
    else:
        clocks.resume_clock(actor, application.clock, on=on, note=note)
    application.state = target


@transaction.atomic
def request_correction(
    actor, application: Application, *, items: list[str], due_on: date | None = None, on: date | None = None
) -> Notice:
    """条例第三十条: one notice listing everything, within 7 working days of receipt."""
    application = _lock(application)
    target = _go(actor, application, "request_correction")
    on = _day(on, "告知日期")
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise ActionRefused("请逐项列明需要补正的内容（应一次性告知）", field="items")
    if application.correction_sent_on:
        raise ActionRefused(
            f"已于{_zh(application.correction_sent_on)}告知补正；条例第三十条要求一次性告知，不能再次要求补正"
        )
    latest = _add_workdays(application.received_on, CORRECTION_NOTICE_DAYS)
    if on > latest:
        raise ActionRefused(
            f"补正告知应在收到申请之日起7个工作日内发出（条例第三十条），本申请的最后期限是{_zh(latest)}",
            field="on",
        )
    if on < application.received_on:
        raise ActionRefused("告知日期不能早于收到申请之日", field="on")
    due_on = due_on or _add_workdays(on, correction_workdays())
    if due_on <= on:
        raise ActionRefused("补正期限应晚于告知日期", field="due_on")
    before = snapshot(application, FIELDS)
    _pause(
        actor, application, target, kind=PAUSE_CORRECTION, on=on, due_on=due_on,
        note="告知补正，等待申请人补正（收到补正后重新起算）",
    )  # fmt: skip
    application.correction_items = items
    application.correction_sent_on = on
    application.correction_due_on = due_on
    application.save()
    _audit(actor, application, "request_correction", before, note="；".join(items))
    return _draft_notice(application, NoticeKind.CORRECTION, items=items, due=_zh(due_on))


@transaction.atomic
def receive_correction(actor, application: Application, *, on: date | None = None) -> Application:
    """The corrected application arrived: the answer clock restarts from that day (条例第三十条)."""
    application = _lock(application)
    target = _go(actor, application, "receive_correction")
    on = _day(on, "收到补正日期")
    if on < application.correction_sent_on:
        raise ActionRefused("收到补正日期不能早于补正告知日期", field="on")
    before = snapshot(application, FIELDS)
    _resume(
        actor, application, target, on=on, restart=True,
        note="收到补正后的申请，答复期限重新起算（条例第三十条）",
    )  # fmt: skip
    application.correction_received_on = on
    application.save()
    _audit(actor, application, "receive_correction", before)
    return application


@transaction.atomic
def lapse_correction(actor, application: Application, *, on: date | None = None) -> Application:
    """No correction by the deadline: 其他处理-1, not processed further."""
    return _lapse(
        actor, application, "lapse_correction", on=on, what="补正期限", due=lambda a: a.correction_due_on,
        outcome="other_no_correction", values=lambda a: {"corrected_on": _zh(a.correction_sent_on)},
    )  # fmt: skip


def _lapse(actor, application: Application, action: str, *, on, what: str, due, outcome: str, values):
    """A period the applicant let pass (补正, 缴费) closes the case with its 其他处理 outcome."""
    application = _lock(application)
    target = _go(actor, application, action)
    on = _day(on, "办结日期")
    if on <= due(application):
        raise ActionRefused(f"{what}{_zh(due(application))}尚未届满", field="on")
    _close_and_send(actor, application, state=target, outcome=outcome, on=on, values=values(application))
    return application


# ---------------------------------------------------------------- 征求意见, 延期


@transaction.atomic
def start_inquiry(
    actor,
    application: Application,
    *,
    kind: str,
    party: str,
    on: date | None = None,
    delivered_on: date | None = None,
) -> Notice:
    """征求第三方 (第三十二条) or 其他机关 (第三十四条) 意见.

    The answer clock pauses from the sending day `on` (consulting time is not counted, 第三十三条);
    the party's 15 working days run from the day it receives the letter (`delivered_on`; the
    sending day for hand delivery), so the pause is due on that day's 15th working day.
    """
    application = _lock(application)
    target = _go(actor, application, "start_inquiry")
    on = _day(on, "发出日期")
    delivered_on = _day(delivered_on or on, "对方收到征求意见书日期", "delivered_on")
    if kind not in PauseKind.values:
        raise ActionRefused("请选择征求意见的类型", field="kind")
    if not (party or "").strip():
        raise ActionRefused("请填写征求意见的对象", field="party")
    if delivered_on < on:
        raise ActionRefused("对方收到征求意见书的日期不能早于发出日期", field="delivered_on")
    before = snapshot(application, FIELDS)
    due_on = _add_workdays(delivered_on, INQUIRY_DAYS)
    _pause(
        actor, application, target, kind=kind, on=on, due_on=due_on, detail=party.strip(),
        note=f"{PauseKind(kind).label}：{party.strip()}（{_zh(delivered_on)}收到）",
    )  # fmt: skip
    application.pause_kind = kind
    application.inquiry_party = party.strip()
    application.inquiry_sent_on = on
    application.inquiry_delivered_on = delivered_on
    application.inquiry_due_on = due_on
    application.save()
    _audit(actor, application, "start_inquiry", before, note=application.inquiry_party)
    notice_kind = NoticeKind.THIRD_PARTY if kind == PauseKind.THIRD_PARTY else NoticeKind.AGENCY
    return _draft_notice(
        application, notice_kind, party=application.inquiry_party, due=_zh(application.inquiry_due_on)
    )


@transaction.atomic
def end_inquiry(actor, application: Application, *, on: date | None = None, note: str = "") -> Application:
    """The answer arrived, or the 15 working days lapsed: the clock resumes."""
    application = _lock(application)
    target = _go(actor, application, "end_inquiry")
    on = _day(on, "收到意见日期")
    if application.inquiry_sent_on and on < application.inquiry_sent_on:
        raise ActionRefused("收到意见日期不能早于征求意见书发出日期", field="on")
    lapsed = application.inquiry_due_on and on > application.inquiry_due_on
    if lapsed:
        # The pause ends when the period lapses, not when someone notices.
        on = application.inquiry_due_on
        note = note or "征求意见期满未答复"
    before = snapshot(application, FIELDS)
    _resume(actor, application, target, on=on, note=note or "收到意见")
    application.pause_kind = ""
    application.save()
    _audit(actor, application, "end_inquiry", before, note=note)
    return application


@transaction.atomic
def request_extension(
    actor, application: Application, *, days: int, reason: str, on: date | None = None
) -> Application:
    """延期 (条例第三十三条第二款) asked for: once, ≤ 20 working days, for a stated reason. The case
    waits on the signer's 待办; the answer clock keeps running meanwhile."""
    application = _lock(application)
    target = _go(actor, application, "request_extension")
    on = _day(on, "申请延期日期")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ActionRefused("延长期限最长不得超过20个工作日", field="days")
    if not (reason or "").strip():
        raise ActionRefused("请写明延期理由", field="reason")
    clock = application.clock
    if clock.extension_count:
        raise ActionRefused("本申请已延期一次，依法只能延期一次（条例第三十三条）")
    status = clock.status(on)
    if status.overdue:
        raise ActionRefused(f"答复期限已于{_zh(status.due_on)}届满，不能再申请延期", field="on")
    before = snapshot(application, FIELDS)
    application.extension_days = days
    application.extension_reason = reason.strip()
    application.extension_requested_on = on
    application.extension_requested_by = actor
    application.extension_requested_in = application.state
    application.state = target
    application.save()
    _audit(actor, application, "request_extension", before, note=f"申请延长{days}个工作日：{reason.strip()}")
    return application


@transaction.atomic
def extend_application(actor, application: Application, *, on: date | None = None, note: str = "") -> Notice:
    """The signer approves the requested extension from the signer's own account; the clock is
    extended with the signer as approver and the 延期答复告知书 is drafted."""
    application = _lock(application)
    target = _go(actor, application, "extend")
    on = _day(on, "批准日期")
    if on < application.extension_requested_on:
        raise ActionRefused("批准日期不能早于申请延期日期", field="on")
    days, reason = application.extension_days, application.extension_reason
    before = snapshot(application, FIELDS)
    clocks.extend_clock(actor, application.clock, days=days, approved_by=actor, reason=reason, on=on)
    application.state = target
    application.save()
    requested_by = application.extension_requested_by
    _audit(
        actor, application, "extend", before,
        note=f"{actor}批准延长{days}个工作日（{requested_by}申请）：{reason}" + (f"。{note.strip()}" if note.strip() else ""),
    )  # fmt: skip
    status = application.clock.status()
    return _draft_notice(
        application,
        NoticeKind.EXTENSION,
        reason=reason,
        days=days,
        due=_zh(status.due_on),
        provisional=status.provisional,
    )


@transaction.atomic
def decline_extension(actor, application: Application, *, note: str) -> Application:
    """The signer does not agree: the case returns to where it was, the deadline unchanged."""
    application = _lock(application)
    target = _go(actor, application, "decline_extension")
    if not (note or "").strip():
        raise ActionRefused("不同意延期须写明理由", field="note")
    before = snapshot(application, FIELDS)
    application.state = target
    application.save()
    _audit(actor, application, "decline_extension", before, note=f"不同意延期：{note.strip()}")
    return application


# ---------------------------------------------------------------- fees


def nth_in_month(application: Application) -> int:
    """The place of `application` among its applicant's applications of the same calendar month."""
    day = application.received_on or application.submitted_on
    same = Application.objects.filter(
        identity_hash=application.identity_hash,
        received_on__year=day.year,
        received_on__month=day.month,
    )
    earlier = (
        same.filter(received_on__lt=day).count()
        + same.filter(received_on=day, pk__lte=application.pk).count()
    )
    return max(earlier, 1)


@transaction.atomic
def notify_fee(
    actor,
    application: Application,
    *,
    method: str,
    pages: int | None = None,
    how_to_pay: str = "",
    on: date | None = None,
    delivered_on: date | None = None,
) -> Notice:
    """收费通知 (条例第四十二条, 国办函〔2020〕109号).

    The payment period and the uncounted fee time both run from the day the applicant receives
    the notice (`delivered_on`; the sending day `on` for hand delivery or e-mail): the clock pauses
    on that day and the applicant pays within its 20 working days.
    """
    application = _lock(application)
    target = _go(actor, application, "notify_fee")
    on = _day(on, "通知日期")
    delivered_on = _day(delivered_on or on, "申请人收到收费通知日期", "delivered_on")
    if delivered_on < on:
        raise ActionRefused("申请人收到收费通知的日期不能早于通知日期", field="delivered_on")
    if method == FeeMethod.VOLUME:
        if not isinstance(pages, int) or pages < 1:
            raise ActionRefused("按量计收须填写页数", field="pages")
        lines = fees.fee_explanation(pages=pages)
        amount, nth = fees.fee_by_volume(pages), None
    elif method == FeeMethod.PER_APPLICATION:
        nth = nth_in_month(application)
        lines = fees.fee_explanation(nth_in_month=nth)
        amount, pages = fees.fee_per_application(nth), None
    else:
        raise ActionRefused("请选择计收方式", field="method")
    if amount <= Decimal(0):
        raise ActionRefused(f"按{FeeMethod(method).label}标准本申请不收费（{lines[-1]}）", field="method")
    before = snapshot(application, FIELDS)
    fee_due_on = _add_workdays(delivered_on, fee_payment_workdays())
    _pause(
        actor, application, target, kind=PAUSE_FEE, on=delivered_on, due_on=fee_due_on,
        note=f"收费通知{_zh(delivered_on)}送达申请人，收费期间不计入答复期限",
    )  # fmt: skip
    application.fee_method = method
    application.fee_pages = pages
    application.fee_nth_in_month = nth
    application.fee_amount = amount
    application.fee_notified_on = on
    application.fee_delivered_on = delivered_on
    application.fee_due_on = fee_due_on
    application.save()
    _audit(actor, application, "notify_fee", before, note=lines[-1])
    return _draft_notice(
        application,
        NoticeKind.FEE,
        lines=lines,
        due=_zh(application.fee_due_on),
        how_to_pay=how_to_pay.strip() or "到本机关政府信息公开工作机构缴纳或按非税收入缴款书缴纳",
    )


@transaction.atomic
def record_payment(actor, application: Application, *, on: date | None = None) -> Application:
    application = _lock(application)
    target = _go(actor, application, "record_payment")
    on = _day(on, "缴费日期")
    if on < application.fee_delivered_on:
        raise ActionRefused("缴费日期不能早于申请人收到收费通知之日", field="on")
    if on > application.fee_due_on:
        raise ActionRefused(f"缴费期限{_zh(application.fee_due_on)}已过，应按逾期未缴费处理", field="on")
    before = snapshot(application, FIELDS)
    _resume(actor, application, target, on=on, note="申请人已缴纳信息处理费")
    application.fee_paid_on = on
    application.save()
    _audit(actor, application, "record_payment", before)
    return application


@transaction.atomic
def lapse_fee(actor, application: Application, *, on: date | None = None) -> Application:
    """Unpaid by the deadline: 其他处理-2."""
    return _lapse(
        actor, application, "lapse_fee", on=on, what="缴费期限", due=lambda a: a.fee_due_on,
        outcome="other_unpaid", values=lambda a: {"notified_on": _zh(a.fee_notified_on)},
    )  # fmt: skip


# ---------------------------------------------------------------- 条例第三十五条


@transaction.atomic
def ask_reasons(actor, application: Application, *, on: date | None = None) -> Notice:
    application = _lock(application)
    target = _go(actor, application, "ask_reasons")
    on = _day(on, "要求说明理由日期")
    before = snapshot(application, FIELDS)
    _pause(actor, application, target, kind=PAUSE_REASONS, on=on, note="要求申请人说明理由（条例第三十五条）")
    application.reasons_asked_on = on
    application.save()
    _audit(actor, application, "ask_reasons", before)
    return _draft_notice(application, NoticeKind.REASONS)


@transaction.atomic
def decide_reasons(
    actor,
    application: Application,
    *,
    reasonable: bool,
    days: int | None = None,
    note: str = "",
    on: date | None = None,
) -> Application:
    """Unreasonable → 不予处理-4; reasonable → a stated longer period replaces the answer clock."""
    application = _lock(application)
    target = _go(actor, application, "decide_reasons")
    on = _day(on, "认定日期")
    if not reasonable:
        # 不予处理 closes the case (a branch the table cannot express), and reaches the applicant
        # like every other closing (it was not mailed before).
        _close_and_send(
            actor, application, state=State.REPLIED, outcome="not_processed_excessive", on=on, values={},
            note=note,
        )  # fmt: skip
        return application
    if not isinstance(days, int) or days < 1:
        raise ActionRefused("理由合理的，应确定延迟答复的合理期限（工作日）", field="days")
    before = snapshot(application, FIELDS)
    clocks.stop_clock(actor, application.clock, on=on, note="条例第三十五条：另行确定答复期限")
    application.clock = clocks.start_clock(
        actor,
        agency=application.agency,
        label=f"政府信息公开申请 {application.receipt_code} 延迟答复期限（条例第三十五条）",
        limit_days=days,
        max_extension_days=0,
        started_on=on,
        note=note,
    )
    application.state = target
    application.save()
    _audit(
        actor, application, "decide_reasons", before, note=f"理由合理，确定{days}个工作日的答复期限。{note}"
    )
    return application
