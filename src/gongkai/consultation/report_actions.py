"""Every write of the adoption report: groups, dispositions, their review, the final text, the report
and the adopted decision. Each runs in a transaction, re-checks the workflow table where it is a
transition, refuses bad input in Chinese (changing nothing) and writes its audit row."""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.db import transaction
from django.utils import timezone

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Workflow

from .models import Comment, CommentGroup, Consultation, Disposition, State
from .report import lacking_disposition, lacking_review
from .report_forms import REASON_MAX

FIELDS = ["state", "report_reviewed_by", "report_reviewed_at", "report_note", "report_published_at"]
DISPOSITION_FIELDS = ["disposition", "disposition_reason", "disposition_reviewed_at"]
FINAL_TEXT_MAX = 200_000


def _workflow() -> Workflow:
    from gongkai.common import registry

    return registry.workflow("consultation")


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("agency").get(pk=consultation.pk)


def _at_agency(actor, consultation: Consultation, what: str) -> None:
    if actor is not None and not actor.is_superuser and actor.agency_id != consultation.agency_id:
        raise ActionRefused(f"只有起草单位（{consultation.agency}）的工作人员可以{what}")


def _while_processing(consultation: Consultation, what: str) -> None:
    if consultation.public_state() != State.CLOSED:
        raise ActionRefused(
            f"征求意见当前状态为“{State(consultation.state).label}”，不能{what}（仅在意见处理中时可以；"
            "已提交审核的请先由审核人退回）"
        )


def _audit(actor, consultation: Consultation, code: str, *, target=None, before=None, after=None, note=""):
    record_audit(
        actor=actor,
        action=code,
        target=target or consultation,
        agency=consultation.agency,
        before=before,
        after=after if after is not None else snapshot(consultation, FIELDS),
        note=note,
    )


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ActionRefused("请填写采纳或不采纳的理由", field="reason")
    if len(text) > REASON_MAX:
        raise ActionRefused(f"理由不能超过{REASON_MAX}字（现有{len(text)}字）", field="reason")
    return text


# ---------------------------------------------------------------- groups


def group_comments(actor, consultation: Consultation, comment_ids: list[int], *, title: str) -> CommentGroup:
    """A group of similar comments (a confirmed suggestion, or staff's own choice). A comment already
    in another group moves; a group left empty is removed. Members' own dispositions are cleared:
    the group's applies to all of them."""
    title = (title or "").strip()
    if not title:
        raise ActionRefused("请填写归类名称", field="title")
    if len(title) > 200:
        raise ActionRefused("归类名称不能超过200字", field="title")
    with transaction.atomic():
        consultation = _lock(consultation)
        _at_agency(actor, consultation, "归类意见")
        _while_processing(consultation, "归类意见")
        ids = sorted(set(comment_ids))
        comments = list(Comment.objects.filter(consultation=consultation, pk__in=ids))
        if len(comments) != len(ids):
            raise ActionRefused("所选意见不属于本次征求意见", field="comments")
        if len(comments) < 2:
            raise ActionRefused("归类至少需要选择两条意见", field="comments")
        old_groups = {c.group_id for c in comments if c.group_id}
        group = CommentGroup.objects.create(consultation=consultation, title=title, created_by=actor)
        Comment.objects.filter(pk__in=ids).update(
            group=group, disposition="", disposition_reason="", disposed_by=None, disposed_at=None,
            disposition_reviewed_by=None, disposition_reviewed_at=None,
        )  # fmt: skip
        _drop_empty(old_groups)
        _audit(
            actor,
            consultation,
            "consultation.group.create",
            target=group,
            after={"title": title, "comments": ids},
        )
    return group


def _drop_empty(group_ids) -> None:
    for group in CommentGroup.objects.filter(pk__in=group_ids):
        if not group.comments.exists():
            group.delete()


