"""Publication: 索引号, publish now or at a set time, unpublish, reopen; the search index hooks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused

from .. import workflow
from ..bodies import html_to_text
from ..models import Disclosure, Document, Finding, IndexCounter, Interpretation, ReviewStep, State
from ..numbering import format_index_number
from ..workflow import DOCUMENTS, INTERPRETATIONS
from ._common import _lock, _now, _record_step

# --- publication -------------------------------------------------------------------------------


def _check_publishable(actor, doc: Document, *, interpretation_waiver: str = "") -> str:
    """Everything that blocks publication; returns the waiver text to record (may be empty)."""
    if doc.disclosure != Disclosure.PROACTIVE:
        raise ActionRefused(f"公开属性为“{doc.get_disclosure_display()}”的信息不在门户网站主动公开")
    open_count = doc.findings.filter(resolution=Finding.Resolution.OPEN).count()
    if open_count:
        raise ActionRefused(f"还有{open_count}项筛查发现未处理，不能发布")
    from .documents import check_normative  # documents imports this module

    check_normative(doc)  # also where the agency's policy has switched 审发 off
    # 同步发布 takes the approved interpretations along: each must be as clean as the document.
    blocked = (
        doc.interpretations.filter(state=State.READY, findings__resolution=Finding.Resolution.OPEN)
        .distinct()
        .first()
    )
    if blocked is not None:
        raise ActionRefused(f"随文件同步发布的解读“{blocked.title}”还有筛查发现未处理，不能发布")
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
    """Publish `doc` (already checked by the caller, or due by schedule) and its approved
    interpretations with it; the states come from the tables."""
    assign_index_number(doc, now)
    doc.state = DOCUMENTS.target(doc, DOCUMENTS.transition(doc, "publish"))
    doc.published_at, doc.scheduled_at = now, None
    if waiver:
        doc.interpretation_waiver = waiver
    doc.save()
    _record_step(doc, actor, State.READY, ReviewStep.Decision.PUBLISHED, comment or waiver)
    # 同步发布: interpretations approved with the document go out with it.
    for interpretation in doc.interpretations.filter(state=State.READY).select_for_update():
        interpretation.state = INTERPRETATIONS.target(
            interpretation, INTERPRETATIONS.transition(interpretation, "publish")
        )
        interpretation.published_at = now
        interpretation.save(update_fields=["state", "published_at"])
        _record_step(interpretation, actor, State.READY, ReviewStep.Decision.PUBLISHED, "随文件同步发布")
        transaction.on_commit(lambda pk=interpretation.pk: _index_interpretation(pk))
    record_audit(
        actor=actor, action="publishing.document.publish", target=doc,
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
    DOCUMENTS.check(actor, doc, "publish")
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
    DOCUMENTS.check(actor, doc, "schedule")
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
        actor=actor,
        action="publishing.document.schedule",
        target=doc,
        after={"scheduled_at": at},
        note=comment,
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
    transition = DOCUMENTS.check(actor, doc, "unpublish")
    if not (reason or "").strip():
        raise ActionRefused("撤销发布须写明理由", field="reason")
    doc.state, doc.unpublish_reason = DOCUMENTS.target(doc, transition), reason.strip()
    doc.save(update_fields=["state", "unpublish_reason", "updated_at"])
    _record_step(doc, actor, State.PUBLISHED, ReviewStep.Decision.UNPUBLISHED, reason.strip())
    record_audit(actor=actor, action="publishing.document.unpublish", target=doc, note=reason.strip())
    transaction.on_commit(lambda: _unindex("document", doc.pk))
    return doc


@transaction.atomic
def reopen_document(actor: Staff, doc: Document, *, comment: str = "") -> Document:
    doc = _lock(doc)
    transition = DOCUMENTS.check(actor, doc, "reopen")
    doc.state = DOCUMENTS.target(doc, transition)
    doc.save(update_fields=["state", "updated_at"])
    record_audit(actor=actor, action="publishing.document.reopen", target=doc, note=comment)
    return doc


# --- search index hooks (gongkai.search) -------------------------------------------------------


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
