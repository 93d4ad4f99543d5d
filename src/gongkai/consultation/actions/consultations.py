"""Preparing, reviewing, opening and closing a consultation.

The draft's text is split into numbered paragraphs when it is saved (and again from the published
document when a document's draft opens, in case the document changed in its own review); once the
consultation is open the paragraphs are fixed, since comments quote them.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import snapshot
from gongkai.common.errors import ActionRefused

from .. import rules
from ..drafts import split_draft
from ..models import Consultation, DecisionItem, Paragraph, Source, State
from ._common import FIELDS, audit, go, lock, now, text, today

TEXT_MAX = 200_000
NOTE_MAX = 5000


def document_text(document) -> str:
    """The plain text of a publishing document's body (rich text is HTML)."""
    body = document.body or ""
    if "<" in body:
        from gongkai.ingest.readers import html_to_text

        return html_to_text(body)
    return body


def read_upload(upload) -> str:
    """The text of an uploaded .docx/.txt draft, or a refusal saying why it cannot be read."""
    from gongkai.ingest.readers import UnreadableFile, read_file

    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith((".docx", ".txt")):
        raise ActionRefused("草案文件须为Word（.docx）或纯文本（.txt）文件", field="draft_file")
    try:
        return read_file(upload.read(), name, max_bytes=settings.GONGKAI_IMPORT_MAX_MB * 1024 * 1024).text
    except UnreadableFile as exc:
        raise ActionRefused(f"无法读取草案文件：{exc}", field="draft_file") from None


def _resplit(consultation: Consultation) -> None:
    paragraphs = split_draft(consultation.draft_text, title=consultation.title)
    if not paragraphs:
        raise ActionRefused("草案全文为空，请粘贴草案全文或上传.docx、.txt文件", field="draft_text")
    consultation.paragraphs.all().delete()
    created = {}
    for p in paragraphs:
        created[p.number] = Paragraph.objects.create(
            consultation=consultation,
            number=p.number,
            kind=p.kind,
            heading=p.heading[:100],
            text=p.text,
            article=created.get(p.article) if p.article else None,
        )


def _clean(
    actor,
    *,
    agency: Agency,
    source: str,
    document,
    decision_item: DecisionItem | None,
    opens_on: date | None,
    closes_on: date | None,
    short_period_reason: str,
) -> tuple[date, date, str]:
    if agency is None:
        raise ActionRefused("请选择起草单位", field="agency")
    if actor is not None and not actor.is_superuser:
        if not actor.has_role(Role.CLERK):
            raise ActionRefused("起草征求意见需要信息公开工作人员角色")
        if actor.agency_id != agency.pk:
            raise ActionRefused("只能为本单位起草征求意见", field="agency")
    if source not in Source.values:
        raise ActionRefused("请选择草案来源", field="source")
    if source == Source.DOCUMENT:
        if document is None:
            raise ActionRefused("请选择作为草案的政府信息", field="document")
        if document.agency_id != agency.pk:
            raise ActionRefused("草案须为本单位的政府信息", field="document")
    if decision_item is not None and not agency.is_within(decision_item.government):
        raise ActionRefused("所选重大行政决策事项不属于本单位所在的人民政府", field="decision_item")
    opens_on = opens_on or today()
    closes_on = closes_on or rules.default_closes_on(opens_on, settings.GONGKAI_CONSULTATION_MIN_DAYS)
    reason = text(
        short_period_reason, "缩短期限的理由", "short_period_reason", limit=NOTE_MAX, required=False
    )
    problem = rules.period_problem(opens_on, closes_on, settings.GONGKAI_CONSULTATION_MIN_DAYS, reason)
    if problem:
        field = "closes_on" if "期限" in problem or "截止" in problem else "opens_on"
        raise ActionRefused(problem, field="short_period_reason" if "理由" in problem else field)
    if rules.period_days(opens_on, closes_on) >= settings.GONGKAI_CONSULTATION_MIN_DAYS:
        reason = ""  # a reason is only for a shorter period
    return opens_on, closes_on, reason


