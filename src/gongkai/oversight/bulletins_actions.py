"""Every write of 通报, 整改 and 特邀监督员 feedback: atomic, checked, audited."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import crypto
from gongkai.common.errors import ActionRefused
from gongkai.common.filetypes import RefusedFile, identify
from gongkai.common.inputs import checked_text
from gongkai.common.submission import fingerprint
from gongkai.workdays.services import current_calendar

from .bulletins_workflow import BULLETINS, acts_for_issuer
from .models import (
    Bulletin,
    BulletinEntry,
    ExternalSupervisor,
    Feedback,
    FeedbackLink,
    Rectification,
    RectificationState,
)

BULLETIN_FIELDS = ["title", "number", "issued_on", "preface", "closing", "state", "return_reason"]
ENTRY_FIELDS = ["agency", "kind", "finding", "position"]
RECT_FIELDS = ["state", "measures", "done_on", "attachment_name", "return_reason", "due_on"]
TEXT_MAX = 5000
ATTACHMENT_KINDS = {"pdf", "docx", "doc", "png", "jpeg", "ofd", "xlsx", "xls"}
ATTACHMENT_MAX = 20 * 1024 * 1024


def _audit(actor, action: str, target, agency, before, fields, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=action,
        target=target,
        agency=agency,
        before=before,
        after=snapshot(target, fields),
        note=note,
    )


def scope_root(agency: Agency) -> Agency:
    """The subtree a bulletin of `agency` may name: the government a supervising office oversees."""
    return agency.supervises or agency


def _lock(bulletin: Bulletin) -> Bulletin:
    return Bulletin.objects.select_for_update(of=("self",)).select_related("agency").get(pk=bulletin.pk)


# --- the bulletin --------------------------------------------------------------------------------


def _check_drafter(actor, agency: Agency) -> None:
    if actor is None or actor.is_superuser:
        return
    if not actor.has_role(Role.CLERK, Role.SUPERVISOR):
        raise ActionRefused("起草通报需要以下角色之一：信息公开工作人员、主管部门")
    if actor.agency_id != agency.pk:
        raise ActionRefused(f"您不能以{agency}的名义起草通报", field="agency")


def _fields(title, number, issued_on, preface, closing) -> dict:
    return {
        "title": checked_text(title, "标题", "title", limit=200),
        "number": checked_text(number, "文号", "number", limit=60, required=False),
        "issued_on": issued_on or None,
        "preface": checked_text(preface, "开头", "preface", required=False, limit=TEXT_MAX),
        "closing": checked_text(closing, "整改要求", "closing", required=False, limit=TEXT_MAX),
    }


@transaction.atomic
def create_bulletin(
    actor, *, agency: Agency, title: Any, number: Any = "", issued_on: date | None = None,
    preface: Any = "", closing: Any = "",
) -> Bulletin:  # fmt: skip
    _check_drafter(actor, agency)
    bulletin = Bulletin.objects.create(
        agency=agency,
        created_by=actor if getattr(actor, "pk", None) else None,
        rectify_workdays=settings.GONGKAI_RECTIFICATION_WORKDAYS,
        **_fields(title, number, issued_on, preface, closing),
    )
    _audit(actor, "oversight.bulletin.create", bulletin, agency, None, BULLETIN_FIELDS)
    return bulletin


def _check_editable(actor, bulletin: Bulletin) -> None:
    if not bulletin.editable:
        raise ActionRefused(f"通报当前状态为“{bulletin.get_state_display()}”，不能修改（仅草稿或退回时可以）")
    _check_drafter(actor, bulletin.agency)


@transaction.atomic
def update_bulletin(
    actor, bulletin: Bulletin, *, title: Any, number: Any = "", issued_on: date | None = None,
    preface: Any = "", closing: Any = "",
) -> Bulletin:  # fmt: skip
    bulletin = _lock(bulletin)
    _check_editable(actor, bulletin)
    before = snapshot(bulletin, BULLETIN_FIELDS)
    for name, value in _fields(title, number, issued_on, preface, closing).items():
        setattr(bulletin, name, value)
    bulletin.save()
    _audit(actor, "oversight.bulletin.update", bulletin, bulletin.agency, before, BULLETIN_FIELDS)
    return bulletin


@transaction.atomic
def add_entry(actor, bulletin: Bulletin, *, agency: Agency, kind: str, finding: Any) -> BulletinEntry:
    bulletin = _lock(bulletin)
    _check_editable(actor, bulletin)
    if kind not in BulletinEntry.Kind.values:
        raise ActionRefused("请选择表扬或批评", field="kind")
    root = scope_root(bulletin.agency)
    if agency is None or not agency.is_within(root):
        raise ActionRefused(f"{agency}不在{root}的管辖范围内，不能列入本通报", field="agency")
    finding = checked_text(finding, "通报内容", "finding", limit=2000)
    if bulletin.entries.filter(agency=agency, kind=kind).exists():
        label = BulletinEntry.Kind(kind).label
        raise ActionRefused(f"{agency}已列入本通报的{label}事项，请修改原事项", field="agency")
    position = (bulletin.entries.filter(kind=kind).aggregate(m=Max("position"))["m"] or 0) + 1
    entry = BulletinEntry.objects.create(
        bulletin=bulletin, agency=agency, kind=kind, finding=finding, position=position
    )
    _audit(actor, "oversight.bulletin_entry.add", entry, bulletin.agency, None, ENTRY_FIELDS)
    return entry


@transaction.atomic
def remove_entry(actor, entry: BulletinEntry) -> None:
    bulletin = _lock(entry.bulletin)
    _check_editable(actor, bulletin)
    before = snapshot(entry, ENTRY_FIELDS)
    record_audit(
        actor=actor,
        action="oversight.bulletin_entry.remove",
        target=entry,
        agency=bulletin.agency,
        before=before,
    )
    entry.delete()


@transaction.atomic
def prefill_entries(actor, bulletin: Bulletin, candidates: list[dict]) -> list[BulletinEntry]:
    """Add the chosen candidates (bulletins_prefill.candidates) the bulletin does not name yet."""
    made = []
    for c in candidates:
        if BulletinEntry.objects.filter(bulletin=bulletin, agency=c["agency"], kind=c["kind"]).exists():
            continue
        made.append(add_entry(actor, bulletin, agency=c["agency"], kind=c["kind"], finding=c["finding"]))
    if not made:
        raise ActionRefused("没有可以添加的事项：所选单位都已列入本通报")
    return made


def _move(actor, bulletin: Bulletin, action: str, event: str, *, note: str = "", **changes) -> Bulletin:
    bulletin = _lock(bulletin)
    transition = BULLETINS.check(actor, bulletin, action)
    before = snapshot(bulletin, BULLETIN_FIELDS)
    bulletin.state = BULLETINS.target(bulletin, transition)
    for name, value in changes.items():
        setattr(bulletin, name, value)
    bulletin.save()
    _audit(actor, f"oversight.bulletin.{event}", bulletin, bulletin.agency, before, BULLETIN_FIELDS, note)
    return bulletin


@transaction.atomic
def submit_bulletin(actor, bulletin: Bulletin) -> Bulletin:
    if not bulletin.title.strip():
        raise ActionRefused("请填写标题")
    return _move(actor, bulletin, "submit", "submit", return_reason="")


@transaction.atomic
def approve_bulletin(actor, bulletin: Bulletin) -> Bulletin:
    return _move(actor, bulletin, "approve", "approve")


@transaction.atomic
def return_bulletin(actor, bulletin: Bulletin, *, reason: Any) -> Bulletin:
    reason = checked_text(reason, "退回理由", "reason", limit=2000)
    return _move(actor, bulletin, "return", "return", note=reason, return_reason=reason)


def rectification_due(start: date, workdays: int) -> date:
    return current_calendar().add_workdays(start, workdays).due or start + timedelta(days=workdays * 7 // 5)


@transaction.atomic
def publish_bulletin(actor, bulletin: Bulletin) -> Bulletin:
    """Publish; each 批评 entry opens the agency's 整改 due in `rectify_workdays` working days."""
    if not bulletin.number.strip():
        raise ActionRefused("发布前请填写文号")
    today = timezone.localdate()
    bulletin = _move(
        actor,
        bulletin,
        "publish",
        "publish",
        published_at=timezone.now(),
        issued_on=bulletin.issued_on or today,
    )
    due = rectification_due(today, bulletin.rectify_workdays)
    for entry in bulletin.entries.filter(kind=BulletinEntry.Kind.CRITICISM).select_related("agency"):
        rect = Rectification.objects.create(entry=entry, agency=entry.agency, due_on=due)
        _audit(None, "oversight.rectification.open", rect, entry.agency, None, RECT_FIELDS)
    return bulletin