def ungroup_comment(actor, comment: Comment) -> None:
    """Take one comment out of its group (it then needs its own disposition)."""
    with transaction.atomic():
        consultation = _lock(comment.consultation)
        _at_agency(actor, consultation, "调整意见归类")
        _while_processing(consultation, "调整意见归类")
        comment = Comment.objects.select_for_update().get(pk=comment.pk, consultation=consultation)
        if comment.group_id is None:
            raise ActionRefused("该意见未归类")
        old = comment.group_id
        comment.group = None
        comment.save(update_fields=["group"])
        _drop_empty([old])
        _audit(
            actor,
            consultation,
            "consultation.group.change",
            target=comment,
            before={"group": old},
            after={"group": None},
        )


# ---------------------------------------------------------------- dispositions


def dispose(actor, target: Comment | CommentGroup, *, disposition: str, reason: str) -> None:
    """采纳 / 部分采纳 / 不采纳 with a reason, for one comment or a whole group. A changed disposition
    needs a new review."""
    if disposition not in Disposition.values:
        raise ActionRefused("请选择采纳、部分采纳或不采纳", field="disposition")
    reason = _reason(reason)
    with transaction.atomic():
        consultation = _lock(target.consultation)
        _at_agency(actor, consultation, "填写处理意见")
        _while_processing(consultation, "填写处理意见")
        target = type(target).objects.select_for_update().get(pk=target.pk, consultation=consultation)
        if isinstance(target, Comment) and target.group_id is not None:
            raise ActionRefused(
                f"该意见已归入“{target.group.title}”，请对该归类填写处理意见，或先将其移出归类"
            )
        before = snapshot(target, DISPOSITION_FIELDS)
        target.disposition, target.disposition_reason = disposition, reason
        target.disposed_by, target.disposed_at = actor, timezone.now()
        target.disposition_reviewed_by = target.disposition_reviewed_at = None
        target.save()
        _audit(
            actor, consultation, "consultation.disposition.set", target=target, before=before,
            after=snapshot(target, DISPOSITION_FIELDS),
        )  # fmt: skip


# ---------------------------------------------------------------- the final text


