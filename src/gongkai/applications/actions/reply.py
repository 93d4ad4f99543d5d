"""Notices and the reply: sending notices, closing with an outcome (表三), the reviewed reply letter,
archiving, the redacted release and 条例第四十四条."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.agencies.models import Role
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.workdays import actions as clocks

from .. import notices
from ..models import Application, Notice, NoticeKind, Reply, State
from ..outcomes import OUTCOME_BY_CODE, LetterWordingError, render_letter
from ..receipt import receipt_date
from . import _common
from ._common import (
    FIELDS,
    _audit,
    _check_scope,
    _day,
    _draft_notice,
    _go,
    _lock,
    _mail_applicant,
    _store_sent,
    _zh,
)
from .intake import _accept

# ---------------------------------------------------------------- notices


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
    on = _day(on, "发出日期")
    if notice.application.received_on and on < notice.application.received_on:
        raise ActionRefused("发出日期不能早于收到申请之日", field="on")
    _store_sent(actor, notice, text, on)
    record_audit(
        actor=actor,
        action="applications.notice.send",
        target=notice,
        agency=notice.application.agency,
        after={"kind": notice.kind, "number": notice.number, "sent_on": notice.sent_on},
    )
    _mail_applicant(notice.application, notice.title, notice.text)
    return notice


# ---------------------------------------------------------------- closing


def closing_warnings(application: Application) -> list[str]:
    """What staff should know before closing: notices the applicant never received. The ones the
    law requires (`_check_notices_before_closing`) also refuse the closing."""
    unsent = {n.kind for n in application.notices.all() if not n.is_sent}
    warnings = []
    if NoticeKind.EXTENSION in unsent:
        warnings.append(
            "延期答复告知书尚未发出：条例第三十三条要求延长答复期限应当告知申请人，发出前不能办结"
        )
    if NoticeKind.ACCEPTANCE in unsent and not application.on_the_spot:
        warnings.append("受理回执尚未发出：申请人未收到受理回执，建议先发出或与答复一并送达")
    return warnings


def _check_notices_before_closing(application: Application) -> None:
    if application.notices.filter(kind=NoticeKind.EXTENSION, sent_on__isnull=True).exists():
        raise ActionRefused(
            "延期答复告知书尚未发出：条例第三十三条要求延长答复期限应当告知申请人，请先发出延期答复告知书再办结"
        )


def _close_and_send(
    actor,
    application: Application,
    *,
    state: str,
    outcome: str,
    on: date,
    values: dict,
    withheld=(),
    note="",
    text: str | None = None,
) -> Notice:
    """The one way every case closes: give it its outcome (a row of 表三) and `state` (the table's
    target), stop the clock, send the reply letter (as edited, when `text` is given), keep its
    .docx and mail it to the applicant."""
    if outcome not in OUTCOME_BY_CODE:
        raise ActionRefused("请选择答复类型", field="outcome")
    values = {
        "description": notices.subject_of(application.description),
        **{k: v for k, v in values.items() if v},
    }
    if withheld:
        values.setdefault("reason", "；".join(f"{w['part']}：{w['reason']}" for w in withheld))
    try:
        wording = render_letter(outcome, **values)
    except LetterWordingError as exc:
        raise ActionRefused(str(exc), field="values") from None
    if application.received_on and on < application.received_on:
        raise ActionRefused("答复日期不能早于收到申请之日", field="on")
    _check_notices_before_closing(application)
    before = snapshot(application, FIELDS)
    if application.clock_id and application.clock.state != "stopped":
        clocks.stop_clock(
            actor, application.clock, on=on, note=f"办结：{OUTCOME_BY_CODE[outcome].full_label}"
        )
    application.outcome = outcome
    application.closed_on = on
    application.state = state
    application.save()
    _audit(actor, application, "close", before, note=note or OUTCOME_BY_CODE[outcome].full_label)
    notice = application.notices.filter(kind=NoticeKind.REPLY, sent_on__isnull=True).first()
    default_text = notices.notice_text(
        NoticeKind.REPLY, application, wording=wording, withheld=list(withheld)
    )
    if notice is None:
        notice = _draft_notice(
            application, NoticeKind.REPLY, outcome=outcome, wording=wording, withheld=list(withheld)
        )
    elif notice.outcome != outcome:
        notice.outcome = outcome
    final = (notice.text or default_text) if text is None else text
    if not final.strip():
        raise ActionRefused("答复告知书正文不能为空", field="text")
    _store_sent(actor, notice, final, on)
    _mail_applicant(application, notice.title, notice.text)
    return notice


@transaction.atomic
def answer_on_the_spot(
    actor, application: Application, *, outcome: str, values: dict, on: date | None = None
):
    """当场答复 (条例第三十三条第一款): closes at once."""
    application = _lock(application)
    target = _go(actor, application, "answer_on_the_spot")
    on = _day(on, "答复日期")
    if application.state == State.RECEIVED:
        application.confirmed_on = on
        _accept(
            actor,
            application,
            receipt_date(application.channel, submitted_on=on, confirmed_on=on, signed_on=on),
        )
    application.on_the_spot = True
    _close_and_send(actor, application, state=target, outcome=outcome, on=on, values=values, note="当场答复")
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
    values = {
        "description": notices.subject_of(application.description),
        **{k: v for k, v in values.items() if v},
    }
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
            "drafted_in": application.state,
        },
    )
    application.notices.filter(kind=NoticeKind.REPLY, sent_on__isnull=True).delete()
    _draft_notice(application, NoticeKind.REPLY, outcome=outcome, wording=wording, withheld=withheld)
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
    target = _go(actor, application, "send_reply")
    on = _day(on, "答复日期")
    reply = application.reply
    notice = _close_and_send(
        actor, application, state=target, outcome=reply.outcome, on=on, values=reply.values,
        withheld=reply.withheld, text=text,
    )  # fmt: skip
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


# ---------------------------------------------------------------- released material


@transaction.atomic
def release_redacted(actor, application: Application, *, title: str, text: str, redactions: list[dict]):
    """The released copy of a document with the withheld passages masked, each with its reason."""
    from ..models import Release
    from ..redaction import Redaction, RedactionError, redact

    _go(actor, application, "release")
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
        on=_common._today(),
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


@transaction.atomic
def propose_proactive_disclosure(actor, application: Application, *, title: str = ""):
    """条例第四十四条: information many applicants ask for becomes a proactive-disclosure draft
    in the publishing workflow (it goes through 初审、审核、审发 and 保密审查 there)."""
    from gongkai.publishing.actions import create_document

    _go(actor, application, "propose_disclosure")
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
