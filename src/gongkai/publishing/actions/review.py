"""Review of documents and interpretations: submit, approve each step, reject, withdraw."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Staff
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused

from .. import workflow
from ..models import Document, Finding, Interpretation, ReviewStep, State
from ..workflow import workflow_of
from ._common import _lock, _record_step
from .documents import _check_disclosure_reason, check_normative

# --- review ------------------------------------------------------------------------------------


def _audit_name(obj) -> str:
    return "publishing.document" if isinstance(obj, Document) else "publishing.interpretation"


@transaction.atomic
def submit_document(actor: Staff, obj: Document | Interpretation, *, comment: str = ""):
    """Send a draft into review: the first step this agency's policy has switched on."""
    obj = _lock(obj)
    flow = workflow_of(obj)
    transition = flow.check(actor, obj, "submit")
    if isinstance(obj, Document):
        _check_disclosure_reason(obj)
        check_normative(obj)
    policy = workflow.policy_for(obj.agency)
    obj.review_round += 1
    obj.via_agency = policy.publish_via if policy.publish_via_id not in (None, obj.agency_id) else None
    before = obj.state
    obj.state = flow.target(obj, transition)
    obj.save()
    _record_step(obj, actor, State.DRAFT, ReviewStep.Decision.SUBMITTED, comment)
    record_audit(
        actor=actor, action=f"{_audit_name(obj)}.submit", target=obj,
        before={"state": before}, after={"state": obj.state}, note=comment,
    )  # fmt: skip
    return obj


def _check_sign_off(doc: Document, interpretation_waiver: str) -> str:
    """审发 of a 行政规范性文件: numbered and dated, and its interpretation drafted with it
    (同步组织、同步审签, 国办发〔2016〕80号) — or the signer says why not, here. The reason to keep."""
    check_normative(doc)
    if not doc.is_normative or doc.interpretations.exists():
        return ""
    waiver = (interpretation_waiver or "").strip() or doc.interpretation_waiver
    if not waiver:
        raise ActionRefused(
            "该行政规范性文件没有同步起草的政策解读：审发时须说明未同步解读的理由（国办发〔2016〕80号）",
            field="waiver",
        )
    return waiver


@transaction.atomic
def approve_step(
    actor: Staff, obj: Document | Interpretation, *, comment: str = "", interpretation_waiver: str = ""
):
    """Pass the current review step; 审发 of a normative document needs its 文号, 成文日期 and an
    interpretation or the signer's reason; the secrecy step needs every screening finding resolved."""
    obj = _lock(obj)
    flow = workflow_of(obj)
    transition = flow.check(actor, obj, "approve")
    step = obj.state
    waiver = ""
    if step == State.SIGN_OFF and isinstance(obj, Document):
        waiver = _check_sign_off(obj, interpretation_waiver)
        if waiver:
            obj.interpretation_waiver = waiver
    if step == State.SECRECY_REVIEW:
        open_count = obj.findings.filter(resolution=Finding.Resolution.OPEN).count()
        if open_count:
            raise ActionRefused(
                f"还有{open_count}项筛查发现未处理（遮盖或说明理由后同意保留），保密审查不能通过"
            )
    obj.state = flow.target(obj, transition)
    obj.save()
    _record_step(obj, actor, step, ReviewStep.Decision.APPROVED, comment)
    note = "；".join(x for x in (comment, waiver and f"未同步解读的理由：{waiver}") if x)
    record_audit(
        actor=actor, action=f"{_audit_name(obj)}.approve", target=obj,
        before={"state": step}, after={"state": obj.state}, note=note,
    )  # fmt: skip
    return obj


@transaction.atomic
def reject_step(actor: Staff, obj: Document | Interpretation, *, comment: str):
    """Return the document to its drafter, with the reason."""
    obj = _lock(obj)
    flow = workflow_of(obj)
    transition = flow.check(actor, obj, "reject")
    if not (comment or "").strip():
        raise ActionRefused("退回时须写明理由", field="comment")
    step = obj.state
    obj.state = flow.target(obj, transition)
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
    flow = workflow_of(obj)
    transition = flow.check(actor, obj, "withdraw")
    obj.state, obj.scheduled_at = flow.target(obj, transition), None
    obj.save()
    _record_step(obj, actor, State.READY, ReviewStep.Decision.REJECTED, comment or "撤回修改")
    record_audit(actor=actor, action=f"{_audit_name(obj)}.withdraw", target=obj, note=comment)
    return obj