def set_final_text(actor, consultation: Consultation, *, text: str, summary: str = "") -> None:
    """The text finally adopted (pasted, or read from a .docx by the view) and the report's summary."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ActionRefused("请粘贴决策文本或上传 Word 文件", field="text")
    if len(text) > FINAL_TEXT_MAX:
        raise ActionRefused(f"决策文本不能超过{FINAL_TEXT_MAX}字", field="text")
    with transaction.atomic():
        consultation = _lock(consultation)
        _at_agency(actor, consultation, "录入决策文本")
        _while_processing(consultation, "录入决策文本")
        consultation.final_text, consultation.report_summary = text, (summary or "").strip()
        consultation.save(update_fields=["final_text", "report_summary", "updated_at"])
        _audit(actor, consultation, "consultation.report.final_text", after={"chars": len(text)})


# ---------------------------------------------------------------- the workflow rows


def _go(actor, consultation: Consultation, action: str) -> str:
    workflow = _workflow()
    return workflow.target(consultation, workflow.check(actor, consultation, action))


def submit_report(actor, consultation: Consultation) -> None:
    with transaction.atomic():
        consultation = _lock(consultation)
        target = _go(actor, consultation, "submit_report")
        _at_agency(actor, consultation, "提交审核")
        missing = lacking_disposition(consultation)
        if missing:
            raise ActionRefused(
                f"还有{missing}条意见没有处理意见（暂扣和不予公开的意见也要逐条处理），不能提交审核"
            )
        if not consultation.final_text.strip():
            raise ActionRefused("请先录入决策文本（采纳后），再提交审核")
        before = snapshot(consultation, FIELDS)
        consultation.state = target
        consultation.save(update_fields=["state", "updated_at"])
        _audit(actor, consultation, "consultation.report.submit", before=before)


def approve_report(actor, consultation: Consultation) -> None:
    """The reviewer approves every disposition at once (each comment's and each group's)."""
    with transaction.atomic():
        consultation = _lock(consultation)
        target = _go(actor, consultation, "approve_report")
        _at_agency(actor, consultation, "审核")
        missing = lacking_disposition(consultation)  # e.g. an offline comment entered since
        if missing:
            raise ActionRefused(f"还有{missing}条意见没有处理意见，请退回修改")
        now = timezone.now()
        before = snapshot(consultation, FIELDS)
        for model in (Comment, CommentGroup):
            model.objects.filter(consultation=consultation).exclude(disposition="").update(
                disposition_reviewed_by=actor, disposition_reviewed_at=now
            )
        consultation.state, consultation.report_reviewed_by, consultation.report_reviewed_at = (
            target,
            actor,
            now,
        )
        consultation.report_note = ""
        consultation.save(
            update_fields=["state", "report_reviewed_by", "report_reviewed_at", "report_note", "updated_at"]
        )
        _audit(actor, consultation, "consultation.report.approve", before=before)


def return_report(actor, consultation: Consultation, *, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("请填写退回理由", field="reason")
    with transaction.atomic():
        consultation = _lock(consultation)
        target = _go(actor, consultation, "return_report")
        _at_agency(actor, consultation, "退回")
        before = snapshot(consultation, FIELDS)
        consultation.state, consultation.report_note = target, reason
        consultation.report_reviewed_by = consultation.report_reviewed_at = None
        consultation.save(
            update_fields=["state", "report_note", "report_reviewed_by", "report_reviewed_at", "updated_at"]
        )
        _audit(actor, consultation, "consultation.report.return", before=before, note=reason)


def publish_report(actor, consultation: Consultation) -> None:
    with transaction.atomic():
        consultation = _lock(consultation)
        target = _go(actor, consultation, "publish_report")
        _at_agency(actor, consultation, "公布采纳情况")
        unreviewed = lacking_review(consultation)
        if unreviewed:
            raise ActionRefused(
                f"还有{unreviewed}条意见没有经过审核的处理意见（暂扣和不予公开的意见也计算在内），不能公布采纳情况"
            )
        before = snapshot(consultation, FIELDS)
        consultation.state, consultation.report_published_at = target, timezone.now()
        consultation.save(update_fields=["state", "report_published_at", "updated_at"])
        _audit(actor, consultation, "consultation.report.publish", before=before)


# ---------------------------------------------------------------- the adopted decision

_DOC_KEY = re.compile(r"/documents/([^?#]+?)/?(?:[?#].*)?$")  # 索引号 hold a slash: 1137…/2026-00001


def find_public_document(key: str):
    """A published, proactively disclosed document by its 索引号 or its page's address."""
    from gongkai.publishing.models import Disclosure, Document
    from gongkai.publishing.models import State as DocState

    key = (key or "").strip()
    match = _DOC_KEY.search(key)
    if match:
        key = unquote(match.group(1))
    public = Document.objects.filter(state=DocState.PUBLISHED, disclosure=Disclosure.PROACTIVE)
    found = list(public.filter(index_number=key)[:2])
    if not found and key.isdigit():
        found = list(public.filter(pk=int(key))[:1])
    if len(found) != 1:
        raise ActionRefused("没有找到这份已公开的文件，请填写决策文件的索引号或网页地址", field="document")
    return found[0]


def link_adopted_document(actor, consultation: Consultation, document) -> None:
    """The decision adopted after this consultation, published on the portal: both pages then link
    each other, and the catalog entry (if any, and not yet linked) records it as decided."""
    with transaction.atomic():
        consultation = _lock(consultation)
        _at_agency(actor, consultation, "关联决策文件")
        if consultation.state != State.REPORTED:
            raise ActionRefused("请先公布意见采纳情况，再关联决策文件")
        if not document.is_public:
            raise ActionRefused("决策文件尚未在门户网站公开，不能关联", field="document")
        before = {"adopted_document": consultation.adopted_document_id}
        consultation.adopted_document = document
        consultation.save(update_fields=["adopted_document", "updated_at"])
        item = consultation.decision_item
        if item is not None and item.adopted_document_id is None:
            item.adopted_document = document
            item.save(update_fields=["adopted_document", "updated_at"])
        _audit(
            actor, consultation, "consultation.decision.link", before=before,
            after={"adopted_document": document.pk, "title": document.title},
        )  # fmt: skip
