"""Catalog setup: publishing policies, guides, columns, topics and subjects."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused

from ..bodies import html_to_text, sanitise
from ..models import Column, Guide, PublishingPolicy, Subject, Topic
from ..numbering import pattern_problem
from ._common import _now, _require_role

# --- catalog setup: policies, guides, columns, topics ------------------------------------------


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
