"""Every write of 在线访谈: planning, the live text, the public's questions, the transcript.

Each action runs in one transaction, writes its audit row, and tells the live page's pollers
(`gongkai.common.live.changed`) when the entries or the state they show changed.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Staff
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit
from gongkai.common import crypto, live
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import normalise_phone, phone_problem
from gongkai.common.inputs import checked_text
from gongkai.ingest.masking import mask_text

from .models import (
    TYPING_STATES,
    Guest,
    Interview,
    LiveEntry,
    Media,
    Moderation,
    Question,
    Speaker,
    State,
    questions_key,
)
from .workflow import INTERVIEWS

TOPIC_MAX = 120
SUMMARY_MAX = 2000
ENTRY_MAX = 3000
QUESTION_MAX = 500
NAME_MAX = 20


def _text(value, what: str, field: str, *, limit: int, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required, clean=True)


def _lock(interview: Interview) -> Interview:
    return Interview.objects.select_for_update().get(pk=interview.pk)


def _audit(actor, interview: Interview, code: str, target=None, *, note: str = "", after=None) -> None:
    record_audit(
        actor=actor,
        action=f"interviews.{code}",
        target=target or interview,
        agency=interview.agency,
        after=after,
        note=note,
    )


def _in_scope(actor: Staff, agency: Agency) -> None:
    if not (actor.is_superuser or can_see_agency(actor, agency)):
        raise ActionRefused("该机关不在您的管理范围内", field="agency")


# ---------------------------------------------------------------- planning


def create_interview(
    actor: Staff,
    *,
    agency: Agency,
    topic: str,
    summary: str = "",
    starts_at: datetime,
    ends_at: datetime,
    host_name: str = "主持人",
) -> Interview:
    if agency is None:
        raise ActionRefused("请选择主办机关", field="agency")
    _in_scope(actor, agency)
    topic = _text(topic, "访谈主题", "topic", limit=TOPIC_MAX)
    summary = _text(summary, "内容简介", "summary", limit=SUMMARY_MAX, required=False)
    host_name = _text(host_name, "主持人", "host_name", limit=40)
    if not isinstance(starts_at, datetime):
        raise ActionRefused("请填写开始时间", field="starts_at")
    if not isinstance(ends_at, datetime) or ends_at <= starts_at:
        raise ActionRefused("结束时间应晚于开始时间", field="ends_at")
    with transaction.atomic():
        interview = Interview.objects.create(
            agency=agency,
            topic=topic,
            summary=summary,
            starts_at=starts_at,
            ends_at=ends_at,
            host_name=host_name,
            created_by=actor,
        )
        _audit(actor, interview, "interview.create", after={"topic": topic})
    return interview


def add_guest(actor: Staff, interview: Interview, *, name: str, agency: Agency, title: str) -> Guest:
    _in_scope(actor, interview.agency)
    if interview.state in (State.FINISHED, State.PUBLISHED):
        raise ActionRefused("访谈已结束，不能再添加嘉宾")
    name = _text(name, "嘉宾姓名", "name", limit=40)
    title = _text(title, "嘉宾职务", "title", limit=60)
    if agency is None:
        raise ActionRefused("请选择嘉宾所在机关", field="agency")
    with transaction.atomic():
        guest = Guest.objects.create(
            interview=interview, name=name, agency=agency, title=title, order=interview.guests.count()
        )
        _audit(actor, interview, "guest.add", guest, note=f"{name}（{agency}，{title}）")
        live.changed(interview.live_key)
    return guest


def _move(actor, interview: Interview, action: str, **fields) -> Interview:
    with transaction.atomic():
        interview = _lock(interview)
        transition = INTERVIEWS.check(actor, interview, action)
        before = interview.state
        interview.state = INTERVIEWS.target(interview, transition)
        for name, value in fields.items():
            setattr(interview, name, value)
        interview.save()
        _audit(
            actor,
            interview,
            f"interview.{action}",
            after={"state": interview.state},
            note=f"{State(before).label} → {interview.get_state_display()}",
        )
        live.changed(interview.live_key)  # the open pages learn that the event started or ended
    return interview


def open_questions(actor, interview: Interview) -> Interview:
    """Announce the interview on the portal and start collecting questions."""
    return _move(actor, interview, "open_questions")


def start_interview(actor, interview: Interview) -> Interview:
    return _move(actor, interview, "start")


def publish_transcript(actor, interview: Interview) -> Interview:
    return _move(actor, interview, "publish", published_at=timezone.now())


# ---------------------------------------------------------------- the live text


def post_entry(
    actor: Staff,
    interview: Interview,
    *,
    body: str,
    guest: Guest | None = None,
    answers: Question | None = None,
    image=None,
) -> LiveEntry:
    """The host's words (no `guest`) or a guest's, typed by staff; maybe answering a question."""
    _in_scope(actor, interview.agency)
    body = _text(body, "发言内容", "body", limit=ENTRY_MAX)
    if guest is not None and guest.interview_id != interview.pk:
        raise ActionRefused("该嘉宾不是本场访谈的嘉宾", field="guest")
    if answers is not None:
        if answers.interview_id != interview.pk:
            raise ActionRefused("该问题不属于本场访谈", field="answers")
        if answers.moderation != Moderation.APPROVED:
            raise ActionRefused("只能回答审核通过的问题", field="answers")
    with transaction.atomic():
        interview = _lock(interview)
        if interview.state not in TYPING_STATES:
            raise ActionRefused(
                f"访谈当前状态为“{interview.get_state_display()}”，只有直播中或已结束（整理实录）时可以发布文字"
            )
        entry = LiveEntry(
            interview=interview,
            speaker=Speaker.GUEST if guest else Speaker.HOST,
            guest=guest,
            body=body,
            answers=answers,
            created_by=actor,
        )
        if image is not None:
            from .media import checked_image

            entry.image = checked_image(image)
        entry.save()
        _audit(actor, interview, "entry.post", entry, note=body[:60])
        live.changed(interview.live_key)
        if answers is not None:
            answers.save(update_fields=["updated_at"])  # the console shows it answered
            live.changed(questions_key(interview.pk))
    return entry


def withdraw_entry(actor: Staff, entry: LiveEntry) -> LiveEntry:
    """Take back an entry typed in error (it disappears from open pages; the audit keeps it)."""
    _in_scope(actor, entry.interview.agency)
    with transaction.atomic():
        entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.withdrawn:
            return entry
        entry.withdrawn = True
        entry.save()
        _audit(actor, entry.interview, "entry.withdraw", entry, note=entry.body[:60])
        live.changed(entry.interview.live_key)
    return entry


# ---------------------------------------------------------------- the public's questions


def _question_key(idempotency_key: str) -> str:
    return crypto.lookup_hash("interview-question", idempotency_key)


def submitted_question(idempotency_key: str) -> Question | None:
    """The question a portal form with this key already made, or None."""
    if not idempotency_key or len(idempotency_key) > 128:
        return None
    return Question.objects.filter(idempotency_key=_question_key(idempotency_key)).first()


def submit_question(
    interview: Interview, *, body: str, phone: str, display_name: str = "", idempotency_key: str
) -> tuple[Question, bool]:
    """A question from the portal. The same form sent again (same key: a double click, Back and
    resubmit) returns the first question and False."""
    if not idempotency_key or len(idempotency_key) > 128:
        raise ActionRefused("表单已过期，请刷新页面后重新提交")
    stored = _question_key(idempotency_key)
    existing = Question.objects.filter(idempotency_key=stored).first()
    if existing is not None:
        return existing, False
    if not interview.accepts_questions:
        raise ActionRefused("本场访谈已不再征集问题，欢迎通过“互动交流”留言")
    body = _text(body, "问题内容", "body", limit=QUESTION_MAX)
    display_name = _text(display_name, "显示名称", "display_name", limit=NAME_MAX, required=False)
    phone = normalise_phone(phone or "")
    if not phone:
        raise ActionRefused("请填写联系电话（不会公开）", field="phone")
    problem = phone_problem(phone)
    if problem:
        raise ActionRefused(problem, field="phone")
    from gongkai.interaction.actions import flagged_words_in

    words = flagged_words_in(body, display_name)
    masked = mask_text(body)
    try:
        with transaction.atomic():
            question = Question.objects.create(
                interview=interview,
                display_name=mask_text(display_name) if display_name else "",
                phone=phone,
                body=body,
                masked_body=masked,
                flagged_words="、".join(words)[:200],
                during_event=interview.state == State.LIVE,
                idempotency_key=stored,
            )
            _audit(None, interview, "question.submit", question, note=masked[:60])
            live.changed(questions_key(interview.pk))
    except IntegrityError:
        existing = Question.objects.filter(idempotency_key=stored).first()
        if existing is None:
            raise
        return existing, False
    return question, True


def moderate_question(actor: Staff, question: Question, *, decision: str) -> Question:
    """Approve (shown on the page, may be answered) or hide a question; a held question waits."""
    if decision not in (Moderation.APPROVED, Moderation.HIDDEN):
        raise ActionRefused("请选择通过或不予显示", field="decision")
    _in_scope(actor, question.interview.agency)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.message_receipt_code:
            raise ActionRefused("该问题已转为留言办理，不能再更改审核结果")
        question.moderation = decision
        question.moderated_by = actor
        question.save()
        _audit(
            actor,
            question.interview,
            "question.moderate",
            question,
            after={"moderation": decision},
            note=str(Moderation(decision).label),
        )
        live.changed(question.interview.live_key)
        live.changed(questions_key(question.interview_id))
        if decision == Moderation.APPROVED:
            # Approved after the event: nobody will answer it here, so it goes to the agency now.
            forward_unanswered(actor, question.interview)
            question.refresh_from_db()
    return question


# ---------------------------------------------------------------- the end of the event


def finish_interview(actor, interview: Interview) -> Interview:
    """End the live text; every approved question nobody answered becomes a message (留言) to the
    guest's agency, in the same transaction (a refusal to forward one leaves the interview live)."""
    with transaction.atomic():
        interview = _move(actor, interview, "finish", finished_at=timezone.now())
        forward_unanswered(actor, interview)
    return interview


