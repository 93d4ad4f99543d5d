"""Every write to applications.

Each action checks the workflow table (`workflow.check`), the actor's scope, and its input before
writing anything; raises `ActionRefused` otherwise; writes an audit row; and defers e-mail to
`transaction.on_commit`. The answer clock is a `workdays.Clock`; the rules of 条例第三十条至第三十五条
and 国办函〔2020〕109号 on top of it are here:

- confirm / register: the clock starts on the receipt day of 条例第三十一条 (`receipt.receipt_date`).
- 补正 (第三十条): one notice, within 7 working days of receipt, listing everything, with a deadline;
  the clock is held while the applicant corrects and **restarts** on the day the correction arrives;
  no correction by the deadline → closed as 其他处理-1 (`other_no_correction`).
- 征求第三方 / 其他机关意见 (第三十二条、第三十四条): the clock pauses; 15 working days for the answer;
  it resumes when the answer arrives or the period lapses.
- 延期 (第三十三条): once, at most 20 working days, approved by a signer (head of the office).
- 收费 (第四十二条, 109号文): the fee period is not counted; unpaid within 20 working days →
  其他处理-2 (`other_unpaid`).
- 条例第三十五条: asking for reasons holds the clock; unreasonable → 不予处理-4; reasonable → a new,
  stated period replaces the answer clock.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import credit_code_problem, resident_id_problem
from gongkai.common.mail import queue_mail
from gongkai.workdays import actions as clocks
from gongkai.workdays.services import current_calendar

from . import crypto, fees, notices, workflow
from .models import (
    Appeal,
    AppealKind,
    AppealResult,
    Applicant,
    ApplicantKind,
    Application,
    Attachment,
    Channel,
    Delivery,
    FeeMethod,
    FormWanted,
    Notice,
    NoticeKind,
    PauseKind,
    Reply,
    RevealLog,
    State,
    Supervision,
)
from .outcomes import OUTCOME_BY_CODE, LetterWordingError, render_letter
from .receipt import ReceiptDateError, receipt_date

ANSWER_DAYS = 20  # 条例第三十三条
CORRECTION_NOTICE_DAYS = 7  # 条例第三十条
INQUIRY_DAYS = 15  # 条例第三十二条、第三十四条
MAX_EXTENSION_DAYS = 20  # 条例第三十三条

FIELDS = [
    "agency",
    "state",
    "received_on",
    "handler",
    "outcome",
    "closed_on",
    "pause_kind",
    "correction_due_on",
    "fee_amount",
    "fee_due_on",
]
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def correction_workdays() -> int:
    return int(getattr(settings, "GONGKAI_CORRECTION_WORKDAYS", 15))


def fee_payment_workdays() -> int:
    return int(getattr(settings, "GONGKAI_FEE_PAYMENT_WORKDAYS", 20))


def _today() -> date:
    return timezone.localdate()


def _zh(d: date | None) -> str:
    return notices.zh_date(d)


def _add_workdays(start: date, n: int) -> date:
    return current_calendar().add_workdays(start, n).due


def new_receipt_code(year: int | None = None) -> str:
    """YS2026-XXXX-XXXX: random (not guessable from another code), unambiguous letters."""
    year = year or _today().year
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"YS{year}-{body[:4]}-{body[4:]}"


def normalise_code(code: str) -> str:
    return (code or "").strip().upper().replace(" ", "")


def phone_last4(phone: str) -> str:
    digits = "".join(c for c in phone or "" if c.isdigit())
    return digits[-4:]


# ---------------------------------------------------------------- checks


def _check_scope(actor, application: Application) -> None:
    if actor is not None and not can_see_agency(actor, application.agency):
        raise ActionRefused("该申请不在您的工作范围内")


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency", "clock")
        .get(pk=application.pk)
    )


def _go(actor, application: Application, action: str) -> str:
    """Check scope and the workflow table; the state the action leads to."""
    _check_scope(actor, application)
    return workflow.target_state(application, workflow.check(application, action, actor))


def _audit(actor, application: Application, action: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"applications.{action}",
        target=application,
        agency=application.agency,
        before=before,
        after=snapshot(application, FIELDS),
        note=note,
    )


def _date(value, what: str, field: str = "on") -> date:
    if not isinstance(value, date):
        raise ActionRefused(f"请填写{what}", field=field)
    return value


def can_handle(actor, application: Application) -> bool:
    """Staff handling the application: its handler, or its agency's clerks, reviewers and signers."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if application.handler_id == actor.pk:
        return True
    return actor.agency_id == application.agency_id and actor.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER)


