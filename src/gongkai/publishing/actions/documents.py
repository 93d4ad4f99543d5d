"""Drafting documents: create, update, validity, attachments; forbidden words, screening and its findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.ingest import screening
from gongkai.ingest.extract import HIGH, Extraction, _read_doc_number
from gongkai.workdays.services import count_start_day, current_calendar

from ..bodies import html_to_text, replace_text, sanitise
from ..filetypes import RefusedFile, sniff
from ..models import (
    Attachment,
    Disclosure,
    Document,
    Finding,
    FindingReveal,
    ForbiddenWord,
    Interpretation,
    Revision,
    State,
    Topic,
    Validity,
    WithheldCategory,
)
from ._common import DOC_FIELDS, EDITABLE_STATES, _lock, _now, _require_role
from .publication import _index_document

# --- revisions and time limits -----------------------------------------------------------------


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
    return settings.GONGKAI_PUBLISH_LIMIT_DAYS


def normative_limit_days() -> int:
    return settings.GONGKAI_NORMATIVE_LIMIT_DAYS


def compute_due(doc: Document) -> tuple[dt.date | None, bool]:
    """条例26: 20 working days from made_on; normative documents: 5 from written_on (RULES.md §5).

    A normative document keeps its short limit while its 成文日期 is still missing (counted from
    made_on until then): it cannot pass 审发 without one anyway (`check_normative`)."""
    if doc.is_normative and (doc.written_on or doc.made_on):
        start, days = doc.written_on or doc.made_on, normative_limit_days()
    elif doc.made_on:
        start, days = doc.made_on, publish_limit_days()
    else:
        return None, False
    deadline = current_calendar().add_workdays(start, days, count_start_day=count_start_day())
    return deadline.due, deadline.provisional


def normalise_doc_number(value: str) -> str:
    """A typed 文号 read by the importer's own rule: 示财发[2026]088号 → 示财发〔2026〕88号. A value
    the rule cannot read with certainty (no brackets, no year) is kept as typed."""
    value = (value or "").strip()
    ex = Extraction()
    _read_doc_number(value, "", ex)
    if ex.doc_number and ex.confidence.get("doc_number") == HIGH:
        return ex.doc_number
    return value


def _check_document(doc: Document) -> None:
    doc.doc_number = normalise_doc_number(doc.doc_number)
    if len(doc.doc_number) > 60:
        raise ActionRefused("文号过长（不超过60字）", field="doc_number")
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
        doc.replaced_by, doc.validity_changed_on = None, None
    elif doc.validity_changed_on is None:
        doc.validity_changed_on = timezone.localdate()
    if doc.validity_changed_on and doc.validity_changed_on > timezone.localdate():
        raise ActionRefused("有效性变更日期不能晚于今天", field="validity_changed_on")
    if doc.is_regulation and doc.is_normative:
        raise ActionRefused("规章和行政规范性文件只能选一项", field="is_regulation")
    if doc.replaced_by_id and doc.replaced_by_id == doc.pk:
        raise ActionRefused("替代文件不能是本文件自身", field="replaced_by")


def check_normative(doc: Document) -> None:
    """A 行政规范性文件 is numbered and dated before it is signed off and published: its 文号 is
    how it is cited, and its 5-working-day limit runs from its 成文日期."""
    if not doc.is_normative:
        return
    missing = [
        (field, label)
        for field, label, value in (
            ("doc_number", "文号", doc.doc_number.strip()),
            ("written_on", "成文日期", doc.written_on),
        )
        if not value
    ]
    if missing:
        labels = "和".join(label for _, label in missing)
        raise ActionRefused(f"行政规范性文件须填写{labels}", field=missing[0][0])


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


# --- documents ---------------------------------------------------------------------------------


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
    after = snapshot(doc, DOC_FIELDS) | {
        "publishers": sorted(doc.publishers.values_list("pk", flat=True)),
        "topics": sorted(doc.topics.values_list("pk", flat=True)),
    }
    if import_info:
        after["import_warnings"] = list(doc.import_warnings)
    record_audit(actor=actor, action="publishing.document.create", target=doc, after=after)
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
        actor=actor,
        action="publishing.document.update",
        target=doc,
        before=before,
        after=snapshot(doc, DOC_FIELDS),
    )
    return doc


@transaction.atomic
def set_validity(
    actor: Staff,
    doc: Document,
    *,
    validity: str,
    replaced_by: Document | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> Document:
    """Mark a published document 已修改/已废止/已失效 (shown as a banner on its page) as of `on`
    (default today; the annual report counts 本年废止件数 by it), or valid again."""
    doc = _lock(doc)
    _require_role(actor, doc.agency, Role.CLERK, Role.SIGNER, doing="变更有效性")
    if validity not in Validity.values:
        raise ActionRefused("未知的有效性", field="validity")
    if replaced_by is not None and replaced_by.pk == doc.pk:
        raise ActionRefused("替代文件不能是本文件自身", field="replaced_by")
    today = timezone.localdate()
    if on is not None and on > today:
        raise ActionRefused("有效性变更日期不能晚于今天", field="on")
    made = doc.written_on or doc.made_on
    if on is not None and made and on < made:
        raise ActionRefused("有效性变更日期不能早于文件的成文日期", field="on")
    unchanged = validity == doc.validity and (on is None or on == doc.validity_changed_on)
    if unchanged and (replaced_by is None or replaced_by.pk == doc.replaced_by_id):
        return doc  # a re-submitted change: nothing to record twice
    before = snapshot(doc, ["validity", "replaced_by", "validity_changed_on"])
    if validity == Validity.VALID:
        doc.validity_changed_on = None
    elif validity != doc.validity or on is not None:
        doc.validity_changed_on = on or today
    doc.validity = validity
    doc.replaced_by = replaced_by if validity != Validity.VALID else None
    doc.save(update_fields=["validity", "replaced_by", "validity_changed_on", "updated_at"])
    _save_revision(actor, doc, note or f"有效性变更为{doc.get_validity_display()}")
    record_audit(
        actor=actor, action="publishing.document.set_validity", target=doc, before=before,
        after=snapshot(doc, ["validity", "replaced_by", "validity_changed_on"]), note=note,
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
    limit = settings.GONGKAI_ATTACHMENT_MAX_MB
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
        action="publishing.document.attach",
        target=doc,
        after={"name": name, "kind": kind, "size": len(data)},
    )
    return attachment


# --- screening ---------------------------------------------------------------------------------


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


def _check_word(word: str, *, exclude: int | None = None) -> str:
    word = (word or "").strip()
    if not word or len(word) > 60:
        raise ActionRefused("禁用词应为1至60个字符", field="word")
    if ForbiddenWord.objects.exclude(pk=exclude).filter(word=word).exists():
        raise ActionRefused(f"“{word}”已在禁用词表中", field="word")
    return word


def _require_sysadmin(actor: Staff | None) -> None:
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused("只有系统管理员可以维护禁用词表")


@transaction.atomic
def add_forbidden_word(actor: Staff | None, word: str, *, is_active: bool = True) -> ForbiddenWord:
    _require_sysadmin(actor)
    word = _check_word(word)
    item = ForbiddenWord.objects.create(word=word, is_active=is_active)
    record_audit(actor=actor, action="publishing.forbidden_word.add", target=item, after={"word": word})
    return item


@transaction.atomic
def update_forbidden_word(
    actor: Staff | None, item: ForbiddenWord, *, word: str | None = None, is_active: bool | None = None
) -> ForbiddenWord:
    """Correct a word, or switch it off and on (screening reads only the active ones)."""
    _require_sysadmin(actor)
    item = _lock(item)
    before = snapshot(item, ["word", "is_active"])
    if word is not None:
        item.word = _check_word(word, exclude=item.pk)
    if is_active is not None:
        item.is_active = bool(is_active)
    after = snapshot(item, ["word", "is_active"])
    if after == before:
        return item
    item.save(update_fields=["word", "is_active"])
    record_audit(
        actor=actor, action="publishing.forbidden_word.update", target=item, before=before, after=after
    )
    return item


@transaction.atomic
def remove_forbidden_word(actor: Staff | None, item: ForbiddenWord) -> None:
    """Take a word off the list; findings it raised stay on their documents as they were."""
    _require_sysadmin(actor)
    item = _lock(item)
    record_audit(
        actor=actor,
        action="publishing.forbidden_word.remove",
        target=item,
        before=snapshot(item, ["word", "is_active"]),
    )
    item.delete()


def screened_text(obj: Document | Interpretation) -> str:
    """What screening reads: the title, the summary and the body as a reader sees it."""
    if isinstance(obj, Interpretation):
        return "\n".join([obj.title, html_to_text(obj.body)])
    return "\n".join([obj.title, obj.summary, html_to_text(obj.body)])


def _owner_filter(obj: Document | Interpretation) -> dict[str, Any]:
    return {"interpretation": obj} if isinstance(obj, Interpretation) else {"document": obj}


def _screen(obj: Document | Interpretation) -> list[Finding]:
    """Findings of the current text: new ones open, kept ones as they were, vanished ones 'gone'.

    Documents and interpretations share it: whatever reaches a public page is screened alike."""
    owner = _owner_filter(obj)
    current = screening.screen(screened_text(obj), forbidden_words())
    findings = Finding.objects.filter(**owner)
    existing = {(f.kind, f.text): f for f in findings.exclude(resolution=Finding.Resolution.GONE)}
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
                    **owner,
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
    return list(findings.filter(resolution=Finding.Resolution.OPEN))


def open_findings_count(obj: Document | Interpretation) -> int:
    return Finding.objects.filter(**_owner_filter(obj), resolution=Finding.Resolution.OPEN).count()


def guide_findings(body: str) -> list[screening.Finding]:
    """The 公开指南 is published as saved, so it is screened at saving (see update_guide)."""
    return screening.screen(html_to_text(body), forbidden_words())


@transaction.atomic
def screen_document(actor: Staff | None, doc: Document) -> list[Finding]:
    """Run screening again (e.g. after the forbidden list changed); returns the open findings."""
    doc = _lock(doc)
    if actor is not None:
        _require_role(
            actor, doc.agency, Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER, doing="筛查"
        )
    found = _screen(doc)
    record_audit(
        actor=actor, action="publishing.document.screen", target=doc, after={"open_findings": len(found)}
    )
    return found


def _lock_finding(finding: Finding) -> tuple[Finding, Document | Interpretation]:
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    owner = _lock(finding.owner)
    if not finding.is_open:
        raise ActionRefused(f"该筛查发现已处理（{finding.get_resolution_display()}）")
    if owner.state in (State.PUBLISHED,):
        raise ActionRefused("已发布的信息不能在此处理筛查发现，请先撤销发布")
    return finding, owner


def _finding_audit(finding: Finding) -> dict[str, Any]:
    """What the audit trail keeps of a finding: never personal data in clear."""
    return {"finding": finding.pk, "kind": finding.kind, "text": finding.shown_text}


@transaction.atomic
def redact_finding(actor: Staff, finding: Finding) -> Finding:
    """Mask the finding everywhere it appears in the title, summary and body (a document gets a
    new Revision)."""
    finding, owner = _lock_finding(finding)
    _require_role(actor, owner.agency, Role.CLERK, Role.SECRECY_REVIEWER, doing="遮盖筛查发现")
    body, in_body = replace_text(owner.body, finding.text, finding.suggestion)
    in_title = owner.title.count(finding.text)
    in_summary = owner.summary.count(finding.text) if isinstance(owner, Document) else 0
    if not (in_body or in_title or in_summary):
        raise ActionRefused("正文中找不到该内容（可能被格式分隔），请在编辑页手工修改")
    owner.body = body
    owner.title = owner.title.replace(finding.text, finding.suggestion)
    if isinstance(owner, Document):
        owner.summary = owner.summary.replace(finding.text, finding.suggestion)
        owner.save(update_fields=["body", "title", "summary", "updated_at"])
    else:
        owner.save(update_fields=["body", "title"])
    finding.resolution, finding.resolved_by, finding.resolved_at = Finding.Resolution.REDACTED, actor, _now()
    finding.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    if isinstance(owner, Document):
        _save_revision(actor, owner, f"遮盖{finding.get_kind_display()}")
    record_audit(
        actor=actor, action="publishing.finding.redact", target=owner,
        after={"kind": finding.kind, "suggestion": finding.suggestion},
        note=f"遮盖{finding.get_kind_display()}",
    )  # fmt: skip
    return finding


@transaction.atomic
def accept_finding(actor: Staff, finding: Finding, *, reason: str) -> Finding:
    """The secrecy reviewer keeps the passage as it is, with a written reason (谁审查谁负责)."""
    finding, owner = _lock_finding(finding)
    _require_role(actor, owner.agency, Role.SECRECY_REVIEWER, doing="同意保留筛查发现")
    if not (reason or "").strip():
        raise ActionRefused("请写明同意保留的理由", field="reason")
    finding.resolution, finding.reason = Finding.Resolution.ACCEPTED, reason.strip()
    finding.resolved_by, finding.resolved_at = actor, _now()
    finding.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    record_audit(
        actor=actor, action="publishing.finding.accept", target=owner,
        after=_finding_audit(finding), note=finding.reason,
    )  # fmt: skip
    return finding


@transaction.atomic
def reveal_finding(actor: Staff, finding: Finding, *, reason: str) -> str:
    """The clear text of a personal-data finding, for staff of the owning agency who give a reason;
    every reveal is logged and audited, as for applicants' personal data."""
    finding = Finding.objects.select_related("document__agency", "interpretation__agency").get(pk=finding.pk)
    owner = finding.owner
    _require_role(
        actor, owner.agency, Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER,
        doing="查看筛查发现的完整内容",
    )  # fmt: skip
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("请填写查看事由", field="reason")
    FindingReveal.objects.create(finding=finding, staff=actor, reason=reason[:200])
    record_audit(
        actor=actor, action="publishing.finding.reveal", target=owner, agency=owner.agency,
        after={"finding": finding.pk, "kind": finding.kind},
        note=f"查看筛查发现完整内容：{reason}",
    )  # fmt: skip
    return finding.text