# --- 整改 ------------------------------------------------------------------------------------------


def _lock_rect(rect: Rectification) -> Rectification:
    return (
        Rectification.objects.select_for_update(of=("self",))
        .select_related("agency", "entry__bulletin__agency")
        .get(pk=rect.pk)
    )


def can_record(actor, rect: Rectification) -> bool:
    if actor is None or actor.is_superuser:
        return True
    return actor.agency_id == rect.agency_id and actor.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER)


def can_review(actor, rect: Rectification) -> bool:
    bulletin = rect.entry.bulletin
    if actor is None or actor.is_superuser:
        return True
    if not actor.has_role(Role.REVIEWER, Role.SUPERVISOR) or not acts_for_issuer(actor, bulletin):
        return False
    return actor.agency_id != rect.agency_id  # no one reviews their own agency's rectification


def _attachment(upload) -> str:
    if upload is None:
        return ""
    if upload.size > ATTACHMENT_MAX:
        raise ActionRefused("附件不能超过20MB", field="attachment")
    data = upload.read()
    upload.seek(0)
    try:
        kind = identify(data)
    except RefusedFile:
        kind = None
    if kind not in ATTACHMENT_KINDS:
        raise ActionRefused("附件只接受PDF、OFD、Word、Excel或图片（PNG、JPEG）文件", field="attachment")
    return str(upload.name)[:200]