# ---------------------------------------------------------------- applicant data


def check_applicant(*, kind: str, name: str, identity_number: str, phone: str) -> str:
    """Validate the applicant of 条例第二十九条; the normalised identity number."""
    if kind not in ApplicantKind.values:
        raise ActionRefused("请选择申请人类型", field="applicant_kind")
    if not (name or "").strip():
        raise ActionRefused("请填写申请人姓名或名称（条例第二十九条）", field="name")
    number = (identity_number or "").strip().upper()
    problem = resident_id_problem(number) if kind == ApplicantKind.natural else credit_code_problem(number)
    if problem:
        field = "identity_number"
        raise ActionRefused(problem, field=field)
    if len(phone_last4(phone)) < 4:
        raise ActionRefused("请填写有效的联系电话（条例第二十九条）", field="phone")
    return number


def _check_request(*, description: str, form_wanted: str, delivery: str, doc_number: str = "") -> None:
    if not (description or "").strip():
        raise ActionRefused(
            "请描述申请公开的政府信息的名称、文号或者便于查询的其他特征（条例第二十九条）",
            field="description",
        )
    if form_wanted not in FormWanted.values:
        raise ActionRefused("请选择获取政府信息的方式（条例第二十九条）", field="form_wanted")
    if delivery not in Delivery.values:
        raise ActionRefused("请选择获取政府信息的途径（条例第二十九条）", field="delivery")


def _create(
    actor,
    *,
    agency: Agency,
    channel: str,
    applicant: dict,
    request: dict,
    dates: dict,
    idempotency_key: str | None,
    attachments=(),
) -> Application:
    applicant = dict(applicant)
    kind = applicant.pop("kind")
    number = check_applicant(
        kind=kind,
        name=applicant["name"],
        identity_number=applicant["identity_number"],
        phone=applicant["phone"],
    )
    _check_request(**request)
    if agency is None or not agency.is_active:
        raise ActionRefused("请选择受理申请的机关", field="agency")
    for _attempt in range(5):
        code = new_receipt_code()
        if not Application.objects.filter(receipt_code=code).exists():
            break
    application = Application(
        receipt_code=code,
        idempotency_key=idempotency_key or None,
        agency=agency,
        channel=channel,
        applicant_kind=kind,
        description=request["description"].strip(),
        doc_number=(request.get("doc_number") or "").strip(),
        form_wanted=request["form_wanted"],
        delivery=request["delivery"],
        created_by=actor,
        lookup_hash=crypto.lookup_hash(code, phone_last4(applicant["phone"])),
        identity_hash=crypto.lookup_hash(kind == ApplicantKind.natural and "id" or "org", number),
        **dates,
    )
    application.save()
    Applicant.objects.create(
        application=application,
        name=applicant["name"].strip(),
        identity_number=number,
        phone=applicant["phone"].strip(),
        address=(applicant.get("address") or "").strip(),
        email=(applicant.get("email") or "").strip(),
        contact_person=(applicant.get("contact_person") or "").strip(),
    )
    for upload in attachments:
        Attachment.objects.create(
            application=application, file=upload, name=upload.name[:200], size=upload.size
        )
    return application


def submit_application(
    *,
    agency: Agency,
    applicant: dict,
    request: dict,
    idempotency_key: str,
    attachments=(),
    submitted_on: date | None = None,
) -> tuple[Application, bool]:
    """An application from the portal (互联网渠道): received, waiting for 双方确认.

    Submitting the same form twice (same `idempotency_key`) returns the first application and
    False; nothing new is created.
    """
    if not idempotency_key or len(idempotency_key) > 64:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    existing = Application.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            application = _create(
                None,
                agency=agency,
                channel=Channel.ONLINE,
                applicant=applicant,
                request=request,
                dates={"submitted_on": submitted_on or _today()},
                idempotency_key=idempotency_key,
                attachments=attachments,
            )
            _audit(None, application, "submit", None, note="互联网渠道提交")
    except IntegrityError:
        # A concurrent resend won the race on the unique key: that one is the application.
        existing = Application.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing, False
    return application, True


