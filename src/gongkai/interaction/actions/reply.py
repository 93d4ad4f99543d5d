"""The reply: drafted by the responder, reviewed by the agency's reviewer, sent to the writer,
published masked if the writer agreed; the writer's rating, and the one reopen (重办)."""

from __future__ import annotations

from django.db import transaction

from gongkai.common.errors import ActionRefused

from ..masking import mask_reply, mask_text
from ..models import (
    Message,
    PublicStatus,
    Rating,
    RatingValue,
    RatingVia,
    Reply,
    ReplyState,
    State,
)
from ..workflow import MESSAGES
from ._common import (
    _audit,
    _go,
    _lock,
    _now,
    _snapshot,
    _start_clock,
    _stop_clock,
    _text,
    _today,
)
from ._notify import notify_writer_reply

REPLY_MAX = 10000
MAX_REOPENS = 1


def _reply(message: Message) -> Reply | None:
    return Reply.objects.select_for_update().filter(message=message, round=message.round).first()


def _save_draft(actor, message: Message, body: str) -> Reply:
    body = _text(body, "答复内容", "body", limit=REPLY_MAX)
    reply = _reply(message)
    if reply is None:
        reply = Reply(message=message, round=message.round, author=actor)
    reply.body = body
    reply.author = actor
    reply.state = ReplyState.DRAFT
    reply.masked_body = mask_reply(reply)
    reply.save()
    return reply


@transaction.atomic
def draft_reply(actor, message: Message, *, body: str) -> Reply:
    """The responder writes (or rewrites) the reply of the current round; nothing is sent."""
    message = _lock(message)
    _go(actor, message, "draft_reply")
    reply = _save_draft(actor, message, body)
    _audit(actor, message, "draft", None, note=f"第{reply.round}轮答复草稿", noun="reply")
    return reply


@transaction.atomic
def submit_reply(actor, message: Message, *, body: str | None = None) -> Reply:
    """The responder hands the reply to the agency's reviewer (saving `body` first if given)."""
    message = _lock(message)
    target = _go(actor, message, "submit_reply")
    if body is not None:
        reply = _save_draft(actor, message, body)
    else:
        reply = _reply(message)
        if reply is None or not reply.body.strip():
            raise ActionRefused("请先拟写答复内容", field="body")
    before = _snapshot(message)
    reply.state = ReplyState.SUBMITTED
    reply.save()
    message.state = target
    message.save()
    _audit(actor, message, "submit", before, noun="reply")
    return reply


@transaction.atomic
def return_reply(actor, message: Message, *, reason: str) -> Reply:
    """The reviewer sends the reply back to the responder with what to change."""
    message = _lock(message)
    target = _go(actor, message, "return_reply")
    reason = _text(reason, "退回理由", "reason", limit=1000)
    reply = _reply(message)
    before = _snapshot(message)
    reply.state = ReplyState.DRAFT
    reply.reviewer = actor
    reply.review_note = reason
    reply.reviewed_at = _now()
    reply.save()
    message.state = target
    message.save()
    _audit(actor, message, "return", before, note=reason, noun="reply")
    return reply


@transaction.atomic
def approve_reply(actor, message: Message, *, note: str = "", masked_body: str | None = None) -> Reply:
    """The reviewer approves the reply; the masked public text (shown to the reviewer, who may
    mask more) is fixed here."""
    message = _lock(message)
    target = _go(actor, message, "approve_reply")
    reply = _reply(message)
    if reply.author_id == actor.pk and not actor.is_superuser:
        raise ActionRefused("答复须由答复人以外的审核人审核")
    before = _snapshot(message)
    if masked_body is not None and masked_body.strip():
        # The reviewer may mask more, never unmask: the automatic masking runs over it again.
        reply.masked_body = mask_text(masked_body.strip(), names=(message.writer_name,))
    reply.state = ReplyState.APPROVED
    reply.reviewer = actor
    reply.review_note = (note or "").strip()
    reply.reviewed_at = _now()
    reply.save()
    message.state = target
    message.save()
    _audit(actor, message, "approve", before, note=reply.review_note, noun="reply")
    return reply


@transaction.atomic
def send_reply(actor, message: Message) -> Reply:
    """The approved reply goes to the writer (SMS, and e-mail if given); the reply clock stops."""
    message = _lock(message)
    target = _go(actor, message, "send_reply")
    reply = _reply(message)
    before = _snapshot(message)
    today = _today()
    reply.state = ReplyState.SENT
    reply.sent_at = _now()
    reply.save()
    message.state = target
    message.replied_on = today
    message.first_replied_on = message.first_replied_on or today
    _stop_clock(actor, message, today)
    message.save()
    _audit(actor, message, "send", before, noun="reply")
    notify_writer_reply(message)
    return reply


