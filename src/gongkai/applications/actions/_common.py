"""What every stage of an application shares: the periods of 条例第三十条至第三十五条, today, the
workflow check, the audit row, and drafting, sending and mailing notices."""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.dates import zh_date
from gongkai.common.errors import ActionRefused
from gongkai.common.mail import queue_mail
from gongkai.common.numbering import agency_code, document_number
from gongkai.workdays.services import current_calendar

from .. import notices
from ..models import Application, Notice, NoticeCounter
from ..workflow import APPLICATIONS

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
    return settings.GONGKAI_CORRECTION_WORKDAYS


def fee_payment_workdays() -> int:
    return settings.GONGKAI_FEE_PAYMENT_WORKDAYS


def _today() -> date:
    return timezone.localdate()


_zh = zh_date  # what the notices and refusals of every stage print dates with


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
    """Check the workflow table (roles, state, scope); the state the action leads to."""
    transition = APPLICATIONS.check(actor, application, action)
    return APPLICATIONS.target(application, transition)


def _audit(actor, application: Application, action: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"applications.application.{action}",
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


# 《政府信息公开条例》(国务院令第492号) came into force on this day: no case is older.
EARLIEST_DAY = date(2008, 5, 1)


def _day(value, what: str, field: str = "on", *, default_today: bool = True) -> date:
    """A date that happened: today when omitted, never in the future, never before the first
    条例 (a typo such as 1800-01-01 or 2062 must not start or stop a statutory clock)."""
    if value is None and default_today:
        value = _today()
    _date(value, what, field)
    if value > _today():
        raise ActionRefused(f"{what}不能晚于今天", field=field)
    if value < EARLIEST_DAY:
        raise ActionRefused(f"{what}不能早于{_zh(EARLIEST_DAY)}（《政府信息公开条例》施行之日）", field=field)
    return value


def can_handle(actor, application: Application) -> bool:
    """Staff handling the application: its handler, or its agency's clerks, reviewers and signers."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if application.handler_id == actor.pk:
        return True
    return actor.agency_id == application.agency_id and actor.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER)


# ---------------------------------------------------------------- notices


# The one-character word of each kind in a 文书编号 ({类别} of the pattern): 示财依复〔2026〕3号.
KIND_WORDS = {
    "acceptance": "受",
    "correction": "补",
    "extension": "延",
    "third_party": "征",
    "agency": "征",
    "fee": "费",
    "reasons": "说",
    "reply": "复",
}


def _next_number(application: Application, kind: str, on: date) -> str:
    """The next 文书编号 of `kind` at the application's agency for the year of `on`.

    The sequence is a locked counter row per agency, year and kind (like publishing's
    IndexCounter), so two notices sent at once never share a number."""
    agency = application.agency
    NoticeCounter.objects.get_or_create(agency=agency, year=on.year, kind=kind)
    counter = NoticeCounter.objects.select_for_update().get(agency=agency, year=on.year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return document_number(
        agency.notice_number_pattern or settings.GONGKAI_NOTICE_NUMBER_PATTERN,
        code=agency_code(agency.doc_prefixes, agency.short_name or agency.name),
        kind_word=KIND_WORDS.get(kind, ""),
        year=on.year,
        n=counter.last,
    )


def _draft_notice(application: Application, kind: str, *, outcome: str = "", **context) -> Notice:
    title, text = notices.draft(kind, application, **context)
    return Notice.objects.create(
        application=application,
        kind=kind,
        outcome=outcome,
        title=title,
        text=text,
    )


def _store_sent(actor, notice: Notice, text: str, on: date) -> Notice:
    notice.text = text.strip()
    notice.sent_on = on
    notice.sent_by = actor
    if not notice.number:  # numbered when issued, so drafts never sent leave no gaps
        notice.number = _next_number(notice.application, notice.kind, on)
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


def _mail_applicant(application: Application, subject: str, body: str) -> None:
    email = application.applicant.email if hasattr(application, "applicant") else ""
    if not email:
        return
    queue_mail(f"{subject}（{application.receipt_code}）", body, [email])
