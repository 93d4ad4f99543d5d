"""Comments: submitted on the portal, entered by staff from offline channels, and moderated.

Nothing a citizen submits is lost or duplicated: the same form sent again (same idempotency key)
returns the first comment. A comment with forbidden words or spam is held (自动暂扣), never
refused: it counts, staff see it, and it still needs a disposition; only its public display waits.
Every public page shows `masked_body` (personal data masked) and `public_name` (网友 if empty).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import submission
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import normalise_phone, phone_problem
from gongkai.ingest.masking import mask_text

from .. import rules
from ..models import OFFLINE_CHANNELS, Channel, Comment, Consultation, Moderation, Paragraph, State
from ._common import COMMENT_FIELDS, now, require_agency_staff, text, today

BODY_MIN = 5
NAME_MAX = 20
KEY_SCOPE = "consultation-comment"
MODERATORS = ("clerk", "reviewer")
# Offline comments may arrive after the close date (a letter posted in time); none after the report.
OFFLINE_STATES = (State.OPEN, State.CLOSED)


def contact_channels(consultation: Consultation) -> list[tuple[str, str]]:
    """(label, value) of the channels stated on the page and in a late refusal."""
    channels = [
        ("信函", consultation.letter_address),
        ("电子邮件", consultation.email),
        ("传真", consultation.fax),
        ("咨询电话", consultation.phone),
    ]
    return [(label, value) for label, value in channels if value]


def late_refusal(consultation: Consultation) -> str:
    where = "；".join(f"{label}：{value}" for label, value in contact_channels(consultation))
    tail = (
        f"如有意见，可通过以下方式向{consultation.agency}反映：{where}。"
        if where
        else (f"如有意见，请直接联系{consultation.agency}。")
    )
    return f"本次征求意见已于{consultation.closes_on:%Y年%m月%d日}截止，网上不再接收意见。{tail}"


def _paragraph(consultation: Consultation, number) -> Paragraph | None:
    if number in (None, ""):
        return None
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise ActionRefused(
            "所选条文不存在，请从条文旁的“提意见”链接进入，或选择对全文提意见", field="paragraph"
        ) from None
    paragraph = consultation.paragraphs.filter(number=number).first()
    if paragraph is None:
        raise ActionRefused(
            f"草案中没有第{number}段，请从条文旁的“提意见”链接进入，或选择对全文提意见", field="paragraph"
        )
    if not paragraph.commentable:
        raise ActionRefused("章、节标题不能单独提意见，请对其下的条文提意见", field="paragraph")
    return paragraph


def _quote(paragraph: Paragraph | None) -> str:
    if paragraph is None:
        return ""
    return f"{paragraph.heading}　{paragraph.text}".strip("　") if paragraph.heading else paragraph.text


def _body(body: str) -> str:
    body = text(body, "意见内容", "body", limit=settings.GONGKAI_CONSULTATION_COMMENT_MAX)
    if len(body) < BODY_MIN:
        raise ActionRefused(f"意见内容至少{BODY_MIN}个字", field="body")
    return body


def _held_reasons(body: str, name: str) -> str:
    from gongkai.publishing.actions import forbidden_words

    joined = f"{name}\n{body}"
    words = [w for w in dict.fromkeys(forbidden_words()) if w and w in joined]
    reasons = [f"含有敏感词：{'、'.join(words)}"] if words else []
    return "；".join(reasons + rules.spam_reasons(joined))


def _audit(actor, comment: Comment, event: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"consultation.comment.{event}",
        target=comment,
        agency=comment.consultation.agency,
        before=before,
        after=snapshot(comment, COMMENT_FIELDS),
        note=note,
    )


def _new_comment(
    consultation: Consultation, paragraph: Paragraph | None, body: str, name: str, **extra
) -> Comment:
    held = _held_reasons(body, name)
    return Comment(
        consultation=consultation,
        paragraph=paragraph,
        quoted_text=_quote(paragraph),
        body=body,
        masked_body=mask_text(body),
        display_name=mask_text(name)[:NAME_MAX],
        moderation=Moderation.HELD if held else Moderation.PENDING,
        held_reasons=held,
        **extra,
    )


# ---------------------------------------------------------------- online


def submitted_comment(idempotency_key: str) -> Comment | None:
    """The comment a portal form with this key already made, or None."""
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    return Comment.objects.filter(idempotency_key=submission.stored_key(KEY_SCOPE, idempotency_key)).first()


def submit_comment(
    consultation: Consultation,
    *,
    body: str,
    phone: str,
    idempotency_key: str,
    paragraph: int | None = None,
    display_name: str = "",
) -> tuple[Comment, bool]:
    """A comment from the portal: (comment, True), or (the first comment, False) when the same form
    was sent before."""
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    existing = submitted_comment(idempotency_key)
    if existing is not None:
        return existing, False
    if consultation.not_yet_open():
        raise ActionRefused(f"本次征求意见将于{consultation.opens_on:%Y年%m月%d日}开始，请届时再提交意见")
    if not consultation.accepts_comments():
        raise ActionRefused(late_refusal(consultation))
    target = _paragraph(consultation, paragraph)
    body = _body(body)
    phone = normalise_phone(phone)
    if not phone:
        raise ActionRefused("请填写联系电话（不会公开）", field="phone")
    if problem := phone_problem(phone):
        raise ActionRefused(problem, field="phone")
    name = text(display_name, "署名", "display_name", limit=NAME_MAX, required=False)
    stored = submission.stored_key(KEY_SCOPE, idempotency_key)
    try:
        with transaction.atomic():
            comment = _new_comment(
                consultation,
                target,
                body,
                name,
                channel=Channel.ONLINE,
                writer_phone=phone,
                phone_hash=submission.stored_key("consultation-phone", phone),
                idempotency_key=stored,
                submitted_at=now(),
                received_on=today(),
            )
            comment.save()
            _audit(None, comment, "submit", None)
    except IntegrityError:
        # A concurrent resend won the race on the unique key: that one is the comment.
        existing = Comment.objects.filter(idempotency_key=stored).first()
        if existing is None:
            raise
        return existing, False
    return comment, True


# ---------------------------------------------------------------- offline


@transaction.atomic
def enter_offline_comment(
    actor,
    consultation: Consultation,
    *,
    channel: str,
    body: str,
    received_on: date,
    paragraph: int | None = None,
    display_name: str = "",
    phone: str = "",
) -> Comment:
    """A comment received by letter, e-mail, fax, at a symposium or a hearing, entered by staff."""
    require_agency_staff(actor, consultation, MODERATORS, "录入线下意见")
    if consultation.state not in OFFLINE_STATES:
        raise ActionRefused(f"征求意见当前状态为“{consultation.get_state_display()}”，不能录入意见")
    if channel not in OFFLINE_CHANNELS:
        raise ActionRefused("请选择意见来源渠道（信函、电子邮件、传真、座谈会或听证会）", field="channel")
    if received_on is None:
        raise ActionRefused("请填写收到日期", field="received_on")
    if received_on > today():
        raise ActionRefused("收到日期不能晚于今天", field="received_on")
    if received_on < consultation.opens_on:
        raise ActionRefused("收到日期不能早于征求意见开始日期", field="received_on")
    target = _paragraph(consultation, paragraph)
    body = _body(body)
    phone = normalise_phone(phone)
    if phone and (problem := phone_problem(phone)):
        raise ActionRefused(problem, field="phone")
    name = text(display_name, "署名", "display_name", limit=NAME_MAX, required=False)
    comment = _new_comment(
        consultation,
        target,
        body,
        name,
        channel=channel,
        writer_phone=phone,
        phone_hash=submission.stored_key("consultation-phone", phone) if phone else "",
        submitted_at=now(),
        received_on=received_on,
        entered_by=actor,
    )
    comment.save()
    _audit(actor, comment, "enter", None)
    return comment


# ---------------------------------------------------------------- moderation


def _lock(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation__agency")
        .get(pk=comment.pk)
    )


@transaction.atomic
def approve_comment(actor, comment: Comment, note: str = "") -> Comment:
    """Show the comment (masked) on the public page; for a held comment this clears its flags."""
    comment = _lock(comment)
    require_agency_staff(actor, comment.consultation, MODERATORS, "审核意见")
    if comment.moderation == Moderation.APPROVED:
        raise ActionRefused("该意见已公开显示")
    before = snapshot(comment, COMMENT_FIELDS)
    comment.moderation = Moderation.APPROVED
    comment.moderated_by, comment.moderated_at = actor, now()
    comment.moderation_reason = text(note, "审核说明", "note", limit=1000, required=False)
    comment.masked_body = mask_text(comment.body)
    comment.save()
    _audit(actor, comment, "approve", before, comment.moderation_reason)
    return comment


@transaction.atomic
def hide_comment(actor, comment: Comment, reason: str) -> Comment:
    """Keep the comment off the public page (it still counts and still needs a disposition)."""
    comment = _lock(comment)
    require_agency_staff(actor, comment.consultation, MODERATORS, "审核意见")
    reason = text(reason, "不予公开的理由", "reason", limit=1000)
    before = snapshot(comment, COMMENT_FIELDS)
    comment.moderation = Moderation.HIDDEN
    comment.moderated_by, comment.moderated_at = actor, now()
    comment.moderation_reason = reason
    comment.save()
    _audit(actor, comment, "hide", before, reason)
    return comment