@transaction.atomic
def register_application(
    actor: Staff,
    *,
    agency: Agency,
    channel: str,
    applicant: dict,
    request: dict,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    idempotency_key: str | None = None,
) -> Application:
    """An application received in person, by mail, fax, e-mail or orally, registered by staff.

    The receipt day follows 条例第三十一条 for the channel; the application is accepted at once and
    its answer clock starts from that day. Oral applications are written down by the office (第二十九条).
    """
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ActionRefused("请选择申请渠道（互联网申请由申请人在门户网站提交）", field="channel")
    if not actor.has_role(Role.CLERK, Role.SUPERVISOR) and not actor.is_superuser:
        raise ActionRefused("登记申请需要信息公开工作人员或主管部门角色")
    if not can_see_agency(actor, agency):
        raise ActionRefused("该机关不在您的工作范围内", field="agency")
    if idempotency_key and Application.objects.filter(idempotency_key=idempotency_key).exists():
        return Application.objects.get(idempotency_key=idempotency_key)
    try:
        received = receipt_date(
            channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
        )
    except ReceiptDateError as exc:
        raise ActionRefused(str(exc), field="received") from None
    if received > _today():
        raise ActionRefused("收到申请之日不能晚于今天", field="received")
    application = _create(
        actor,
        agency=agency,
        channel=channel,
        applicant=applicant,
        request=request,
        dates={"submitted_on": submitted_on, "signed_on": signed_on, "confirmed_on": confirmed_on},
        idempotency_key=idempotency_key,
    )
    _audit(actor, application, "register", None, note=f"{application.get_channel_display()}，工作人员登记")
    _accept(actor, application, received)
    return application


def _accept(actor, application: Application, received: date) -> None:
    before = snapshot(application, FIELDS)
    application.received_on = received
    application.clock = clocks.start_clock(
        actor,
        agency=application.agency,
        label=f"政府信息公开申请 {application.receipt_code} 答复期限",
        limit_days=ANSWER_DAYS,
        max_extension_days=MAX_EXTENSION_DAYS,
        started_on=received,
        note="条例第三十三条：自收到申请之日起20个工作日内答复",
    )
    application.state = State.ACCEPTED
    application.save()
    _audit(actor, application, "accept", before, note=f"收到申请之日：{_zh(received)}")
    status = application.clock.status()
    _draft_notice(
        application,
        NoticeKind.ACCEPTANCE,
        due=_zh(status.due_on),
        provisional=status.provisional,
    )


@transaction.atomic
def confirm_application(actor, application: Application, *, confirmed_on: date | None = None) -> Application:
    """双方确认 of an online application (条例第三十一条第（三）项): the answer clock starts."""
    application = _lock(application)
    _go(actor, application, "confirm")
    confirmed_on = confirmed_on or _today()
    _date(confirmed_on, "确认日期", "confirmed_on")
    if application.submitted_on and confirmed_on < application.submitted_on:
        raise ActionRefused("确认日期不能早于申请提交日期", field="confirmed_on")
    if confirmed_on > _today():
        raise ActionRefused("确认日期不能晚于今天", field="confirmed_on")
    application.confirmed_on = confirmed_on
    received = receipt_date(
        application.channel, confirmed_on=confirmed_on, submitted_on=application.submitted_on
    )
    _accept(actor, application, received)
    return application


# ---------------------------------------------------------------- notices


def _next_number(application: Application) -> str:
    n = application.notices.count() + 1
    return f"〔{(application.received_on or _today()).year}〕{application.receipt_code}-{n}号"


def _draft_notice(application: Application, kind: str, *, outcome: str = "", **context) -> Notice:
    title, text = notices.draft(kind, application, **context)
    return Notice.objects.create(
        application=application,
        kind=kind,
        outcome=outcome,
        number=_next_number(application),
        title=title,
        text=text,
    )


def _store_sent(actor, notice: Notice, text: str, on: date) -> Notice:
    notice.text = text.strip()
    notice.sent_on = on
    notice.sent_by = actor
    data = notices.build_docx(
        title=notice.title,
        number=notice.number,
        text=notice.text,
        agency_name=notice.application.agency.name,
        on=on,
    )
    notice.file.save(f"{notice.kind}-{notice.pk}.docx", ContentFile(data), save=False)
    notice.save()
    return notice


