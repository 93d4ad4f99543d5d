"""Every write of 主动公开: documents, screening, review, publication, interpretations, guides.

Each function runs in one transaction, checks before it changes anything (ActionRefused with a
Chinese message), writes its audit entry, and defers the search index to `transaction.on_commit`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.workdays.services import count_start_day, current_calendar

from . import screening, workflow
from .bodies import html_to_text, replace_text, sanitise
from .filetypes import RefusedFile, sniff
from .models import (
    Attachment,
    Column,
    Disclosure,
    Document,
    Expert,
    Finding,
    ForbiddenWord,
    Guide,
    IndexCounter,
    Interpretation,
    PublishingPolicy,
    ReviewStep,
    Revision,
    State,
    Subject,
    Topic,
    Validity,
    WithheldCategory,
)
from .numbering import format_index_number, pattern_problem

log = logging.getLogger(__name__)

# The fields a clerk edits; each save keeps them all in a Revision.
DOC_FIELDS = [
    "title",
    "summary",
    "made_on",
    "written_on",
    "doc_number",
    "subject",
    "genre",
    "keywords",
    "validity",
    "replaced_by",
    "disclosure",
    "withheld_category",
    "withheld_reason",
    "column",
    "is_normative",
    "body",
    "addressees",
    "note",
    "secrecy",
    "urgency",
    "attachment_names",
]
M2M_FIELDS = ["publishers", "topics"]
STATE_FIELDS = ["state", "index_number", "published_at", "scheduled_at", "review_round"]
EDITABLE_STATES = (State.DRAFT,)


# --- small helpers ---------------------------------------------------------------------------


def _now() -> dt.datetime:
    return timezone.now()


def _require_role(actor: Staff | None, agency: Agency, *roles: str, doing: str) -> None:
    if actor is None or not actor.is_authenticated:
        raise ActionRefused("请先登录")
    if actor.is_superuser:
        return
    if actor.agency_id != agency.pk:
        raise ActionRefused(f"只有{agency.name}的工作人员可以{doing}")
    if not actor.has_role(*roles):
        labels = "、".join(str(Role(r).label) for r in roles)
        raise ActionRefused(f"{doing}需要以下角色之一：{labels}")


def _lock(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def revision_data(doc: Document) -> dict[str, Any]:
    data = snapshot(doc, DOC_FIELDS)
    data["publishers"] = [a.name for a in doc.publishers.all()]
    data["topics"] = [t.name for t in doc.topics.all()]
    data["subject"] = doc.subject.label if doc.subject_id else None
    data["column"] = doc.column.name if doc.column_id else None
    data["validity"] = str(Validity(doc.validity).label)
    data["disclosure"] = str(Disclosure(doc.disclosure).label)
    if doc.withheld_category:
        data["withheld_category"] = str(WithheldCategory(doc.withheld_category).label)
    return data


def _save_revision(actor, doc: Document, note: str) -> Revision:
    last = doc.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return Revision.objects.create(
        document=doc, number=last + 1, author=actor if getattr(actor, "pk", None) else None,
        note=note, data=revision_data(doc),
    )  # fmt: skip


def publish_limit_days() -> int:
    return int(getattr(settings, "GONGKAI_PUBLISH_LIMIT_DAYS", 20))


def normative_limit_days() -> int:
    return int(getattr(settings, "GONGKAI_NORMATIVE_LIMIT_DAYS", 5))


def compute_due(doc: Document) -> tuple[dt.date | None, bool]:
    """条例26: 20 working days from made_on; normative documents: 5 from written_on (RULES.md §5)."""
    if doc.is_normative and doc.written_on:
        start, days = doc.written_on, normative_limit_days()
    elif doc.made_on:
        start, days = doc.made_on, publish_limit_days()
    else:
        return None, False
    deadline = current_calendar().add_workdays(start, days, count_start_day=count_start_day())
    return deadline.due, deadline.provisional


def _check_document(doc: Document) -> None:
    if not doc.title.strip():
        raise ActionRefused("信息名称不能为空", field="title")
    if len(doc.title) > 300:
        raise ActionRefused("信息名称过长（不超过300字）", field="title")
    if doc.disclosure not in Disclosure.values:
        raise ActionRefused("未知的公开属性", field="disclosure")
    if doc.validity not in Validity.values:
        raise ActionRefused("未知的有效性", field="validity")
    if doc.disclosure == Disclosure.PROACTIVE:
        doc.withheld_category, doc.withheld_reason = "", ""
    elif doc.withheld_category and doc.withheld_category not in WithheldCategory.values:
        raise ActionRefused("未知的不主动公开理由类别", field="withheld_category")
    if doc.written_on and doc.made_on and doc.written_on > doc.made_on + dt.timedelta(days=366):
        raise ActionRefused("成文日期晚于生成日期一年以上，请核对", field="written_on")
    if doc.validity == Validity.VALID:
        doc.replaced_by = None
    if doc.replaced_by_id and doc.replaced_by_id == doc.pk:
        raise ActionRefused("替代文件不能是本文件自身", field="replaced_by")


def _check_disclosure_reason(doc: Document) -> None:
    """A non-proactive attribute is approved together with its reason (国办发〔2016〕80号)."""
    if doc.disclosure == Disclosure.PROACTIVE:
        return
    if not doc.withheld_category:
        raise ActionRefused(
            "依申请公开或不予公开的信息须选择理由类别（条例第十四至十六条）", field="withheld_category"
        )
    if not doc.withheld_reason.strip():
        raise ActionRefused("依申请公开或不予公开的信息须写明具体理由", field="withheld_reason")


def _set_m2m(doc: Document, publishers: Iterable[Agency] | None, topics: Iterable[Topic] | None) -> None:
    if publishers is not None:
        doc.publishers.set(list(publishers) or [doc.agency])
    if topics is not None:
        doc.topics.set(list(topics))


# --- documents -------------------------------------------------------------------------------


@transaction.atomic
def create_document(
    actor: Staff,
    *,
    title: str,
    agency: Agency | None = None,
    body: str = "",
    publishers: Iterable[Agency] = (),
    topics: Iterable[Topic] = (),
    made_on: dt.date | None = None,
    forwarded_by: Document | None = None,
    import_info: dict | None = None,
    **fields: Any,
) -> Document:
    """A new draft of `agency` (default: the actor's). Screened at once; revision 1 kept."""
    agency = agency or getattr(actor, "agency", None)
    if agency is None:
        raise ActionRefused("请选择所属机关")
    _require_role(actor, agency, Role.CLERK, doing="起草政府信息")
    unknown = set(fields) - set(DOC_FIELDS)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    doc = Document(
        agency=agency,
        title=(title or "").strip(),
        body=sanitise(body),
        made_on=made_on or timezone.localdate(),
        created_by=actor,
        forwarded_by=forwarded_by,
        **fields,
    )
    for key, value in (import_info or {}).items():
        setattr(doc, key, value)
    _check_document(doc)
    doc.due_on, doc.due_provisional = compute_due(doc)
    doc.save()
    _set_m2m(doc, publishers, topics)
    _save_revision(actor, doc, "创建" if not import_info else "导入")
    _screen(doc)
    record_audit(actor=actor, action="document.create", target=doc, after=snapshot(doc, DOC_FIELDS))
    return doc


@transaction.atomic
def update_document(
    actor: Staff,
    doc: Document,
    *,
    publishers: Iterable[Agency] | None = None,
    topics: Iterable[Topic] | None = None,
    note: str = "",
    **changes: Any,
) -> Document:
    """Save changed metadata or body as a new Revision, and screen again."""
    doc = _lock(doc)
    _require_role(actor, doc.agency, Role.CLERK, doing="修改政府信息")
    if doc.state not in EDITABLE_STATES:
        raise ActionRefused(f"“{doc.get_state_display()}”状态的信息不能修改；请先退回或撤回修改")
    unknown = set(changes) - set(DOC_FIELDS)
    if unknown:
        raise TypeError(f"unknown document fields: {sorted(unknown)}")
    before = snapshot(doc, DOC_FIELDS)
    for key, value in changes.items():
        setattr(doc, key, value)
    if "title" in changes:
        doc.title = (doc.title or "").strip()
    if "body" in changes:
        doc.body = sanitise(doc.body)
    _check_document(doc)
    doc.due_on, doc.due_provisional = compute_due(doc)
    doc.save()
    _set_m2m(doc, publishers, topics)
    _save_revision(actor, doc, note or "修改")
    _screen(doc)
    record_audit(
        actor=actor, action="document.update", target=doc, before=before, after=snapshot(doc, DOC_FIELDS)
    )
    return doc


@transaction.atomic
def set_validity(
    actor: Staff, doc: Document, *, validity: str, replaced_by: Document | None = None, note: str = ""
) -> Document:
    """Mark a published document 已修改/已废止/已失效 (shown as a banner on its page)."""
    doc = _lock(doc)
    _require_role(actor, doc.agency, Role.CLERK, Role.SIGNER, doing="变更有效性")
    if validity not in Validity.values:
        raise ActionRefused("未知的有效性", field="validity")
    if replaced_by is not None and replaced_by.pk == doc.pk:
        raise ActionRefused("替代文件不能是本文件自身", field="replaced_by")
    before = snapshot(doc, ["validity", "replaced_by"])
    doc.validity = validity
    doc.replaced_by = replaced_by if validity != Validity.VALID else None
    doc.save(update_fields=["validity", "replaced_by", "updated_at"])
    _save_revision(actor, doc, note or f"有效性变更为{doc.get_validity_display()}")
    record_audit(
        actor=actor, action="document.validity", target=doc, before=before,
        after=snapshot(doc, ["validity", "replaced_by"]), note=note,
    )  # fmt: skip
    if doc.is_public:
        transaction.on_commit(lambda: _index_document(doc.pk))
    return doc


ALLOWED_UPLOAD_KINDS = {k for k in Attachment.Kind.values}


@transaction.atomic
def add_attachment(actor: Staff, doc: Document, *, name: str, data: bytes) -> Attachment:
    """Attach a file, its type judged by content; refused when too large or not an accepted type."""
    _require_role(actor, doc.agency, Role.CLERK, doing="上传附件")
    if doc.state not in EDITABLE_STATES:
        raise ActionRefused("只有草稿可以上传附件")
    limit = int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_MB", 100))
    if len(data) > limit * 1024 * 1024:
        raise ActionRefused(
            f"附件“{name}”过大（{len(data) / 1048576:.1f} MB），上限为 {limit} MB", field="file"
        )
    try:
        kind = sniff(data, name)
    except RefusedFile as exc:
        raise ActionRefused(f"附件“{name}”：{exc}", field="file") from None
    attachment = Attachment(document=doc, name=name[:255], kind=kind, size=len(data), uploaded_by=actor)
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    record_audit(
        actor=actor,
        action="document.attach",
        target=doc,
        after={"name": name, "kind": kind, "size": len(data)},
    )
    return attachment


# --- screening -------------------------------------------------------------------------------


def forbidden_words() -> list[str]:
    words = list(ForbiddenWord.objects.filter(is_active=True).values_list("word", flat=True))
    return words


@transaction.atomic
def seed_forbidden_words() -> int:
    """Add the default list (spam and pornography terms); existing words are left as they are."""
    existing = set(ForbiddenWord.objects.values_list("word", flat=True))
    new = [
        ForbiddenWord(word=w) for w in dict.fromkeys(screening.DEFAULT_FORBIDDEN_WORDS) if w not in existing
    ]
    ForbiddenWord.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def add_forbidden_word(actor: Staff, word: str) -> ForbiddenWord:
    word = (word or "").strip()
    if not word or len(word) > 60:
        raise ActionRefused("禁用词应为1至60个字符", field="word")
    if ForbiddenWord.objects.filter(word=word).exists():
        raise ActionRefused(f"“{word}”已在禁用词表中", field="word")
    item = ForbiddenWord.objects.create(word=word)
    record_audit(actor=actor, action="forbidden_word.add", target=item, after={"word": word})
    return item


def screened_text(doc: Document) -> str:
    """What screening reads: the title, the summary and the body as a reader sees it."""
    return "\n".join([doc.title, doc.summary, html_to_text(doc.body)])


def _screen(doc: Document) -> list[Finding]:
    """Findings of the current text: new ones open, kept ones as they were, vanished ones 'gone'."""
    text = screened_text(doc)
    current = screening.screen(text, forbidden_words())
    existing = {(f.kind, f.text): f for f in doc.findings.exclude(resolution=Finding.Resolution.GONE)}
    seen = set()
    new = []
    for item in current:
        key = (item.kind, item.text)
        if key in seen:
            continue
        seen.add(key)
        finding = existing.get(key)
        if finding is None:
            new.append(
                Finding(
                    document=doc,
                    kind=item.kind,
                    text=item.text[:200],
                    start=item.start,
                    end=item.end,
                    suggestion=item.suggestion[:200],
                )  # fmt: skip
            )
        elif finding.start != item.start:
            Finding.objects.filter(pk=finding.pk).update(start=item.start, end=item.end)
    Finding.objects.bulk_create(new)
    vanished = [f.pk for key, f in existing.items() if key not in seen and f.is_open]
    Finding.objects.filter(pk__in=vanished).update(resolution=Finding.Resolution.GONE, resolved_at=_now())
    return list(doc.findings.filter(resolution=Finding.Resolution.OPEN))


@transaction.atomic
def screen_document(actor: Staff | None, doc: Document) -> list[Finding]:
    """Run screening again (e.g. after the forbidden list changed); returns the open findings."""
    doc = _lock(doc)
    if actor is not None:
        _require_role(
            actor, doc.agency, Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER, doing="筛查"
        )
    found = _screen(doc)
    record_audit(actor=actor, action="document.screen", target=doc, after={"open_findings": len(found)})
    return found


def _lock_finding(finding: Finding) -> tuple[Finding, Document]:
    doc = _lock(finding.document)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not finding.is_open:
        raise ActionRefused(f"该筛查发现已处理（{finding.get_resolution_display()}）")
    if doc.state in (State.PUBLISHED,):
        raise ActionRefused("已发布的信息不能在此处理筛查发现，请先撤销发布")
    return finding, doc


@transaction.atomic
def redact_finding(actor: Staff, finding: Finding) -> Finding:
    """Mask the finding everywhere it appears in the title, summary and body (a new Revision)."""
    finding, doc = _lock_finding(finding)
    _require_role(actor, doc.agency, Role.CLERK, Role.SECRECY_REVIEWER, doing="遮盖筛查发现")
    body, in_body = replace_text(doc.body, finding.text, finding.suggestion)
    in_title = doc.title.count(finding.text)
    in_summary = doc.summary.count(finding.text)
    if not (in_body or in_title or in_summary):
        raise ActionRefused("正文中找不到该内容（可能被格式分隔），请在编辑页手工修改")
    doc.body = body
    doc.title = doc.title.replace(finding.text, finding.suggestion)
    doc.summary = doc.summary.replace(finding.text, finding.suggestion)
    doc.save(update_fields=["body", "title", "summary", "updated_at"])
    finding.resolution, finding.resolved_by, finding.resolved_at = Finding.Resolution.REDACTED, actor, _now()
    finding.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    _save_revision(actor, doc, f"遮盖{finding.get_kind_display()}")
    record_audit(
        actor=actor, action="finding.redact", target=doc,
        after={"kind": finding.kind, "suggestion": finding.suggestion},
        note=f"遮盖{finding.get_kind_display()}",
    )  # fmt: skip
    return finding


@transaction.atomic
def accept_finding(actor: Staff, finding: Finding, *, reason: str) -> Finding:
    """The secrecy reviewer keeps the passage as it is, with a written reason (谁审查谁负责)."""
    finding, doc = _lock_finding(finding)
    _require_role(actor, doc.agency, Role.SECRECY_REVIEWER, doing="同意保留筛查发现")
    if not (reason or "").strip():
        raise ActionRefused("请写明同意保留的理由", field="reason")
    finding.resolution, finding.reason = Finding.Resolution.ACCEPTED, reason.strip()
    finding.resolved_by, finding.resolved_at = actor, _now()
    finding.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    record_audit(
        actor=actor, action="finding.accept", target=doc,
        after={"kind": finding.kind, "text": finding.text}, note=finding.reason,
    )  # fmt: skip
    return finding


# --- review ------------------------------------------------------------------------------------


def _record_step(obj, actor, step: str, decision: str, comment: str) -> ReviewStep:
    owner = {"document": obj} if isinstance(obj, Document) else {"interpretation": obj}
    return ReviewStep.objects.create(
        **owner, review_round=obj.review_round, step=step, decision=decision,
        actor=actor if getattr(actor, "pk", None) else None,
        agency=getattr(actor, "agency", None), comment=comment,
    )  # fmt: skip


def _audit_name(obj) -> str:
    return "document" if isinstance(obj, Document) else "interpretation"


@transaction.atomic
def submit_document(actor: Staff, obj: Document | Interpretation, *, comment: str = ""):
    """Send a draft into review: the first step this agency's policy has switched on."""
    obj = _lock(obj)
    transition = workflow.check(actor, obj, "submit")
    if isinstance(obj, Document):
        _check_disclosure_reason(obj)
    policy = workflow.policy_for(obj.agency)
    obj.review_round += 1
    obj.via_agency = policy.publish_via if policy.publish_via_id not in (None, obj.agency_id) else None
    before = obj.state
    obj.state = workflow.target_of(obj, transition)
    obj.save()
    _record_step(obj, actor, State.DRAFT, ReviewStep.Decision.SUBMITTED, comment)
    record_audit(
        actor=actor, action=f"{_audit_name(obj)}.submit", target=obj,
        before={"state": before}, after={"state": obj.state}, note=comment,
    )  # fmt: skip
    return obj


@transaction.atomic
def approve_step(actor: Staff, obj: Document | Interpretation, *, comment: str = ""):
    """Pass the current review step; the secrecy step needs every screening finding resolved."""
    obj = _lock(obj)
    transition = workflow.check(actor, obj, "approve")
    step = obj.state
    if step == State.SECRECY_REVIEW and isinstance(obj, Document):
        open_count = obj.findings.filter(resolution=Finding.Resolution.OPEN).count()
        if open_count:
            raise ActionRefused(
                f"还有{open_count}项筛查发现未处理（遮盖或说明理由后同意保留），保密审查不能通过"
            )
    obj.state = workflow.target_of(obj, transition)
    obj.save()
    _record_step(obj, actor, step, ReviewStep.Decision.APPROVED, comment)
    record_audit(
        actor=actor, action=f"{_audit_name(obj)}.approve", target=obj,
        before={"state": step}, after={"state": obj.state}, note=comment,
    )  # fmt: skip
    return obj


@transaction.atomic
def reject_step(actor: Staff, obj: Document | Interpretation, *, comment: str):
    """Return the document to its drafter, with the reason."""
    obj = _lock(obj)
    workflow.check(actor, obj, "reject")
    if not (comment or "").strip():
        raise ActionRefused("退回时须写明理由", field="comment")
    step = obj.state
    obj.state = State.DRAFT
    obj.save()
    _record_step(obj, actor, step, ReviewStep.Decision.REJECTED, comment.strip())
    record_audit(
        actor=actor, action=f"{_audit_name(obj)}.reject", target=obj,
        before={"state": step}, after={"state": obj.state}, note=comment.strip(),
    )  # fmt: skip
    return obj


@transaction.atomic
def withdraw_document(actor: Staff, obj: Document | Interpretation, *, comment: str = ""):
    """Take an approved (待发布) document back to draft to change it; review starts again."""
    obj = _lock(obj)
    workflow.check(actor, obj, "withdraw")
    obj.state, obj.scheduled_at = State.DRAFT, None
    obj.save()
    _record_step(obj, actor, State.READY, ReviewStep.Decision.REJECTED, comment or "撤回修改")
    record_audit(actor=actor, action=f"{_audit_name(obj)}.withdraw", target=obj, note=comment)
    return obj


# --- publication -------------------------------------------------------------------------------


def _check_publishable(actor, doc: Document, *, interpretation_waiver: str = "") -> str:
    """Everything that blocks publication; returns the waiver text to record (may be empty)."""
    if doc.disclosure != Disclosure.PROACTIVE:
        raise ActionRefused(f"公开属性为“{doc.get_disclosure_display()}”的信息不在门户网站主动公开")
    open_count = doc.findings.filter(resolution=Finding.Resolution.OPEN).count()
    if open_count:
        raise ActionRefused(f"还有{open_count}项筛查发现未处理，不能发布")
    if doc.is_normative and not doc.interpretations.filter(state__in=(State.READY, State.PUBLISHED)).exists():
        waiver = (interpretation_waiver or "").strip() or doc.interpretation_waiver
        if not waiver:
            raise ActionRefused(
                "行政规范性文件应与政策解读同步发布：请先关联已审定的解读，或由审发人说明未同步解读的理由"
            )
        if (
            interpretation_waiver.strip()
            and actor is not None
            and not (actor.is_superuser or actor.has_role(Role.SIGNER))
        ):
            raise ActionRefused("未同步解读的理由须由审发人说明")
        return waiver
    return ""


def index_pattern(agency: Agency) -> str:
    return workflow.policy_for(agency).index_pattern or "{credit_code}/{YYYY}-{NNNNN}"


def assign_index_number(doc: Document, when: dt.datetime) -> str:
    """Take the next number of (agency, year). The counter row is locked until the transaction ends,
    so two app servers publishing at the same moment get consecutive numbers, never the same one."""
    if doc.index_number:
        return doc.index_number
    year = timezone.localtime(when).year
    IndexCounter.objects.get_or_create(agency_id=doc.agency_id, year=year)
    counter = IndexCounter.objects.select_for_update().get(agency_id=doc.agency_id, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    doc.index_number = format_index_number(
        index_pattern(doc.agency), credit_code=doc.agency.credit_code, year=year, seq=counter.last
    )
    doc.index_year = year
    return doc.index_number


def _publish(actor, doc: Document, *, now: dt.datetime, comment: str, waiver: str) -> Document:
    assign_index_number(doc, now)
    doc.state, doc.published_at, doc.scheduled_at = State.PUBLISHED, now, None
    if waiver:
        doc.interpretation_waiver = waiver
    doc.save()
    _record_step(doc, actor, State.READY, ReviewStep.Decision.PUBLISHED, comment or waiver)
    # 同步发布: interpretations approved with the document go out with it.
    for interpretation in doc.interpretations.filter(state=State.READY).select_for_update():
        interpretation.state, interpretation.published_at = State.PUBLISHED, now
        interpretation.save(update_fields=["state", "published_at"])
        _record_step(interpretation, actor, State.READY, ReviewStep.Decision.PUBLISHED, "随文件同步发布")
        transaction.on_commit(lambda pk=interpretation.pk: _index_interpretation(pk))
    record_audit(
        actor=actor, action="document.publish", target=doc,
        after={"index_number": doc.index_number, "published_at": now, "late": doc.is_late()},
        note=comment or waiver,
    )  # fmt: skip
    transaction.on_commit(lambda: _index_document(doc.pk))
    return doc


@transaction.atomic
def publish_document(
    actor: Staff,
    doc: Document,
    *,
    comment: str = "",
    interpretation_waiver: str = "",
    published_at: dt.datetime | None = None,
) -> Document:
    """Publish now: assigns the 索引号; blocked by open findings or a missing interpretation.

    `published_at` in the past records a document that was already published elsewhere (历史信息补录,
    e.g. moving an old site's catalog); the 索引号 then carries that year.
    """
    doc = _lock(doc)
    workflow.check(actor, doc, "publish")
    waiver = _check_publishable(actor, doc, interpretation_waiver=interpretation_waiver)
    now = _now()
    if published_at is not None:
        if published_at > now:
            raise ActionRefused(
                "补录的发布日期不能晚于当前时间；定时发布请使用“定时发布”", field="published_at"
            )
        if doc.written_on and timezone.localdate(published_at) < doc.written_on:
            raise ActionRefused("发布日期不能早于成文日期", field="published_at")
        comment = comment or f"补录历史发布日期 {timezone.localtime(published_at):%Y-%m-%d}"
    return _publish(actor, doc, now=published_at or now, comment=comment, waiver=waiver)


@transaction.atomic
def schedule_publication(
    actor: Staff, doc: Document, *, at: dt.datetime, comment: str = "", interpretation_waiver: str = ""
) -> Document:
    """Publish at `at` (by `publish_scheduled`); the same checks as publishing now, made today."""
    doc = _lock(doc)
    workflow.check(actor, doc, "schedule")
    if at <= _now():
        raise ActionRefused("定时发布时间须晚于当前时间", field="at")
    waiver = _check_publishable(actor, doc, interpretation_waiver=interpretation_waiver)
    doc.scheduled_at = at
    if waiver:
        doc.interpretation_waiver = waiver
    doc.save(update_fields=["scheduled_at", "interpretation_waiver", "updated_at"])
    _record_step(
        doc,
        actor,
        State.READY,
        ReviewStep.Decision.SCHEDULED,
        comment or f"定于{timezone.localtime(at):%Y-%m-%d %H:%M}发布",
    )
    record_audit(
        actor=actor, action="document.schedule", target=doc, after={"scheduled_at": at}, note=comment
    )
    return doc


@dataclass(frozen=True)
class ScheduledResult:
    published: list[Document]
    blocked: list[tuple[Document, str]]


def publish_scheduled(*, now: dt.datetime | None = None, dry_run: bool = False) -> ScheduledResult:
    """Publish every 待发布 document whose time has come. Idempotent: run it every minute."""
    now = now or _now()
    due = list(
        Document.objects.filter(state=State.READY, scheduled_at__lte=now).order_by("scheduled_at", "pk")
    )
    published, blocked = [], []
    for doc in due:
        if dry_run:
            published.append(doc)
            continue
        try:
            with transaction.atomic():
                locked = _lock(doc)
                if locked.state != State.READY or locked.scheduled_at is None or locked.scheduled_at > now:
                    continue  # another worker got there first
                waiver = _check_publishable(None, locked)
                published.append(_publish(None, locked, now=now, comment="定时发布", waiver=waiver))
        except ActionRefused as exc:
            blocked.append((doc, exc.message))
    return ScheduledResult(published, blocked)


@transaction.atomic
def unpublish_document(actor: Staff, doc: Document, *, reason: str) -> Document:
    doc = _lock(doc)
    workflow.check(actor, doc, "unpublish")
    if not (reason or "").strip():
        raise ActionRefused("撤销发布须写明理由", field="reason")
    doc.state, doc.unpublish_reason = State.UNPUBLISHED, reason.strip()
    doc.save(update_fields=["state", "unpublish_reason", "updated_at"])
    _record_step(doc, actor, State.PUBLISHED, ReviewStep.Decision.UNPUBLISHED, reason.strip())
    record_audit(actor=actor, action="document.unpublish", target=doc, note=reason.strip())
    transaction.on_commit(lambda: _unindex("document", doc.pk))
    return doc


@transaction.atomic
def reopen_document(actor: Staff, doc: Document, *, comment: str = "") -> Document:
    doc = _lock(doc)
    workflow.check(actor, doc, "reopen")
    doc.state = State.DRAFT
    doc.save(update_fields=["state", "updated_at"])
    record_audit(actor=actor, action="document.reopen", target=doc, note=comment)
    return doc


# --- search index hooks (gongkai.search) ------------------------------------------------------


def _search_api():
    try:
        from gongkai.search import index
    except ImportError:  # the search app is optional for this module
        return None
    return index


def document_entry_kwargs(doc: Document) -> dict[str, Any]:
    return {
        "agency_id": doc.agency_id,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "body": html_to_text(doc.body),
        "extra_text": " ".join([doc.summary, doc.keywords]),
        "url": doc.get_absolute_url(),
        "published_at": doc.published_at,
        "filters": {
            "subject": doc.subject_id or "",
            "genre": doc.genre,
            "validity": doc.validity,
            "column": doc.column_id or "",
        },
    }


def _index_document(doc_id: int) -> None:
    """Put a public document into the search index, or take a non-public one out."""
    index = _search_api()
    if index is None:
        return
    doc = Document.objects.filter(pk=doc_id).select_related("agency").first()
    if doc is None or not doc.is_public:
        index.remove_entry("document", doc_id)
        return
    index.index_entry("document", doc.pk, **document_entry_kwargs(doc))


def interpretation_entry_kwargs(item: Interpretation) -> dict[str, Any]:
    return {
        "agency_id": item.agency_id,
        "title": item.title,
        "doc_number": "",
        "body": html_to_text(item.body),
        "extra_text": "",
        "url": item.get_absolute_url(),
        "published_at": item.published_at,
        "filters": {},
    }


def _index_interpretation(pk: int) -> None:
    index = _search_api()
    if index is None:
        return
    item = Interpretation.objects.filter(pk=pk).first()
    if item is None or item.state != State.PUBLISHED:
        index.remove_entry("interpretation", pk)
        return
    index.index_entry("interpretation", item.pk, **interpretation_entry_kwargs(item))


def _unindex(kind: str, pk: int) -> None:
    index = _search_api()
    if index is not None:
        index.remove_entry(kind, pk)


# --- interpretations and experts ------------------------------------------------------------


def _check_interpretation(item: Interpretation, documents: list[Document]) -> None:
    if not item.title.strip():
        raise ActionRefused("解读标题不能为空", field="title")
    if item.kind not in Interpretation.Kind.values:
        raise ActionRefused("未知的解读形式", field="kind")
    if not documents:
        raise ActionRefused("解读须关联至少一份文件", field="documents")
    foreign = [d for d in documents if d.agency_id != item.agency_id]
    if foreign:
        raise ActionRefused(f"只能解读本机关的文件：“{foreign[0].title}”不属于本机关", field="documents")


@transaction.atomic
def create_interpretation(
    actor: Staff,
    *,
    title: str,
    documents: Iterable[Document],
    kind: str = Interpretation.Kind.TEXT,
    body: str = "",
    experts: Iterable[Expert] = (),
) -> Interpretation:
    """谁起草谁解读: the drafting agency interprets its own policy."""
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ActionRefused("请先登录")
    _require_role(actor, agency, Role.CLERK, doing="起草政策解读")
    documents, experts = list(documents), list(experts)
    item = Interpretation(
        agency=agency, title=(title or "").strip(), kind=kind, body=sanitise(body), created_by=actor
    )
    _check_interpretation(item, documents)
    if kind == Interpretation.Kind.EXPERT and not experts:
        raise ActionRefused("专家解读须选择解读专家", field="experts")
    foreign_experts = [e for e in experts if e.agency_id != agency.pk]
    if foreign_experts:
        first = foreign_experts[0]
        raise ActionRefused(
            f"只能选择本机关登记的解读专家：“{first.name}”不是本机关登记的专家", field="experts"
        )
    item.save()
    item.documents.set(documents)
    item.experts.set(experts)
    record_audit(
        actor=actor, action="interpretation.create", target=item,
        after={"title": item.title, "kind": kind, "documents": [d.pk for d in documents]},
    )  # fmt: skip
    return item


@transaction.atomic
def publish_interpretation(actor: Staff, item: Interpretation, *, comment: str = "") -> Interpretation:
    """Publish an approved interpretation on its own (one made after its documents went out)."""
    item = _lock(item)
    workflow.check(actor, item, "publish")
    now = _now()
    item.state, item.published_at = State.PUBLISHED, now
    item.save(update_fields=["state", "published_at"])
    _record_step(item, actor, State.READY, ReviewStep.Decision.PUBLISHED, comment)
    record_audit(actor=actor, action="interpretation.publish", target=item, note=comment)
    transaction.on_commit(lambda: _index_interpretation(item.pk))
    return item


EXPERT_FIELDS = ["name", "field", "affiliation"]


def _expert_values(name: str, field: str, affiliation: str) -> dict[str, str]:
    values = {
        "name": (name or "").strip(),
        "field": (field or "").strip(),
        "affiliation": (affiliation or "").strip(),
    }
    if not values["name"]:
        raise ActionRefused("请填写专家姓名", field="name")
    if not values["field"]:
        raise ActionRefused("请填写专家的研究领域", field="field")
    for key, label in (("name", "姓名"), ("field", "研究领域"), ("affiliation", "工作单位")):
        limit = Expert._meta.get_field(key).max_length
        if len(values[key]) > limit:
            raise ActionRefused(f"{label}不能超过{limit}个字", field=key)
    return values


@transaction.atomic
def create_expert(actor: Staff, *, name: str, field: str, affiliation: str = "") -> Expert:
    """登记解读专家 of the actor's agency; its interpretations may then name the expert."""
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ActionRefused("请先登录")
    _require_role(actor, agency, Role.CLERK, Role.SIGNER, doing="登记解读专家")
    expert = Expert.objects.create(agency=agency, **_expert_values(name, field, affiliation))
    record_audit(
        actor=actor,
        action="expert.create",
        target=expert,
        agency=agency,
        after=snapshot(expert, EXPERT_FIELDS),
    )
    return expert


@transaction.atomic
def update_expert(actor: Staff, expert: Expert, *, name: str, field: str, affiliation: str = "") -> Expert:
    """Correct an expert's details; only the agency that registered the expert may."""
    expert = Expert.objects.select_for_update().select_related("agency").get(pk=expert.pk)
    _require_role(actor, expert.agency, Role.CLERK, Role.SIGNER, doing="修改解读专家")
    values = _expert_values(name, field, affiliation)
    before = snapshot(expert, EXPERT_FIELDS)
    if all(before[k] == v for k, v in values.items()):
        return expert
    for key, value in values.items():
        setattr(expert, key, value)
    expert.save(update_fields=list(values))
    record_audit(
        actor=actor,
        action="expert.update",
        target=expert,
        agency=expert.agency,
        before=before,
        after=snapshot(expert, EXPERT_FIELDS),
    )
    return expert


# --- catalog setup: policies, guides, columns, topics --------------------------------------


POLICY_FIELDS = ["check_on", "review_on", "sign_off_on", "allow_same_person", "publish_via", "index_pattern"]


@transaction.atomic
def set_publishing_policy(actor: Staff | None, agency: Agency, **changes: Any) -> PublishingPolicy:
    if actor is not None:
        _require_role(actor, agency, Role.SIGNER, Role.SYSADMIN, doing="设置发布审查规则")
    unknown = set(changes) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"unknown policy fields: {sorted(unknown)}")
    policy, _ = PublishingPolicy.objects.select_for_update().get_or_create(agency=agency)
    before = snapshot(policy, POLICY_FIELDS)
    for key, value in changes.items():
        setattr(policy, key, value)
    problem = pattern_problem(policy.index_pattern)
    if problem:
        raise ActionRefused(problem, field="index_pattern")
    if policy.publish_via_id == agency.pk:
        policy.publish_via = None
    policy.save()
    record_audit(
        actor=actor, action="publishing_policy.set", target=policy, agency=agency,
        before=before, after=snapshot(policy, POLICY_FIELDS),
    )  # fmt: skip
    return policy


@transaction.atomic
def update_guide(actor: Staff | None, agency: Agency, *, body: str) -> Guide:
    if actor is not None:
        _require_role(actor, agency, Role.CLERK, Role.SIGNER, doing="编辑公开指南")
    body = sanitise(body)
    if not html_to_text(body).strip():
        raise ActionRefused("公开指南不能为空", field="body")
    guide = Guide.objects.select_for_update().filter(agency=agency).first()
    before = {"body": guide.body} if guide else None
    if guide is None:
        guide = Guide(agency=agency)
    guide.body, guide.updated_at = body, _now()
    guide.updated_by = actor if getattr(actor, "pk", None) else None
    guide.save()
    record_audit(
        actor=actor, action="guide.update", target=guide, agency=agency, before=before, after={"body": body}
    )
    return guide


@transaction.atomic
def create_column(
    actor: Staff | None,
    *,
    name: str,
    slug: str,
    update_class: str,
    is_key_area: bool = False,
    sort_order: int = 0,
) -> Column:
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused("只有系统管理员可以设置栏目")
    if Column.objects.filter(slug=slug).exists() or Column.objects.filter(name=name).exists():
        raise ActionRefused(f"栏目“{name}”已存在", field="name")
    column = Column.objects.create(
        name=name, slug=slug, update_class=update_class, is_key_area=is_key_area, sort_order=sort_order
    )
    record_audit(
        actor=actor,
        action="column.create",
        target=column,
        after=snapshot(column, ["name", "update_class", "is_key_area"]),
    )
    return column


@transaction.atomic
def create_topic(actor: Staff | None, *, name: str, slug: str) -> Topic:
    if Topic.objects.filter(slug=slug).exists():
        raise ActionRefused(f"专题“{name}”已存在", field="name")
    topic = Topic.objects.create(name=name, slug=slug)
    record_audit(actor=actor, action="topic.create", target=topic, after={"name": name})
    return topic


def subject_by_label(label: str) -> Subject | None:
    """'综合政务\\政务公开' (or with ／ / ›) → the Subject, or None."""
    for sep in ("\\", "/", "／", "›", ">"):
        if sep in label:
            top, sub = (part.strip() for part in label.split(sep, 1))
            return Subject.objects.filter(parent__name=top, name=sub).first()
    return Subject.objects.filter(parent=None, name=label.strip()).first()