@transaction.atomic
def record_rectification(actor, rect: Rectification, *, measures: Any, done_on: date | None, attachment=None):
    rect = _lock_rect(rect)
    if not can_record(actor, rect):
        raise ActionRefused(f"只有{rect.agency}的信息公开工作人员、审核人或审发人可以报送整改情况")
    if not rect.open:
        raise ActionRefused(f"整改情况当前状态为“{rect.get_state_display()}”，不能再报送")
    measures = checked_text(measures, "整改措施", "measures", limit=TEXT_MAX)
    today = timezone.localdate()
    if done_on is None:
        raise ActionRefused("请填写整改完成日期", field="done_on")
    if done_on > today:
        raise ActionRefused("整改完成日期不能晚于今天", field="done_on")
    published = rect.entry.bulletin.published_at
    if published and done_on < timezone.localdate(published) - timedelta(days=365):
        raise ActionRefused("整改完成日期早于通报一年以上，请核对", field="done_on")
    name = _attachment(attachment)
    before = snapshot(rect, RECT_FIELDS)
    rect.measures, rect.done_on = measures, done_on
    if attachment is not None:
        rect.attachment.save(name, attachment, save=False)
        rect.attachment_name = name
    rect.state = RectificationState.SUBMITTED
    rect.submitted_at, rect.submitted_by = timezone.now(), actor if getattr(actor, "pk", None) else None
    rect.save()
    _audit(actor, "oversight.rectification.record", rect, rect.agency, before, RECT_FIELDS)
    return rect