@transaction.atomic
def send_notice(actor, notice: Notice, *, text: str | None = None, on: date | None = None) -> Notice:
    """Send a drafted notice, with the text as edited by staff; the sent text and .docx are kept."""
    notice = Notice.objects.select_for_update().select_related("application__agency").get(pk=notice.pk)
    _check_scope(actor, notice.application)
    if notice.is_sent:
        raise ActionRefused(f"该{notice.title}已于{_zh(notice.sent_on)}发出，不能再修改")
    if notice.kind == NoticeKind.REPLY:
        raise ActionRefused("答复告知书随“发出答复”一并发出")
    if actor is not None and not actor.has_role(Role.CLERK, Role.SIGNER) and not actor.is_superuser:
        raise ActionRefused("发出告知书需要信息公开工作人员或审发人角色")
    text = notice.text if text is None else text
    if not text.strip():
        raise ActionRefused("告知书正文不能为空", field="text")
    _store_sent(actor, notice, text, on or _today())
    record_audit(
        actor=actor,
        action="applications.notice.send",
        target=notice,
        agency=notice.application.agency,
        after={"kind": notice.kind, "number": notice.number, "sent_on": notice.sent_on},
    )
    _mail_applicant(notice.application, notice.title, notice.text)
    return notice


def _mail_applicant(application: Application, subject: str, body: str) -> None:
    email = application.applicant.email if hasattr(application, "applicant") else ""
    if not email:
        return
    queue_mail(f"{subject}（{application.receipt_code}）", body, [email])


# ---------------------------------------------------------------- closing


def _close(
    actor, application: Application, *, outcome: str, on: date, values: dict, withheld=(), note=""
) -> tuple[Notice, str]:
    """Give the application its outcome (a row of 表三), stop the clock, send the reply letter."""
    if outcome not in OUTCOME_BY_CODE:
        raise ActionRefused("请选择答复类型", field="outcome")
    values = {"description": application.description, **{k: v for k, v in values.items() if v}}
    if withheld:
        values.setdefault("reason", "；".join(f"{w['part']}：{w['reason']}" for w in withheld))
    try:
        wording = render_letter(outcome, **values)
    except LetterWordingError as exc:
        raise ActionRefused(str(exc), field="values") from None
    if application.received_on and on < application.received_on:
        raise ActionRefused("答复日期不能早于收到申请之日", field="on")
    before = snapshot(application, FIELDS)
    if application.clock_id and application.clock.state != "stopped":
        clocks.stop_clock(
            actor, application.clock, on=on, note=f"办结：{OUTCOME_BY_CODE[outcome].full_label}"
        )
    application.outcome = outcome
    application.closed_on = on
    application.state = State.REPLIED
    application.save()
    _audit(actor, application, "close", before, note=note or OUTCOME_BY_CODE[outcome].full_label)
    notice = application.notices.filter(kind=NoticeKind.REPLY, sent_on__isnull=True).first()
    text = notices.notice_text(NoticeKind.REPLY, application, wording=wording, withheld=list(withheld))
    if notice is None:
        notice = _draft_notice(
            application, NoticeKind.REPLY, outcome=outcome, wording=wording, withheld=list(withheld)
        )
    elif notice.outcome != outcome:
        notice.outcome = outcome
    return notice, text


@transaction.atomic
def answer_on_the_spot(
    actor, application: Application, *, outcome: str, values: dict, on: date | None = None
):
    """当场答复 (条例第三十三条第一款): closes at once."""
    application = _lock(application)
    _go(actor, application, "answer_on_the_spot")
    on = on or _today()
    if application.state == State.RECEIVED:
        application.confirmed_on = on
        _accept(
            actor,
            application,
            receipt_date(application.channel, submitted_on=on, confirmed_on=on, signed_on=on),
        )
    application.on_the_spot = True
    notice, text = _close(actor, application, outcome=outcome, on=on, values=values, note="当场答复")
    _store_sent(actor, notice, text, on)
    return application


# ---------------------------------------------------------------- 补正


@transaction.atomic
def request_correction(
    actor, application: Application, *, items: list[str], due_on: date | None = None, on: date | None = None
) -> Notice:
    """条例第三十条: one notice listing everything, within 7 working days of receipt."""
    application = _lock(application)
    target = _go(actor, application, "request_correction")
    on = on or _today()
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
    clocks.pause_clock(actor, application.clock, on=on, note="告知补正，等待申请人补正（收到补正后重新起算）")
    application.state_before_pause = application.state
    application.state = target
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
    on = on or _today()
    if on < application.correction_sent_on:
        raise ActionRefused("收到补正日期不能早于补正告知日期", field="on")
    before = snapshot(application, FIELDS)
    clocks.restart_clock(
        actor, application.clock, on=on, note="收到补正后的申请，答复期限重新起算（条例第三十条）"
    )
    application.correction_received_on = on
    application.state = target
    application.state_before_pause = ""
    application.save()
    _audit(actor, application, "receive_correction", before)
    return application