@transaction.atomic
def publish_reply(actor, message: Message, *, masked_body: str | None = None) -> Reply:
    """The reviewer publishes the masked question and reply on the portal — only if the writer
    agreed, and only once flagged words were reviewed."""
    message = _lock(message)
    _go(actor, message, "publish_reply")
    if not message.public_consent:
        raise ActionRefused("留言人未同意公开，不能公开答复")
    if not message.is_valid:
        raise ActionRefused("无效留言不能公开")
    if message.words_pending_review:
        raise ActionRefused(f"留言含待审核的敏感词（{message.flagged_words}），请交办单位审核后再公开")
    reply = (
        Reply.objects.select_for_update()
        .filter(message=message, state=ReplyState.SENT)
        .order_by("-round")
        .first()
    )
    if reply is None:
        raise ActionRefused("尚无已发送的答复")
    before = _snapshot(message)
    if masked_body is not None and masked_body.strip():
        reply.masked_body = mask_text(masked_body.strip(), names=(message.writer_name,))
    elif not reply.masked_body:
        reply.masked_body = mask_reply(reply)
    reply.published_at = reply.published_at or _now()
    reply.save()
    message.public_status = PublicStatus.PUBLISHED
    message.save()
    _audit(actor, message, "publish", before, note=f"第{reply.round}轮答复", noun="reply")
    return reply


@transaction.atomic
def rate_reply(
    message: Message, *, value: str, comment: str = "", via: str = RatingVia.STATUS_PAGE, reopen: bool = False
) -> Rating:
    """The writer rates the reply of the current round (once). 不满意 with `reopen` reopens the
    case (重办) if it has not been reopened before; otherwise the case is closed."""
    message = _lock(message)
    if (
        message.state not in (State.REPLIED, State.CLOSED)
        or not Reply.objects.filter(message=message, round=message.round, state=ReplyState.SENT).exists()
    ):
        raise ActionRefused("留言尚未答复，不能评价")
    if Rating.objects.filter(message=message, round=message.round).exists():
        raise ActionRefused("本次答复已评价，不能重复评价")
    target = _go(None, message, "rate")
    if value not in RatingValue.values:
        raise ActionRefused("请选择满意、基本满意或不满意", field="value")
    if via not in RatingVia.values:
        raise ActionRefused("评价方式无效", field="via")
    comment = _text(comment, "评价意见", "comment", limit=1000, required=False)
    if reopen and value != RatingValue.DISSATISFIED:
        raise ActionRefused("只有对答复不满意时可以要求重办", field="reopen")
    if reopen and message.reopen_count >= MAX_REOPENS:
        raise ActionRefused("本留言已重办过一次，不能再次要求重办", field="reopen")
    rating = Rating.objects.create(
        message=message, round=message.round, value=value, comment=comment, at=_now(), via=via
    )
    before = _snapshot(message)
    message.state = target
    message.closed_on = _today()
    message.save()
    _audit(
        None,
        message,
        "create",
        before,
        note=f"第{rating.round}轮：{rating.get_value_display()}",
        noun="rating",
    )
    if reopen:
        _reopen(None, message, f"留言人不满意并要求重办：{comment}" if comment else "留言人不满意并要求重办")
    return rating


def _reopen(actor, message: Message, reason: str) -> Message:
    before = _snapshot(message)
    transition = MESSAGES.by_action("reopen")[0]
    message.state = transition.target
    message.round += 1
    message.reopen_count += 1
    message.closed_on = None
    message.replied_on = None
    message.extended = False
    message.extension_days = None
    message.extension_reason = ""
    message.extension_requested_by = None
    message.extension_requested_at = None
    message.extension_approved_by = None
    # A new round, a new deadline from today on the same rules.
    _start_clock(message, message.lead_agency, _today())
    if message.responder_id is None:
        message.state = State.DISPATCHED
    message.save()
    _audit(actor, message, "reopen", before, note=reason)
    return message


@transaction.atomic
def reopen_message(actor, message: Message, *, reason: str) -> Message:
    """The office reopens a case (重办) after the writer rated its reply 不满意 — once."""
    message = _lock(message)
    _go(actor, message, "reopen")
    reason = _text(reason, "重办理由", "reason", limit=1000)
    if message.reopen_count >= MAX_REOPENS:
        raise ActionRefused("本留言已重办过一次，不能再次重办")
    last = Rating.objects.filter(message=message, round=message.round).first()
    if last is None or last.value != RatingValue.DISSATISFIED:
        raise ActionRefused("只有留言人对答复不满意时可以重办")
    return _reopen(actor, message, reason)