def _review(actor, rect: Rectification, state: str, event: str, reason: str = "") -> Rectification:
    rect = _lock_rect(rect)
    if not can_review(actor, rect):
        raise ActionRefused(f"只有{rect.entry.bulletin.agency}的审核人或主管部门可以审核整改情况")
    if rect.state != RectificationState.SUBMITTED:
        raise ActionRefused(f"整改情况当前状态为“{rect.get_state_display()}”，不能审核（仅待审核时可以）")
    before = snapshot(rect, RECT_FIELDS)
    rect.state, rect.return_reason = state, reason
    rect.reviewed_at, rect.reviewed_by = timezone.now(), actor if getattr(actor, "pk", None) else None
    rect.save()
    _audit(actor, f"oversight.rectification.{event}", rect, rect.agency, before, RECT_FIELDS, reason)
    return rect


@transaction.atomic
def accept_rectification(actor, rect: Rectification) -> Rectification:
    return _review(actor, rect, RectificationState.ACCEPTED, "accept")


@transaction.atomic
def return_rectification(actor, rect: Rectification, *, reason: Any) -> Rectification:
    reason = checked_text(reason, "退回理由", "reason", limit=2000)
    return _review(actor, rect, RectificationState.RETURNED, "return", reason)


# --- 特邀监督员 and their feedback -----------------------------------------------------------------


def _check_supervisor(actor, agency: Agency) -> None:
    if actor is None or actor.is_superuser:
        return
    if not actor.has_role(Role.SUPERVISOR, Role.CLERK) or actor.agency_id != agency.pk:
        raise ActionRefused(f"只有{agency}的主管部门或信息公开工作人员可以管理特邀监督员")


@transaction.atomic
def register_supervisor(
    actor, *, agency: Agency, name: Any, unit: Any = "", consents_to_publish: bool = False
) -> ExternalSupervisor:
    if actor is not None and not actor.is_superuser and not actor.has_role(Role.SUPERVISOR):
        raise ActionRefused("聘请特邀监督员需要主管部门角色")
    _check_supervisor(actor, agency)
    name = checked_text(name, "姓名", "name", limit=50)
    unit = checked_text(unit, "工作单位", "unit", limit=100, required=False)
    if ExternalSupervisor.objects.filter(agency=agency, name=name, unit=unit, is_active=True).exists():
        raise ActionRefused(f"{unit}{name}已经是在聘的特邀监督员", field="name")
    sup = ExternalSupervisor.objects.create(
        agency=agency, name=name, unit=unit, consents_to_publish=bool(consents_to_publish)
    )
    _audit(actor, "oversight.supervisor.register", sup, agency, None, ["name", "unit", "consents_to_publish"])
    return sup


def link_hash(token: str) -> str:
    return crypto.lookup_hash("oversight-feedback", token)


@transaction.atomic
def issue_feedback_link(actor, supervisor: ExternalSupervisor) -> tuple[FeedbackLink, str]:
    """A new personal link for one piece of feedback; the token is returned once and stored hashed."""
    _check_supervisor(actor, supervisor.agency)
    if not supervisor.is_active:
        raise ActionRefused(f"{supervisor}已不在聘，不能发放评议链接")
    token = secrets.token_urlsafe(24)
    expires = timezone.localdate() + timedelta(days=settings.GONGKAI_FEEDBACK_LINK_DAYS)
    link = FeedbackLink.objects.create(supervisor=supervisor, token_hash=link_hash(token), expires_on=expires)
    record_audit(
        actor=actor,
        action="oversight.feedback_link.issue",
        target=supervisor,
        agency=supervisor.agency,
        note=f"有效期至{expires:%Y-%m-%d}",
    )
    return link, token


def feedback_agencies(supervisor: ExternalSupervisor):
    """The agencies a supervisor may give feedback on: the subtree its agency oversees."""
    return scope_root(supervisor.agency).subtree().filter(is_active=True)


def link_for(token: str) -> FeedbackLink | None:
    if not token or len(token) > 100:
        return None
    return (
        FeedbackLink.objects.select_related("supervisor__agency__supervises")
        .filter(token_hash=link_hash(token))
        .first()
    )