@transaction.atomic
def lapse_correction(actor, application: Application, *, on: date | None = None) -> Application:
    """No correction by the deadline: 其他处理-1, not processed further."""
    application = _lock(application)
    _go(actor, application, "lapse_correction")
    on = on or _today()
    if on <= application.correction_due_on:
        raise ActionRefused(f"补正期限{_zh(application.correction_due_on)}尚未届满", field="on")
    notice, text = _close(
        actor,
        application,
        outcome="other_no_correction",
        on=on,
        values={"corrected_on": _zh(application.correction_sent_on)},
    )
    _store_sent(actor, notice, text, on)
    _mail_applicant(application, notice.title, text)
    return application


# ---------------------------------------------------------------- handling


@transaction.atomic
def assign_application(
    actor, application: Application, *, handler: Staff, agency: Agency | None = None
) -> Application:
    """Give the case to a handler; a supervisor may also move it to another agency of its subtree."""
    application = _lock(application)
    target = _go(actor, application, "assign")
    agency = agency or application.agency
    if agency != application.agency:
        if not (actor.is_superuser or actor.is_supervisor):
            raise ActionRefused("只有主管部门可以将申请改派到其他机关")
        if not can_see_agency(actor, agency):
            raise ActionRefused("不能改派到您主管范围以外的机关", field="agency")
    if handler is None or handler.agency_id != agency.pk or not handler.is_active:
        raise ActionRefused("承办人应为受理机关的在职工作人员", field="handler")
    before = snapshot(application, FIELDS)
    if agency != application.agency and application.clock_id:
        application.clock.agency = agency
        application.clock.save(update_fields=["agency"])
    application.agency = agency
    application.handler = handler
    application.state = target
    application.save()
    _audit(actor, application, "assign", before, note=f"承办人：{handler}")
    return application


@transaction.atomic
def start_inquiry(
    actor, application: Application, *, kind: str, party: str, on: date | None = None
) -> Notice:
    """征求第三方 (第三十二条) or 其他机关 (第三十四条) 意见: the clock pauses; 15 working days to answer."""
    application = _lock(application)
    target = _go(actor, application, "start_inquiry")
    on = on or _today()
    if kind not in PauseKind.values:
        raise ActionRefused("请选择征求意见的类型", field="kind")
    if not (party or "").strip():
        raise ActionRefused("请填写征求意见的对象", field="party")
    before = snapshot(application, FIELDS)
    clocks.pause_clock(actor, application.clock, on=on, note=f"{PauseKind(kind).label}：{party.strip()}")
    application.state_before_pause = application.state
    application.state = target
    application.pause_kind = kind
    application.inquiry_party = party.strip()
    application.inquiry_due_on = _add_workdays(on, INQUIRY_DAYS)
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
    on = on or _today()
    lapsed = application.inquiry_due_on and on > application.inquiry_due_on
    if lapsed:
        # The pause ends when the period lapses, not when someone notices.
        on = application.inquiry_due_on
        note = note or "征求意见期满未答复"
    before = snapshot(application, FIELDS)
    clocks.resume_clock(actor, application.clock, on=on, note=note or "收到意见")
    application.state = target
    application.state_before_pause = ""
    application.pause_kind = ""
    application.save()
    _audit(actor, application, "end_inquiry", before, note=note)
    return application


@transaction.atomic
def extend_application(
    actor, application: Application, *, days: int, approved_by: Staff, reason: str, on: date | None = None
) -> Notice:
    """延期答复 (条例第三十三条第二款): once, ≤ 20 working days, approved by the head of the office."""
    application = _lock(application)
    target = _go(actor, application, "extend")
    if (
        approved_by is None
        or not approved_by.has_role(Role.SIGNER)
        or approved_by.agency_id != application.agency_id
    ):
        raise ActionRefused("延期须经本机关政府信息公开工作机构负责人（审发人）同意", field="approved_by")
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ActionRefused("延长期限最长不得超过20个工作日", field="days")
    before = snapshot(application, FIELDS)
    clocks.extend_clock(
        actor, application.clock, days=days, approved_by=approved_by, reason=reason, on=on or _today()
    )
    application.state = target
    application.save()
    _audit(actor, application, "extend", before, note=f"延长{days}个工作日，{approved_by}同意：{reason}")
    status = application.clock.status()
    return _draft_notice(
        application,
        NoticeKind.EXTENSION,
        reason=reason.strip(),
        days=days,
        due=_zh(status.due_on),
        provisional=status.provisional,
    )


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
) -> Notice:
    """收费通知 (条例第四十二条, 国办函〔2020〕109号): the fee period is not counted."""
    application = _lock(application)
    target = _go(actor, application, "notify_fee")
    on = on or _today()
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
    clocks.pause_clock(actor, application.clock, on=on, note="发出收费通知，收费期间不计入答复期限")
    application.state_before_pause = application.state
    application.state = target
    application.fee_method = method
    application.fee_pages = pages
    application.fee_nth_in_month = nth
    application.fee_amount = amount
    application.fee_notified_on = on
    application.fee_due_on = _add_workdays(on, fee_payment_workdays())
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
    on = on or _today()
    if on > application.fee_due_on:
        raise ActionRefused(f"缴费期限{_zh(application.fee_due_on)}已过，应按逾期未缴费处理", field="on")
    before = snapshot(application, FIELDS)
    clocks.resume_clock(actor, application.clock, on=on, note="申请人已缴纳信息处理费")
    application.fee_paid_on = on
    application.state = target
    application.state_before_pause = ""
    application.save()
    _audit(actor, application, "record_payment", before)
    return application


