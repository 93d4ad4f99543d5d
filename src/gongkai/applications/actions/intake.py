"""Receiving an application: submitted online, registered by staff, confirmed, assigned; the applicant's data."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import (
    IdType,
    clean_text,
    credit_code_problem,
    identity_document_problem,
    normalise_identity,
    phone_problem,
)
from gongkai.workdays import actions as clocks

from .. import crypto
from ..models import (
    Applicant,
    ApplicantKind,
    Application,
    Attachment,
    Channel,
    Delivery,
    FormWanted,
    NoticeKind,
    RevealLog,
    State,
)
from ..receipt import ReceiptDateError, receipt_date
from . import _common
from ._common import (
    ANSWER_DAYS,
    FIELDS,
    MAX_EXTENSION_DAYS,
    _audit,
    _day,
    _draft_notice,
    _go,
    _lock,
    _zh,
    can_handle,
    new_receipt_code,
    phone_last4,
)

# ---------------------------------------------------------------- applicant data


def check_applicant(
    *, kind: str, name: str, identity_number: str, phone: str, identity_type: str = IdType.RESIDENT_ID
) -> str:
    """Validate the applicant of 条例第二十九条; the normalised identity number.

    The public form checks the same things first so that it can show every error at once; this
    check stands for every other caller (staff registration, imports, tests)."""
    if kind not in ApplicantKind.values:
        raise ActionRefused("请选择申请人类型", field="applicant_kind")
    if not (name or "").strip():
        raise ActionRefused("请填写申请人姓名或名称（条例第二十九条）", field="name")
    number = normalise_identity(identity_number)
    if kind == ApplicantKind.natural:
        problem = identity_document_problem(identity_type or IdType.RESIDENT_ID, number)
    else:
        problem = credit_code_problem(number)
    if problem:
        raise ActionRefused(problem, field="identity_number")
    problem = phone_problem(phone)
    if problem:
        raise ActionRefused(problem, field="phone")
    return number


def _identity_scope(kind: str, identity_type: str) -> str:
    # "id" and "org" were the only scopes before other documents were accepted; kept so that the
    # hashes stored earlier still match (fees count one applicant's applications by it).
    if kind != ApplicantKind.natural:
        return "org"
    return "id" if identity_type == IdType.RESIDENT_ID else identity_type


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
    applicant = {k: clean_text(v).strip() if isinstance(v, str) else v for k, v in applicant.items()}
    kind = applicant.pop("kind")
    identity_type = (
        (applicant.pop("identity_type", "") or IdType.RESIDENT_ID) if kind == ApplicantKind.natural else ""
    )
    number = check_applicant(
        kind=kind,
        name=applicant["name"],
        identity_number=applicant["identity_number"],
        phone=applicant["phone"],
        identity_type=identity_type,
    )
    request = {k: clean_text(v).strip() if isinstance(v, str) else v for k, v in request.items()}
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
        identity_hash=crypto.lookup_hash(_identity_scope(kind, identity_type), number),
        content_hash=content_fingerprint(
            agency, applicant | {"kind": kind, "identity_number": number}, request
        )
        if channel == Channel.ONLINE
        else "",
        **dates,
    )
    application.save()
    Applicant.objects.create(
        application=application,
        name=applicant["name"].strip(),
        identity_type=identity_type,
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


def content_fingerprint(agency: Agency, applicant: dict, request: dict) -> str:
    """A keyed hash of who asks which agency for what, and how: equal for a resubmitted form.

    Whitespace and invisible characters do not count, so a text pasted again still matches."""

    def norm(value) -> str:
        return "".join(clean_text(str(value or ""), compatibility=True).split())

    parts = [
        "content",
        str(agency.pk),
        norm(applicant.get("kind")),
        norm(applicant.get("identity_number")),
        norm(applicant.get("name")),
        norm(applicant.get("phone")),
        *(norm(request.get(k)) for k in ("description", "doc_number", "form_wanted", "delivery")),
    ]
    return crypto.lookup_hash(*parts)


def _fingerprint_of(agency: Agency, applicant: dict, request: dict) -> str:
    number = normalise_identity(applicant.get("identity_number", ""))
    return content_fingerprint(agency, applicant | {"identity_number": number}, request)


def _recent_duplicate(fingerprint: str) -> Application | None:
    minutes = settings.GONGKAI_APPLICATION_RESUBMIT_MINUTES
    if not minutes:
        return None
    since = timezone.now() - timedelta(minutes=minutes)
    return (
        Application.objects.filter(content_hash=fingerprint, channel=Channel.ONLINE, created_at__gte=since)
        .order_by("created_at", "pk")
        .first()
    )


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
    False; nothing new is created. So does submitting the same content (same agency, applicant,
    request) again within GONGKAI_APPLICATION_RESUBMIT_MINUTES under another key: a page reloaded
    after Back, a second tab.
    """
    if not idempotency_key or len(idempotency_key) > 64:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    if agency is None or not agency.pk:
        raise ActionRefused("请选择受理申请的机关", field="agency")
    fingerprint = _fingerprint_of(agency, applicant, request)
    # The stored key binds the form's key to its content: the same form resent is the first
    # application, but a form reopened with Back and changed into another request is a new one.
    idempotency_key = crypto.lookup_hash("submission", idempotency_key, fingerprint)
    existing = Application.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            # Serialise submissions to one agency so that two resubmissions racing each other
            # cannot both miss the duplicate check (PostgreSQL; SQLite writes one at a time).
            Agency.objects.select_for_update().filter(pk=agency.pk).first()
            duplicate = _recent_duplicate(fingerprint)
            if duplicate is not None:
                return duplicate, False
            application = _create(
                None,
                agency=agency,
                channel=Channel.ONLINE,
                applicant=applicant,
                request=request,
                dates={"submitted_on": submitted_on or _common._today()},
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
    for field, what, value in (
        ("submitted_on", "提交日期", submitted_on),
        ("signed_on", "签收日期", signed_on),
        ("confirmed_on", "确认日期", confirmed_on),
    ):
        if value is not None:
            _day(value, what, field)
    try:
        received = receipt_date(
            channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
        )
    except ReceiptDateError as exc:
        raise ActionRefused(str(exc), field="received") from None
    if received > _common._today():
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
    confirmed_on = _day(confirmed_on, "确认日期", "confirmed_on")
    if application.submitted_on and confirmed_on < application.submitted_on:
        raise ActionRefused("确认日期不能早于申请提交日期", field="confirmed_on")
    application.confirmed_on = confirmed_on
    received = receipt_date(
        application.channel, confirmed_on=confirmed_on, submitted_on=application.submitted_on
    )
    _accept(actor, application, received)
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
        clocks.move_clock(actor, application.clock, agency=agency, note=f"申请改派至{agency.name}")
    application.agency = agency
    application.handler = handler
    application.state = target
    application.save()
    _audit(actor, application, "assign", before, note=f"承办人：{handler}")
    return application


# ---------------------------------------------------------------- personal data


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
