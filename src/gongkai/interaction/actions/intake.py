"""Receiving a message: submitted on the portal, entered by a hotline operator, or arriving as a
12345 platform ticket; the mailboxes they are addressed to.

Every message gets its reply clock at once (from the day it is received, on the working-day
clock), so that even one still waiting to be dispatched shows as due soon or overdue. The office's
dispatch time is part of the writer's wait and is counted.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import crypto
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import clean_text, normalise_phone, phone_problem

from ..models import (
    FORWARDED_CHANNELS,
    Channel,
    Kind,
    Mailbox,
    MailboxKind,
    Message,
    MessageAttachment,
    PublicStatus,
)
from ..queries import phone_hash
from ._common import (
    SUBJECT_MAX,
    _audit,
    _now,
    _start_clock,
    _text,
    office_for,
    phone_last4,
    unique_receipt_code,
)

NAME_MAX = 50
MAILBOX_FIELDS = ["agency", "name", "kind", "intro", "is_active", "order"]

# ---------------------------------------------------------------- mailboxes


@transaction.atomic
def create_mailbox(
    actor, *, agency: Agency, name: str, kind: str, intro: str = "", order: int = 0, is_active: bool = True
) -> Mailbox:
    if agency is None:
        raise ActionRefused("请选择信箱所属机关", field="agency")
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN, Role.SUPERVISOR)):
        raise ActionRefused("新增信箱需要系统管理员或主管部门角色")
    if actor is not None and not can_see_agency(actor, agency):
        raise ActionRefused("该机关不在您的工作范围内", field="agency")
    name = _text(name, "信箱名称", "name", limit=60)
    if kind not in MailboxKind.values:
        raise ActionRefused("请选择信箱类型", field="kind")
    if Mailbox.objects.filter(name=name).exists():
        raise ActionRefused(f"已有名为“{name}”的信箱", field="name")
    mailbox = Mailbox.objects.create(
        agency=agency, name=name, kind=kind, intro=(intro or "").strip(), order=order, is_active=is_active
    )
    record_audit(
        actor=actor,
        action="interaction.mailbox.create",
        target=mailbox,
        agency=agency,
        after=snapshot(mailbox, MAILBOX_FIELDS),
    )
    return mailbox


def mailbox_name(agency: Agency) -> str:
    """县长信箱 for a county government, 镇长信箱 for a township, 县财政局信箱 for a department."""
    from gongkai.agencies.models import Kind as AgencyKind
    from gongkai.agencies.models import Level

    if agency.kind == AgencyKind.GOVERNMENT:
        leader = {
            Level.PROVINCE: "省长",
            Level.CITY: "市长",
            Level.COUNTY: "县长",
            Level.TOWNSHIP: "镇长" if agency.name.endswith("镇人民政府") else "乡长",
        }[agency.level]
        return f"{leader}信箱"
    return f"{agency.display_name}信箱"


@transaction.atomic
def ensure_mailboxes(actor, government: Agency) -> list[Mailbox]:
    """One leader mailbox for `government` and one per department below it (not below its
    sub-governments); those that exist are kept. Returns the mailboxes created."""
    from gongkai.agencies.models import Kind as AgencyKind

    created = []
    existing = set(Mailbox.objects.values_list("agency_id", flat=True))
    candidates = [government] + [
        a
        for a in government.children.filter(is_active=True).order_by("sort_order", "path")
        if a.kind != AgencyKind.GOVERNMENT and a.supervises_id is None
    ]
    for order, agency in enumerate(candidates):
        if agency.pk in existing:
            continue
        kind = MailboxKind.LEADER if agency.pk == government.pk else MailboxKind.DEPARTMENT
        name = mailbox_name(agency)
        if kind == MailboxKind.LEADER and government.level != "county":
            name = f"{agency.display_name}{name}" if not name.startswith(agency.display_name) else name
        if Mailbox.objects.filter(name=name).exists():
            name = f"{agency.name}{name[-2:]}"
        created.append(
            create_mailbox(
                actor,
                agency=agency,
                name=name,
                kind=kind,
                intro=f"向{agency.name}反映问题、提出咨询、建议、投诉或求助。",
                order=order,
            )
        )
    return created


# ---------------------------------------------------------------- the writer


def _writer(name: str, phone: str, email: str = "") -> tuple[str, str, str]:
    name = _text(clean_text(name), "姓名", "writer_name", limit=NAME_MAX)
    phone = normalise_phone(phone)
    if not phone:
        raise ActionRefused("请填写联系电话", field="writer_phone")
    problem = phone_problem(phone)
    if problem:
        raise ActionRefused(problem, field="writer_phone")
    email = (email or "").strip()
    if email and ("@" not in email or len(email) > 254):
        raise ActionRefused("电子邮箱格式不正确", field="writer_email")
    return name, phone, email


def _content(kind: str, subject: str, body: str) -> tuple[str, str]:
    if kind not in Kind.values:
        raise ActionRefused("请选择留言类型（咨询、建议、投诉或求助）", field="kind")
    subject = _text(clean_text(subject), "留言主题", "subject", limit=SUBJECT_MAX)
    body = _text(clean_text(body), "留言内容", "body")
    return subject, body


def flagged_words_in(*texts: str) -> list[str]:
    """The active forbidden words (publishing's list) found in the texts."""
    from gongkai.publishing.actions import forbidden_words

    joined = "\n".join(texts)
    return [w for w in dict.fromkeys(forbidden_words()) if w and w in joined]


def _create(
    actor,
    *,
    mailbox: Mailbox,
    kind: str,
    channel: str,
    subject: str,
    body: str,
    writer: tuple[str, str, str],
    public_consent: bool,
    submitted_at: datetime,
    **extra,
) -> Message:
    from django.utils import timezone

    name, phone, email = writer
    code = unique_receipt_code()
    words = flagged_words_in(subject, body)
    message = Message(
        mailbox=mailbox,
        office=office_for(mailbox.agency),
        kind=kind,
        channel=channel,
        subject=subject,
        body=body,
        writer_name=name,
        writer_phone=phone,
        writer_email=email,
        phone_last4_hash=phone_hash(code, phone_last4(phone)),
        public_consent=bool(public_consent),
        receipt_code=code,
        submitted_at=submitted_at,
        received_on=timezone.localdate(submitted_at),
        flagged_words="、".join(words),
        public_status=PublicStatus.IN_PROGRESS if public_consent else PublicStatus.HIDDEN,
        **extra,
    )
    _start_clock(message, message.office, message.received_on)
    message.save()
    from ..masking import refresh_masked_question
    from ..signatures import remember_text

    refresh_masked_question(message)
    remember_text(message)  # for routing suggestions and prompt letters
    return message


def _mailbox(mailbox: Mailbox | None) -> Mailbox:
    if mailbox is None or not mailbox.pk or not mailbox.is_active:
        raise ActionRefused("请选择信箱", field="mailbox")
    return mailbox


def _submission_key(idempotency_key: str) -> str:
    return crypto.lookup_hash("message-submission", idempotency_key)


def submitted_message(idempotency_key: str) -> Message | None:
    """The message a portal form with this key already made, or None."""
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    return (
        Message.objects.select_related("mailbox")
        .filter(idempotency_key=_submission_key(idempotency_key))
        .first()
    )


def submit_message(
    *,
    mailbox: Mailbox,
    kind: str,
    subject: str,
    body: str,
    writer_name: str,
    writer_phone: str,
    writer_email: str = "",
    public_consent: bool = False,
    idempotency_key: str,
    attachments=(),
) -> tuple[Message, bool]:
    """A message from the portal. Submitting the same form again (same `idempotency_key`, e.g. a
    second click or Back + resubmit) returns the first message and False; nothing new is created.

    The stored key is a keyed hash of the form's key, so the key itself never sits in the
    database. Rate limits, the honeypot and the check of the attachments' content are the portal
    view's business; the files (`attachments`, uploaded files) are saved with the message."""
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    existing = submitted_message(idempotency_key)
    if existing is not None:
        return existing, False
    stored_key = _submission_key(idempotency_key)
    mailbox = _mailbox(mailbox)
    subject, body = _content(kind, subject, body)
    writer = _writer(writer_name, writer_phone, writer_email)
    try:
        with transaction.atomic():
            message = _create(
                None,
                mailbox=mailbox,
                kind=kind,
                channel=Channel.WEB,
                subject=subject,
                body=body,
                writer=writer,
                public_consent=public_consent,
                submitted_at=_now(),
                idempotency_key=stored_key,
            )
            for upload in attachments:
                MessageAttachment.objects.create(
                    message=message, file=upload, name=upload.name[:200], size=upload.size
                )
            note = f"{mailbox.name}，网站留言" + (f"，附件{len(attachments)}个" if attachments else "")
            _audit(None, message, "submit", None, note=note)
    except IntegrityError:
        # A concurrent resend won the race on the unique key: that one is the message.
        existing = Message.objects.filter(idempotency_key=stored_key).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def register_hotline_call(
    actor: Staff,
    *,
    mailbox: Mailbox,
    kind: str,
    subject: str,
    summary: str,
    caller_name: str,
    caller_number: str,
    call_time: datetime,
    callback_phone: str = "",
    public_consent: bool = False,
    idempotency_key: str | None = None,
) -> tuple[Message, bool]:
    """A call to the hotline, entered by the operator (`actor`) into the same queue: the operator's
    summary is the message's text; the caller number is kept (encrypted) beside the phone the
    caller wants to be called back on (the caller number when not given)."""
    if actor is None or not (
        actor.is_superuser or actor.has_role(Role.CLERK, Role.SUPERVISOR, Role.RESPONDER)
    ):
        raise ActionRefused("登记热线来电需要信息公开工作人员、网络回应人或主管部门角色")
    if idempotency_key:
        stored_key = crypto.lookup_hash("hotline", idempotency_key)
        existing = Message.objects.filter(idempotency_key=stored_key).first()
        if existing is not None:
            return existing, False
    else:
        stored_key = None
    if not isinstance(call_time, datetime):
        raise ActionRefused("请填写来电时间", field="call_time")
    if call_time > _now():
        raise ActionRefused("来电时间不能晚于现在", field="call_time")
    mailbox = _mailbox(mailbox)
    subject, body = _content(kind, subject, summary)
    caller = normalise_phone(caller_number)
    if not caller:
        raise ActionRefused("请填写来电号码", field="caller_number")
    writer = _writer(caller_name, callback_phone or caller)
    with transaction.atomic():
        message = _create(
            actor,
            mailbox=mailbox,
            kind=kind,
            channel=Channel.HOTLINE,
            subject=subject,
            body=body,
            writer=writer,
            public_consent=public_consent,
            submitted_at=call_time,
            caller_number=caller,
            call_time=call_time,
            operator=actor,
            idempotency_key=stored_key,
        )
        _audit(actor, message, "register_call", None, note=f"热线来电，{mailbox.name}")
    return message, True


def receive_ticket(
    actor: Staff | None,
    *,
    external_ticket_id: str,
    mailbox: Mailbox,
    kind: str,
    subject: str,
    body: str,
    writer_name: str,
    writer_phone: str,
    submitted_at: datetime,
    public_consent: bool = False,
) -> tuple[Message, bool]:
    """A ticket pushed by the 12345 platform; the same `external_ticket_id` again returns the
    first message and False (the platform retries)."""
    ticket = (external_ticket_id or "").strip()
    if not ticket or len(ticket) > 64:
        raise ActionRefused("工单号不能为空，且不超过64个字符", field="external_ticket_id")
    existing = Message.objects.filter(external_ticket_id=ticket).first()
    if existing is not None:
        return existing, False
    if not isinstance(submitted_at, datetime):
        raise ActionRefused("请提供工单时间", field="submitted_at")
    mailbox = _mailbox(mailbox)
    subject, body = _content(kind, subject, body)
    writer = _writer(writer_name, writer_phone)
    try:
        with transaction.atomic():
            message = _create(
                actor,
                mailbox=mailbox,
                kind=kind,
                channel=Channel.PLATFORM_12345,
                subject=subject,
                body=body,
                writer=writer,
                public_consent=public_consent,
                submitted_at=min(submitted_at, _now()),
                external_ticket_id=ticket,
            )
            _audit(actor, message, "receive_ticket", None, note=f"12345平台工单 {ticket}")
    except IntegrityError:
        existing = Message.objects.filter(external_ticket_id=ticket).first()
        if existing is None:
            raise
        return existing, False
    return message, True


def _forwarding_key(idempotency_key: str) -> str:
    return crypto.lookup_hash("message-forwarded", idempotency_key)


def receive_forwarded(
    actor: Staff | None,
    *,
    channel: str,
    idempotency_key: str,
    agency: Agency,
    kind: str,
    subject: str,
    body: str,
    writer_name: str,
    writer_phone: str,
    submitted_at: datetime,
    note: str = "",
) -> tuple[Message, bool]:
    """A message another part of the site received first (an online interview's question left
    unanswered), addressed to `agency`'s mailbox or, without one, to the nearest mailbox above it.
    The same `idempotency_key` again returns the first message and False: forwarding twice
    creates nothing new. Its reply clock starts from the day it is forwarded."""
    if channel not in FORWARDED_CHANNELS:
        raise ActionRefused("不支持的留言来源", field="channel")
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("缺少转办标识", field="idempotency_key")
    stored_key = _forwarding_key(idempotency_key)
    existing = Message.objects.filter(idempotency_key=stored_key).first()
    if existing is not None:
        return existing, False
    chain = [agency, *sorted(agency.ancestors(), key=lambda a: -len(a.path))]
    boxes = {b.agency_id: b for b in Mailbox.objects.filter(agency__in=chain, is_active=True)}
    mailbox = next((boxes[a.pk] for a in chain if a.pk in boxes), None)
    if mailbox is None:
        raise ActionRefused(f"{agency}及其上级机关都没有启用的信箱，无法转为留言", field="agency")
    subject, body = _content(kind, subject, body)
    writer = _writer(writer_name, writer_phone)
    try:
        with transaction.atomic():
            message = _create(
                actor,
                mailbox=mailbox,
                kind=kind,
                channel=channel,
                subject=subject,
                body=body,
                writer=writer,
                public_consent=False,
                submitted_at=min(submitted_at, _now()),
                idempotency_key=stored_key,
            )
            label = Channel(channel).label
            _audit(actor, message, "receive_forwarded", None, note=note or f"{label}转来，{mailbox.name}")
    except IntegrityError:
        existing = Message.objects.filter(idempotency_key=stored_key).first()
        if existing is None:
            raise
        return existing, False
    return message, True
