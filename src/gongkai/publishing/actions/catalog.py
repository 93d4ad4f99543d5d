"""Catalog setup: publishing policies, guides, columns, topics and subjects."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import audited_update, record_audit, snapshot
from gongkai.common.errors import ActionRefused

from ..bodies import html_to_text, sanitise
from ..models import Column, Finding, Guide, PublishingPolicy, Subject, Topic, UpdateClass
from ..numbering import pattern_problem
from ._common import _lock, _now, _require_role
from .documents import guide_findings

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
        actor=actor, action="publishing.policy.set", target=policy, agency=agency,
        before=before, after=snapshot(policy, POLICY_FIELDS),
    )  # fmt: skip
    return policy


@transaction.atomic
def update_guide(actor: Staff | None, agency: Agency, *, body: str, keep_reason: str = "") -> Guide:
    """Save the guide, which the portal shows at once: screened first, and refused while it carries
    personal data, a secrecy mark or a forbidden word, unless the reason to keep them is given
    (an office's public contact mailbox, say)."""
    if actor is not None:
        _require_role(actor, agency, Role.CLERK, Role.SIGNER, doing="编辑公开指南")
    body = sanitise(body)
    if not html_to_text(body).strip():
        raise ActionRefused("公开指南不能为空", field="body")
    found = guide_findings(body)
    keep_reason = (keep_reason or "").strip()
    if found and not keep_reason:
        listed = "；".join(f"{Finding.Kind(f.kind).label}“{f.suggestion}”" for f in found)
        raise ActionRefused(
            f"公开指南中筛查发现{len(found)}项：{listed}。请删除或遮盖后再保存，或写明保留理由", field="body"
        )
    guide = Guide.objects.select_for_update().filter(agency=agency).first()
    before = {"body": guide.body} if guide else None
    if guide is None:
        guide = Guide(agency=agency)
    guide.body, guide.updated_at = body, _now()
    guide.updated_by = actor if getattr(actor, "pk", None) else None
    guide.save()
    after = {"body": body}
    if found:
        after["kept_findings"] = [{"kind": f.kind, "text": f.suggestion} for f in found]
    record_audit(
        actor=actor, action="publishing.guide.update", target=guide, agency=agency, before=before, after=after,
        note=f"保留筛查发现：{keep_reason}" if found else "",
    )  # fmt: skip
    return guide


def _require_sysadmin(actor: Staff | None, doing: str) -> None:
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused(f"只有系统管理员可以{doing}")


def _check_name(name: str, model, what: str) -> str:
    name = (name or "").strip()
    limit = model._meta.get_field("name").max_length
    if not name:
        raise ActionRefused(f"请填写{what}名称", field="name")
    if len(name) > limit:
        raise ActionRefused(f"{what}名称不能超过{limit}个字", field="name")
    return name


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what a SlugField accepts


def _check_slug(slug: str, model, what: str, *, exclude: int | None = None) -> str:
    slug = (slug or "").strip()
    if not _SLUG.fullmatch(slug) or len(slug) > model._meta.get_field("slug").max_length:
        raise ActionRefused(f"{what}标识只能由字母、数字、下划线或连字符组成", field="slug")
    if model.objects.exclude(pk=exclude).filter(slug=slug).exists():
        raise ActionRefused(f"{what}标识“{slug}”已被使用", field="slug")
    return slug


COLUMN_FIELDS = ["name", "slug", "update_class", "is_key_area", "sort_order"]


def _check_column(column: Column) -> None:
    column.name = _check_name(column.name, Column, "栏目")
    if Column.objects.exclude(pk=column.pk).filter(name=column.name).exists():
        raise ActionRefused(f"栏目“{column.name}”已存在", field="name")
    column.slug = _check_slug(column.slug, Column, "栏目", exclude=column.pk)
    if column.update_class not in UpdateClass.values:
        raise ActionRefused("未知的更新频率类别", field="update_class")


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
    _require_sysadmin(actor, "设置栏目")
    column = Column(
        name=name, slug=slug, update_class=update_class, is_key_area=is_key_area, sort_order=sort_order
    )
    _check_column(column)
    column.save()
    record_audit(
        actor=actor,
        action="publishing.column.create",
        target=column,
        after=snapshot(column, ["name", "update_class", "is_key_area"]),
    )
    return column


@transaction.atomic
def update_column(actor: Staff | None, column: Column, **changes: Any) -> Column:
    """Rename a column or change its update class, key-area flag or place in the catalog."""
    _require_sysadmin(actor, "设置栏目")
    column = _lock(column)
    audited_update(
        actor, column, COLUMN_FIELDS, changes, action="publishing.column.update", check=_check_column
    )
    return column


TOPIC_FIELDS = ["name", "slug"]


def _check_topic(topic: Topic) -> None:
    topic.name = _check_name(topic.name, Topic, "专题")
    if Topic.objects.exclude(pk=topic.pk).filter(name=topic.name).exists():
        raise ActionRefused(f"专题“{topic.name}”已存在", field="name")
    topic.slug = _check_slug(topic.slug, Topic, "专题", exclude=topic.pk)


@transaction.atomic
def create_topic(actor: Staff | None, *, name: str, slug: str) -> Topic:
    _require_sysadmin(actor, "设置专题")
    topic = Topic(name=name, slug=slug)
    _check_topic(topic)
    topic.save()
    record_audit(actor=actor, action="publishing.topic.create", target=topic, after={"name": topic.name})
    return topic


@transaction.atomic
def update_topic(actor: Staff | None, topic: Topic, *, name: str, slug: str) -> Topic:
    _require_sysadmin(actor, "设置专题")
    topic = _lock(topic)
    before = snapshot(topic, TOPIC_FIELDS)
    topic.name, topic.slug = name, slug
    _check_topic(topic)
    after = snapshot(topic, TOPIC_FIELDS)
    if after == before:
        return topic
    topic.save()
    record_audit(actor=actor, action="publishing.topic.update", target=topic, before=before, after=after)
    return topic


SUBJECT_FIELDS = ["name", "parent", "sort_order"]


def _check_subject(subject: Subject) -> None:
    """主题分类 has two levels (data/subjects.yaml): a category sits under a top category or none."""
    subject.name = _check_name(subject.name, Subject, "主题分类")
    parent = subject.parent
    if parent is not None:
        if parent.pk == subject.pk:
            raise ActionRefused("上级分类不能是本分类自身", field="parent")
        if parent.parent_id is not None:
            raise ActionRefused(
                f"主题分类只有两级：“{parent.label}”已是二级分类，不能作为上级分类", field="parent"
            )
        if subject.pk and subject.children.exists():
            raise ActionRefused("本分类下有二级分类，不能再归入其他分类", field="parent")
    siblings = Subject.objects.exclude(pk=subject.pk).filter(parent=parent, name=subject.name)
    if siblings.exists():
        where = f"“{parent.name}”下" if parent is not None else "一级分类中"
        raise ActionRefused(f"{where}已有“{subject.name}”", field="name")


@transaction.atomic
def create_subject(
    actor: Staff | None, *, name: str, parent: Subject | None = None, sort_order: int = 0
) -> Subject:
    _require_sysadmin(actor, "设置主题分类")
    subject = Subject(name=name, parent=parent, sort_order=sort_order)
    _check_subject(subject)
    subject.save()
    record_audit(
        actor=actor,
        action="publishing.subject.create",
        target=subject,
        after=snapshot(subject, SUBJECT_FIELDS),
    )
    return subject


@transaction.atomic
def update_subject(actor: Staff | None, subject: Subject, **changes: Any) -> Subject:
    _require_sysadmin(actor, "设置主题分类")
    subject = _lock(subject)
    audited_update(
        actor, subject, SUBJECT_FIELDS, changes, action="publishing.subject.update", check=_check_subject
    )
    return subject


def subject_by_label(label: str) -> Subject | None:
    """'综合政务\\政务公开' (or with ／ / ›) → the Subject, or None."""
    for sep in ("\\", "/", "／", "›", ">"):
        if sep in label:
            top, sub = (part.strip() for part in label.split(sep, 1))
            return Subject.objects.filter(parent__name=top, name=sub).first()
    return Subject.objects.filter(parent=None, name=label.strip()).first()