@transaction.atomic
def lapse_fee(actor, application: Application, *, on: date | None = None) -> Application:
    """Unpaid by the deadline: 其他处理-2."""
    application = _lock(application)
    _go(actor, application, "lapse_fee")
    on = on or _today()
    if on <= application.fee_due_on:
        raise ActionRefused(f"缴费期限{_zh(application.fee_due_on)}尚未届满", field="on")
    notice, text = _close(
        actor,
        application,
        outcome="other_unpaid",
        on=on,
        values={"notified_on": _zh(application.fee_notified_on)},
    )
    _store_sent(actor, notice, text, on)
    _mail_applicant(application, notice.title, text)
    return application


# ---------------------------------------------------------------- 条例第三十五条


@transaction.atomic
def ask_reasons(actor, application: Application, *, on: date | None = None) -> Notice:
    application = _lock(application)
    target = _go(actor, application, "ask_reasons")
    on = on or _today()
    before = snapshot(application, FIELDS)
    clocks.pause_clock(actor, application.clock, on=on, note="要求申请人说明理由（条例第三十五条）")
    application.state_before_pause = application.state
    application.state = target
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
    on = on or _today()
    if not reasonable:
        notice, text = _close(
            actor, application, outcome="not_processed_excessive", on=on, values={}, note=note
        )
        _store_sent(actor, notice, text, on)
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
    application.state_before_pause = ""
    application.save()
    _audit(
        actor, application, "decide_reasons", before, note=f"理由合理，确定{days}个工作日的答复期限。{note}"
    )
    return application


# ---------------------------------------------------------------- reply


def _clean_withheld(withheld) -> list[dict]:
    out = []
    for item in withheld or ():
        part, reason = (item.get("part") or "").strip(), (item.get("reason") or "").strip()
        if part or reason:
            if not (part and reason):
                raise ActionRefused("不予公开的每一部分都应写明内容和理由", field="withheld")
            out.append({"part": part, "reason": reason})
    return out


@transaction.atomic
def draft_reply(actor, application: Application, *, outcome: str, values: dict, withheld=()) -> Reply:
    """A draft answer: the outcome (a row of 表三) and what its letter needs."""
    application = _lock(application)
    target = _go(actor, application, "draft_reply")
    if outcome not in OUTCOME_BY_CODE:
        raise ActionRefused("请选择答复类型", field="outcome")
    withheld = _clean_withheld(withheld)
    if outcome == "partial" and not withheld:
        raise ActionRefused("部分公开的，应列明不予公开的部分及理由（条例第三十七条）", field="withheld")
    values = {k: (v or "").strip() for k, v in values.items()}
    values = {"description": application.description, **{k: v for k, v in values.items() if v}}
    if withheld and "reason" not in values:
        values["reason"] = "；".join(f"{w['part']}：{w['reason']}" for w in withheld)
    if outcome == "unable_unclear" and application.correction_sent_on:
        values.setdefault("corrected_on", _zh(application.correction_sent_on))
    try:
        wording = render_letter(outcome, **values)
    except LetterWordingError as exc:
        raise ActionRefused(str(exc), field="values") from None
    before = snapshot(application, FIELDS)
    reply, _ = Reply.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "values": values,
            "withheld": withheld,
            "drafted_by": actor,
            "reviewed_by": None,
        },
    )
    application.notices.filter(kind=NoticeKind.REPLY, sent_on__isnull=True).delete()
    _draft_notice(application, NoticeKind.REPLY, outcome=outcome, wording=wording, withheld=withheld)
    application.state_before_pause = application.state
    application.state = target
    application.save()
    _audit(actor, application, "draft_reply", before, note=OUTCOME_BY_CODE[outcome].full_label)
    return reply