def _unanswered(interview: Interview):
    return (
        interview.questions.filter(moderation=Moderation.APPROVED, message_receipt_code="")
        .exclude(answers__withdrawn=False)
        .order_by("pk")
    )


def forward_unanswered(actor, interview: Interview) -> list[Question]:
    """Forward the approved, unanswered, not yet forwarded questions of a finished interview.
    Running it again forwards nothing twice (the question keeps the receipt code, and the
    messages' own key is the question)."""
    if interview.state not in (State.FINISHED, State.PUBLISHED):
        return []
    done = []
    with transaction.atomic():
        for question in _unanswered(interview).select_for_update():
            done.append(_forward(actor, interview, question))
    return done


def _forward(actor, interview: Interview, question: Question) -> Question:
    from gongkai.interaction.actions import receive_forwarded
    from gongkai.interaction.models import Channel

    guest = interview.guests.select_related("agency").first()
    agency = guest.agency if guest else interview.agency
    message, _created = receive_forwarded(
        actor,
        channel=Channel.INTERVIEW,
        idempotency_key=f"interview-question:{question.pk}",
        agency=agency,
        kind="inquiry",
        subject=f"在线访谈“{interview.topic}”网友提问"[:200],
        body=question.body,
        writer_name=question.display_name or "网友",
        writer_phone=question.phone,
        submitted_at=question.asked_at,
        note=f"在线访谈“{interview.topic}”未回答的问题",
    )
    question.message_receipt_code = message.receipt_code
    question.save(update_fields=["message_receipt_code"])
    _audit(actor, interview, "question.forward", question, note=f"{agency}，{message.receipt_code}")
    live.changed(questions_key(interview.pk))
    return question


# ---------------------------------------------------------------- the transcript's files


def add_media(actor: Staff, interview: Interview, *, upload, title: str) -> Media:
    """An image, audio (MP3) or video (MP4) file published with the transcript; the type is
    judged by the bytes (`media.checked_media`)."""
    from .media import checked_media

    _in_scope(actor, interview.agency)
    title = _text(title, "文件说明", "title", limit=100)
    if interview.state not in (State.FINISHED, State.PUBLISHED):
        raise ActionRefused("访谈结束后才能上传实录的图片、音频和视频", field="upload")
    kind, file_type = checked_media(upload)
    with transaction.atomic():
        item = Media(
            interview=interview,
            kind=kind,
            title=title,
            file_type=file_type,
            size=upload.size,
            uploaded_by=actor,
        )
        item.file.save(upload.name, upload, save=False)
        item.save()
        _audit(actor, interview, "media.add", item, note=f"{item.get_kind_display()}：{title}")
    return item