def _explanation(kwargs: dict) -> dict:
    return {
        "background": text(
            kwargs.get("background"), "起草背景", "background", limit=NOTE_MAX, required=False
        ),
        "basis": text(kwargs.get("basis"), "起草依据", "basis", limit=NOTE_MAX, required=False),
        "main_content": text(
            kwargs.get("main_content"), "主要内容", "main_content", limit=NOTE_MAX, required=False
        ),
        "letter_address": text(
            kwargs.get("letter_address"), "信函地址", "letter_address", limit=200, required=False
        ),
        "email": text(kwargs.get("email"), "电子邮箱", "email", limit=254, required=False),
        "fax": text(kwargs.get("fax"), "传真", "fax", limit=30, required=False),
        "phone": text(kwargs.get("phone"), "咨询电话", "phone", limit=30, required=False),
    }


def _draft_text(source: str, document, draft_text: str, draft_file) -> tuple[str, str]:
    if source == Source.DOCUMENT:
        return document_text(document), ""
    if draft_file:
        return read_upload(draft_file), getattr(draft_file, "name", "")[:255]
    return text(draft_text, "草案全文", "draft_text", limit=TEXT_MAX), ""


@transaction.atomic
def create_consultation(
    actor,
    *,
    agency: Agency,
    title: str,
    source: str = Source.UPLOAD,
    document=None,
    draft_text: str = "",
    draft_file=None,
    decision_item: DecisionItem | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    short_period_reason: str = "",
    **explanation,
) -> Consultation:
    """A consultation in 草稿 with its paragraphs. `explanation`: background, basis, main_content
    (起草说明) and the contact channels letter_address, email, fax, phone."""
    title = text(title, "征求意见稿名称", "title", limit=200)
    opens_on, closes_on, reason = _clean(
        actor,
        agency=agency,
        source=source,
        document=document,
        decision_item=decision_item,
        opens_on=opens_on,
        closes_on=closes_on,
        short_period_reason=short_period_reason,
    )
    body, file_name = _draft_text(source, document, draft_text, draft_file)
    consultation = Consultation.objects.create(
        agency=agency,
        title=title,
        source=source,
        document=document if source == Source.DOCUMENT else None,
        draft_text=body,
        draft_file_name=file_name,
        decision_item=decision_item,
        opens_on=opens_on,
        closes_on=closes_on,
        short_period_reason=reason,
        prepared_by=actor,
        **_explanation(explanation),
    )
    _resplit(consultation)
    audit(actor, consultation, "create", None)
    return consultation


@transaction.atomic
def update_consultation(actor, consultation: Consultation, **changes) -> Consultation:
    """Edit a draft (草稿 only): its text, 起草说明, period and contacts; the paragraphs are re-split."""
    consultation = lock(consultation)
    if consultation.state != State.DRAFT:
        raise ActionRefused(f"征求意见当前状态为“{consultation.get_state_display()}”，只有草稿可以修改")
    before = snapshot(consultation, FIELDS)
    current = {
        "agency": consultation.agency,
        "title": consultation.title,
        "source": consultation.source,
        "document": consultation.document,
        "draft_text": consultation.draft_text,
        "decision_item": consultation.decision_item,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "short_period_reason": consultation.short_period_reason,
        **{k: getattr(consultation, k) for k in ("background", "basis", "main_content", "letter_address")},
        **{k: getattr(consultation, k) for k in ("email", "fax", "phone")},
    }
    draft_file = changes.pop("draft_file", None)
    unknown = set(changes) - set(current)
    if unknown:
        raise ActionRefused(f"不能修改“{'、'.join(sorted(unknown))}”")
    merged = current | changes
    if merged["agency"] != consultation.agency:
        raise ActionRefused("不能更改起草单位", field="agency")
    opens_on, closes_on, reason = _clean(
        actor,
        agency=consultation.agency,
        source=merged["source"],
        document=merged["document"],
        decision_item=merged["decision_item"],
        opens_on=merged["opens_on"],
        closes_on=merged["closes_on"],
        short_period_reason=merged["short_period_reason"],
    )
    consultation.title = text(merged["title"], "征求意见稿名称", "title", limit=200)
    consultation.source = merged["source"]
    consultation.document = merged["document"] if merged["source"] == Source.DOCUMENT else None
    body, file_name = _draft_text(merged["source"], merged["document"], merged["draft_text"], draft_file)
    consultation.draft_text = body
    if file_name:
        consultation.draft_file_name = file_name
    consultation.decision_item = merged["decision_item"]
    consultation.opens_on, consultation.closes_on, consultation.short_period_reason = (
        opens_on,
        closes_on,
        reason,
    )
    for name, value in _explanation(merged).items():
        setattr(consultation, name, value)
    consultation.save()
    _resplit(consultation)
    audit(actor, consultation, "update", before)
    return consultation


