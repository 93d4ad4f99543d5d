"""Every write of 政策解读 and 解读专家: create and publish interpretations, register and correct experts."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import audited_update, record_audit, snapshot
from gongkai.common.errors import ActionRefused

from ..actions._common import _lock, _now, _record_step, _require_role
from ..actions.documents import _screen, open_findings_count
from ..actions.publication import _index_interpretation
from ..bodies import sanitise
from ..models import Document, Expert, Interpretation, ReviewStep, State
from ..workflow import INTERPRETATIONS

# --- interpretations ---------------------------------------------------------------------------


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
    _screen(item)
    record_audit(
        actor=actor, action="publishing.interpretation.create", target=item,
        after={"title": item.title, "kind": kind, "documents": [d.pk for d in documents]},
    )  # fmt: skip
    return item


@transaction.atomic
def publish_interpretation(actor: Staff, item: Interpretation, *, comment: str = "") -> Interpretation:
    """Publish an approved interpretation on its own (one made after its documents went out)."""
    item = _lock(item)
    transition = INTERPRETATIONS.check(actor, item, "publish")
    open_count = open_findings_count(item)
    if open_count:
        raise ActionRefused(f"还有{open_count}项筛查发现未处理，不能发布")
    now = _now()
    item.state, item.published_at = INTERPRETATIONS.target(item, transition), now
    item.save(update_fields=["state", "published_at"])
    _record_step(item, actor, State.READY, ReviewStep.Decision.PUBLISHED, comment)
    record_audit(actor=actor, action="publishing.interpretation.publish", target=item, note=comment)
    transaction.on_commit(lambda: _index_interpretation(item.pk))
    return item


# --- experts -----------------------------------------------------------------------------------


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
def create_expert(
    actor: Staff, *, name: str, field: str, affiliation: str = "", agency: Agency | None = None
) -> Expert:
    """登记解读专家 of `agency` (default: the actor's); its interpretations may then name the expert."""
    agency = agency or getattr(actor, "agency", None)
    if agency is None:
        raise ActionRefused("请先登录")
    _require_role(actor, agency, Role.CLERK, Role.SIGNER, doing="登记解读专家")
    expert = Expert.objects.create(agency=agency, **_expert_values(name, field, affiliation))
    record_audit(
        actor=actor,
        action="publishing.expert.create",
        target=expert,
        agency=agency,
        after=snapshot(expert, EXPERT_FIELDS),
    )
    return expert


@transaction.atomic
def update_expert(actor: Staff, expert: Expert, *, name: str, field: str, affiliation: str = "") -> Expert:
    """Correct an expert's details; only the agency that registered the expert may."""
    expert = Expert.objects.select_for_update(of=("self",)).select_related("agency").get(pk=expert.pk)
    _require_role(actor, expert.agency, Role.CLERK, Role.SIGNER, doing="修改解读专家")
    values = _expert_values(name, field, affiliation)
    audited_update(
        actor, expert, EXPERT_FIELDS, values, action="publishing.expert.update", agency=expert.agency,
        save=lambda e: e.save(update_fields=list(values)),
    )  # fmt: skip
    return expert
