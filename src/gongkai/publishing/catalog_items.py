"""Documents another domain puts into the catalog through the core registry (`publish_to_catalog`):
oversight's 政府信息公开工作年度报告, reviewed and approved in oversight, becomes a published document of
its agency titled "示范县财政局2025年政府信息公开工作年度报告" — the portal's 年度报告 block lists it — with
the report's page linked from its body and its .docx/.xlsx attached.

The item's `key` is kept as the document's `source_name`, so publishing the same report again updates
the one document (title, summary, body, attachments) instead of adding another; its 索引号 stays.
The review happened in the other domain: this records the publication (audited as
publishing.document.create / attach / publish), it does not review again.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.registry import CatalogItem

from .actions._common import DOC_FIELDS, _now
from .actions.documents import compute_due
from .actions.publication import _index_document, assign_index_number
from .filetypes import RefusedFile, sniff
from .models import Attachment, Column, Disclosure, Document, State

# The catalog column annual reports go into, where an installation has one (matched by name).
COLUMN_NAMES = ("年度报告", "政府信息公开年报", "政府信息公开工作年度报告")


def _column() -> Column | None:
    return Column.objects.filter(name__in=COLUMN_NAMES).order_by("sort_order", "pk").first()


def _body(item: CatalogItem) -> str:
    summary = f"<p>{escape(item.summary)}</p>" if item.summary else ""
    return f'{summary}<p>报告全文：<a href="{escape(item.url)}">{escape(item.title)}</a></p>'


@transaction.atomic
def publish_catalog_item(actor, item: CatalogItem) -> str:
    """Create or update the published document of `item`; returns its public URL."""
    if not item.title.strip():
        raise ActionRefused("目录中的信息需要标题")
    now = _now()
    doc = (
        Document.objects.select_for_update(of=("self",))
        .filter(agency=item.agency, source_name=item.key)
        .first()
    )
    before = snapshot(doc, DOC_FIELDS) if doc is not None else None
    if doc is None:
        doc = Document(
            agency=item.agency,
            source_name=item.key,
            made_on=timezone.localdate(now),
            written_on=timezone.localdate(now),
            disclosure=Disclosure.PROACTIVE,
            column=_column(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
    doc.title = item.title[:300]
    doc.summary = item.summary
    doc.body = _body(item)
    if doc.due_on is None:
        doc.due_on, doc.due_provisional = compute_due(doc)
    doc.save()
    record_audit(
        actor=actor,
        action="publishing.document.create" if before is None else "publishing.document.update",
        target=doc,
        before=before,
        after=snapshot(doc, DOC_FIELDS),
        note=f"由{item.key.split(':')[0]}发布",
    )
    doc.attachments.all().delete()
    for name, data in item.attachments:
        try:
            kind = sniff(data, name)
        except RefusedFile as exc:
            raise ActionRefused(f"附件“{name}”：{exc}") from None
        attachment = Attachment(
            document=doc,
            name=name[:255],
            kind=kind,
            size=len(data),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.save()
        record_audit(
            actor=actor,
            action="publishing.document.attach",
            target=doc,
            after={"name": name, "kind": kind, "size": len(data)},
        )
    if doc.state != State.PUBLISHED:
        assign_index_number(doc, now)
        doc.state, doc.published_at, doc.scheduled_at = State.PUBLISHED, now, None
        doc.save()
        record_audit(
            actor=actor,
            action="publishing.document.publish",
            target=doc,
            after={"index_number": doc.index_number, "published_at": now, "late": doc.is_late()},
            note="经审核后发布（政府信息公开工作年度报告）",
        )
    transaction.on_commit(lambda: _index_document(doc.pk))
    return doc.get_absolute_url()