# ---------------------------------------------------------------- the workflow's actions


@transaction.atomic
def submit_consultation(actor, consultation: Consultation, **_) -> Consultation:
    consultation = lock(consultation)
    target = go(actor, consultation, "submit")
    before = snapshot(consultation, FIELDS)
    consultation.state = target
    consultation.save(update_fields=["state", "updated_at"])
    audit(actor, consultation, "submit", before)
    return consultation


@transaction.atomic
def approve_consultation(actor, consultation: Consultation, note: str = "", **_) -> Consultation:
    consultation = lock(consultation)
    target = go(actor, consultation, "approve")
    before = snapshot(consultation, FIELDS)
    consultation.state = target
    consultation.reviewed_by, consultation.reviewed_at = actor, now()
    consultation.review_note = text(note, "审核意见", "note", limit=NOTE_MAX, required=False)
    consultation.save()
    audit(actor, consultation, "approve", before, consultation.review_note)
    return consultation


@transaction.atomic
def return_consultation(actor, consultation: Consultation, reason: str = "", **_) -> Consultation:
    consultation = lock(consultation)
    target = go(actor, consultation, "return")
    reason = text(reason, "退回理由", "reason", limit=NOTE_MAX)
    before = snapshot(consultation, FIELDS)
    consultation.state = target
    consultation.review_note = reason
    consultation.reviewed_by, consultation.reviewed_at = None, None
    consultation.save()
    audit(actor, consultation, "return", before, reason)
    return consultation


@transaction.atomic
def open_consultation(actor, consultation: Consultation, **_) -> Consultation:
    """Publish the draft for comment. A period that would start in the past starts today (and must
    still satisfy the minimum); a later start date keeps the page up with the form not yet open."""
    consultation = lock(consultation)
    target = go(actor, consultation, "open")
    before = snapshot(consultation, FIELDS)
    if consultation.source == Source.DOCUMENT:
        consultation.draft_text = document_text(consultation.document)
        _resplit(consultation)
    opens_on = max(consultation.opens_on, today())
    problem = rules.period_problem(
        opens_on,
        consultation.closes_on,
        settings.GONGKAI_CONSULTATION_MIN_DAYS,
        consultation.short_period_reason,
    )
    if problem:
        raise ActionRefused(f"从今天开始计算，{problem}，请先修改征求意见期限")
    consultation.opens_on = opens_on
    consultation.state = target
    consultation.opened_at = now()
    consultation.save()
    audit(actor, consultation, "open", before)
    return consultation


@transaction.atomic
def close_consultation(actor, consultation: Consultation, **_) -> Consultation:
    consultation = lock(consultation)
    target = go(actor, consultation, "close")
    before = snapshot(consultation, FIELDS)
    consultation.state = target
    consultation.closed_at = now()
    consultation.save(update_fields=["state", "closed_at", "updated_at"])
    audit(actor, consultation, "close", before)
    return consultation


def close_due_consultations(*, dry_run: bool = False) -> list[Consultation]:
    """Close every open consultation whose close date has passed (the scheduled job); idempotent."""
    due = list(Consultation.objects.filter(state=State.OPEN, closes_on__lt=today()).order_by("pk"))
    if not dry_run:
        for consultation in due:
            close_consultation(None, consultation)
    return due


def consultations_visible_to(actor):
    """Staff's consultations: their agency's (a supervisor's: the subtree's)."""
    from gongkai.agencies.scope import scoped

    return scoped(actor, Consultation.objects.all())


def can_manage(actor, consultation: Consultation) -> bool:
    return actor.is_superuser or (
        actor.agency_id == consultation.agency_id and can_see_agency(actor, consultation.agency)
    )