def _check_feedback(agency: Agency | None, supervisor: ExternalSupervisor, rating: Any, text: Any) -> str:
    if agency is None or not feedback_agencies(supervisor).filter(pk=agency.pk).exists():
        raise ActionRefused("请选择被评议的单位", field="agency")
    if rating not in Feedback.Rating.values:
        raise ActionRefused("请选择总体评价", field="rating")
    return checked_text(text, "意见建议", "text", limit=3000)


@transaction.atomic
def submit_feedback_by_link(token: str, *, agency: Agency, rating: Any, text: Any) -> tuple[Feedback, bool]:
    """The supervisor's feedback through a personal link: (feedback, created). A link carries one
    feedback; sending the form again (Back + resubmit) finds the first one and changes nothing."""
    link = link_for(token)
    if link is None:
        raise ActionRefused("评议链接无效，请向聘请机关索取新的链接")
    link = FeedbackLink.objects.select_for_update().select_related("supervisor__agency").get(pk=link.pk)
    if link.used_at is not None:
        return Feedback.objects.get(link=link), False
    if link.expires_on < timezone.localdate() or not link.supervisor.is_active:
        raise ActionRefused("评议链接已过期，请向聘请机关索取新的链接")
    text = _check_feedback(agency, link.supervisor, rating, text)
    feedback = Feedback.objects.create(
        supervisor=link.supervisor,
        agency=agency,
        link=link,
        source=Feedback.Source.LINK,
        rating=rating,
        text=text,
        received_on=timezone.localdate(),
    )
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    with_name = link.supervisor.name
    record_audit(
        actor=None,
        action="oversight.feedback.receive",
        target=feedback,
        agency=agency,
        after=snapshot(feedback, ["agency", "rating", "source", "received_on"]),
        note=f"特邀监督员{with_name}通过评议链接提交",
    )
    return feedback, True


@transaction.atomic
def enter_paper_feedback(
    actor, *, supervisor: ExternalSupervisor, agency: Agency, rating: Any, text: Any, received_on: date | None
) -> tuple[Feedback, bool]:
    """Feedback received on paper, typed in by staff: (feedback, created). The same supervisor,
    agency, date and text entered again (a resent form) finds the first record."""
    _check_supervisor(actor, supervisor.agency)
    text = _check_feedback(agency, supervisor, rating, text)
    if received_on is None or received_on > timezone.localdate():
        raise ActionRefused("请填写收到日期（不能晚于今天）", field="received_on")
    fp = fingerprint("oversight-feedback", str(supervisor.pk), str(agency.pk), str(received_on), text)
    existing = Feedback.objects.filter(fingerprint=fp).first()
    if existing is not None:
        return existing, False
    feedback = Feedback.objects.create(
        supervisor=supervisor,
        agency=agency,
        source=Feedback.Source.PAPER,
        rating=rating,
        text=text,
        received_on=received_on,
        entered_by=actor if getattr(actor, "pk", None) else None,
        fingerprint=fp,
    )
    _audit(
        actor,
        "oversight.feedback.receive",
        feedback,
        agency,
        None,
        ["agency", "rating", "source", "received_on"],
    )
    return feedback, True


def can_answer(actor, feedback: Feedback) -> bool:
    if actor is None or actor.is_superuser:
        return True
    return actor.agency_id == feedback.agency_id and actor.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER)


@transaction.atomic
def answer_feedback(actor, feedback: Feedback, *, answer: Any) -> Feedback:
    feedback = Feedback.objects.select_for_update(of=("self",)).select_related("agency").get(pk=feedback.pk)
    if not can_answer(actor, feedback):
        raise ActionRefused(f"只有{feedback.agency}的工作人员可以答复")
    if feedback.answered:
        raise ActionRefused("这条意见已经答复过了")
    feedback.answer = checked_text(answer, "答复", "answer", limit=3000)
    feedback.answered_at, feedback.answered_by = timezone.now(), actor if getattr(actor, "pk", None) else None
    feedback.save()
    _audit(actor, "oversight.feedback.answer", feedback, feedback.agency, None, ["answer", "answered_at"])
    return feedback