@transaction.atomic
def review_reply(actor, application: Application, *, note: str = "") -> Reply:
    application = _lock(application)
    target = _go(actor, application, "review_reply")
    before = snapshot(application, FIELDS)
    reply = application.reply
    reply.reviewed_by = actor
    reply.review_note = note.strip()
    reply.save()
    application.state = target
    application.save()
    _audit(actor, application, "review_reply", before, note=note)
    return reply


@transaction.atomic
def return_reply(actor, application: Application, *, note: str) -> Application:
    application = _lock(application)
    target = _go(actor, application, "return_reply")
    if not (note or "").strip():
        raise ActionRefused("退回修改须写明意见", field="note")
    before = snapshot(application, FIELDS)
    application.state = target
    application.state_before_pause = ""
    application.save()
    reply = application.reply
    reply.review_note = note.strip()
    reply.reviewed_by = None
    reply.save()
    _audit(actor, application, "return_reply", before, note=note)
    return application


@transaction.atomic
def send_reply(actor, application: Application, *, text: str | None = None, on: date | None = None) -> Notice:
    """答复: the reviewed letter (as edited) goes out; the case closes with its outcome."""
    application = _lock(application)
    _go(actor, application, "send_reply")
    on = on or _today()
    reply = application.reply
    notice, default_text = _close(
        actor, application, outcome=reply.outcome, on=on, values=reply.values, withheld=reply.withheld
    )
    current = notice.text or default_text
    final = current if text is None else text
    if not final.strip():
        raise ActionRefused("答复告知书正文不能为空", field="text")
    _store_sent(actor, notice, final, on)
    _mail_applicant(application, notice.title, notice.text)
    return notice


@transaction.atomic
def archive_application(actor, application: Application) -> Application:
    application = _lock(application)
    target = _go(actor, application, "archive")
    before = snapshot(application, FIELDS)
    application.state = target
    application.save()
    _audit(actor, application, "archive", before)
    return application


# ---------------------------------------------------------------- supervision, appeals, personal data


@transaction.atomic
def supervise_application(
    actor, application: Application, *, note: str, on: date | None = None
) -> Supervision:
    """督办 by the supervising office; recorded on the case and sent to its handler."""
    _check_scope(actor, application)
    if not (actor.is_superuser or actor.is_supervisor):
        raise ActionRefused("督办需要主管部门角色")
    if application.is_closed:
        raise ActionRefused("申请已办结，无需督办")
    if not (note or "").strip():
        raise ActionRefused("请填写督办意见", field="note")
    supervision = Supervision.objects.create(
        application=application, issued_by=actor, issued_on=on or _today(), note=note.strip()
    )
    _audit(actor, application, "supervise", None, note=note.strip())
    handler_email = application.handler.email if application.handler_id else ""
    if handler_email:
        queue_mail(f"督办：政府信息公开申请 {application.receipt_code}", note, [handler_email])
    return supervision


@transaction.atomic
def record_appeal(
    actor,
    application: Application,
    *,
    kind: str,
    filed_on: date,
    result: str = AppealResult.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> Appeal:
    """行政复议 / 行政诉讼 against the reply (表四)."""
    _check_scope(actor, application)
    if kind not in AppealKind.values:
        raise ActionRefused("请选择案件类型", field="kind")
    if result not in AppealResult.values:
        raise ActionRefused("请选择结果", field="result")
    _date(filed_on, "提起日期", "filed_on")
    if result == AppealResult.PENDING and decided_on:
        raise ActionRefused("尚未审结的案件不应填写审结日期", field="decided_on")
    if result != AppealResult.PENDING and not decided_on:
        raise ActionRefused("已审结的案件请填写审结日期", field="decided_on")
    if decided_on and decided_on < filed_on:
        raise ActionRefused("审结日期不能早于提起日期", field="decided_on")
    appeal = Appeal.objects.create(
        application=application,
        kind=kind,
        filed_on=filed_on,
        result=result,
        decided_on=decided_on,
        note=note.strip(),
    )
    record_audit(
        actor=actor,
        action="applications.appeal.record",
        target=appeal,
        agency=application.agency,
        after=snapshot(appeal, ["kind", "filed_on", "result", "decided_on"]),
    )
    return appeal


@transaction.atomic
def decide_appeal(actor, appeal: Appeal, *, result: str, decided_on: date) -> Appeal:
    _check_scope(actor, appeal.application)
    if result not in AppealResult.values or result == AppealResult.PENDING:
        raise ActionRefused("请选择审结结果", field="result")
    _date(decided_on, "审结日期", "decided_on")
    if decided_on < appeal.filed_on:
        raise ActionRefused("审结日期不能早于提起日期", field="decided_on")
    before = snapshot(appeal, ["result", "decided_on"])
    appeal.result, appeal.decided_on = result, decided_on
    appeal.save()
    record_audit(
        actor=actor,
        action="applications.appeal.decide",
        target=appeal,
        agency=appeal.application.agency,
        before=before,
        after=snapshot(appeal, ["result", "decided_on"]),
    )
    return appeal


@transaction.atomic
def reveal_applicant(actor, application: Application, *, reason: str) -> Applicant:
    """Show the applicant's personal data in full to staff handling the case; always audited."""
    if not can_handle(actor, application):
        raise ActionRefused("只有承办该申请的工作人员可以查看申请人的完整个人信息")
    if not (reason or "").strip():
        raise ActionRefused("请填写查看事由", field="reason")
    RevealLog.objects.create(application=application, staff=actor, reason=reason.strip()[:200])
    record_audit(
        actor=actor,
        action="applications.applicant.reveal",
        target=application,
        agency=application.agency,
        note=f"查看申请人完整个人信息：{reason.strip()}",
    )
    return Applicant.objects.get(application=application)


@transaction.atomic
def propose_proactive_disclosure(actor, application: Application, *, title: str = ""):
    """条例第四十四条: information many applicants ask for becomes a proactive-disclosure draft
    in the publishing workflow (it goes through 初审、审核、审发 and 保密审查 there)."""
    from gongkai.publishing.actions import create_document

    _check_scope(actor, application)
    if application.outcome not in ("disclose", "partial"):
        raise ActionRefused("只有予以公开或部分公开的答复可以转为主动公开")
    reply = getattr(application, "reply", None)
    # From the recorded outcome, not the sent letter: the letter is addressed to a person.
    wording = render_letter(reply.outcome, **reply.values) if reply else ""
    body = (
        f"<p>申请内容：{application.description}</p>"
        f"<p>本信息经依申请公开答复（查询码 {application.receipt_code}），"
        "因多个申请人申请公开，依据《中华人民共和国政府信息公开条例》第四十四条纳入主动公开范围。</p>"
        f"<p>{wording}</p>"
    )
    document = create_document(
        actor, title=(title or application.description).strip()[:200], agency=application.agency, body=body
    )
    _audit(actor, application, "propose_disclosure", None, note=f"转为主动公开草稿：{document.pk}")
    return document


@transaction.atomic
def release_redacted(actor, application: Application, *, title: str, text: str, redactions: list[dict]):
    """The released copy of a document with the withheld passages masked, each with its reason."""
    from .models import Release
    from .redaction import Redaction, RedactionError, redact

    _check_scope(actor, application)
    if not actor.has_role(Role.CLERK) and not actor.is_superuser:
        raise ActionRefused("制作公开文本需要信息公开工作人员角色")
    if application.is_closed:
        raise ActionRefused("申请已办结，不能再添加公开材料")
    if not (title or "").strip() or not (text or "").strip():
        raise ActionRefused("请填写材料名称和原文", field="text")
    items = [Redaction(r.get("part", ""), r.get("reason", "")) for r in redactions]
    try:
        redacted, counts = redact(text, items)
    except RedactionError as exc:
        raise ActionRefused(str(exc), field="redactions") from None
    reasons = "\n".join(f"{i}. 遮盖{n}处，理由：{r.reason}" for i, (r, n) in enumerate(counts, 1))
    data = notices.build_docx(
        title=title.strip(),
        number="",
        text=redacted + ("\n遮盖说明：\n" + reasons if reasons else ""),
        agency_name=application.agency.name,
        on=_today(),
    )
    release = Release(
        application=application,
        title=title.strip(),
        original=text,
        redactions=[{"part": r.passage, "reason": r.reason, "count": n} for r, n in counts],
        created_by=actor,
    )
    release.file.save(f"released-{secrets.token_hex(4)}.docx", ContentFile(data), save=False)
    release.save()
    _audit(actor, application, "release", None, note=f"{release.title}：遮盖{sum(n for _, n in counts)}处")
    return release
