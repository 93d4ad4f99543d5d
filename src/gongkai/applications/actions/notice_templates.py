"""Notice templates (告知书模板): the texts drafting starts from, kept by system administrators.

A template is saved only if it compiles, renders with sample data of its kind, uses no placeholder
that kind lacks and comes out non-empty (`notices.template_problem`); one per agency and kind, and
one installation-wide default per kind.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.audit.actions import audited_update, record_audit, snapshot
from gongkai.common.errors import ActionRefused

from .. import notices
from ..models import NoticeKind, NoticeTemplate

TEMPLATE_FIELDS = ["kind", "agency", "title", "body"]


def _check(actor: Staff | None, template: NoticeTemplate) -> None:
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused("只有系统管理员可以设置告知书模板")
    if template.kind not in NoticeKind.values:
        raise ActionRefused("请选择文书类型", field="kind")
    template.title = (template.title or "").strip()
    limit = NoticeTemplate._meta.get_field("title").max_length
    if not template.title or len(template.title) > limit:
        raise ActionRefused(f"标题应为1至{limit}个字", field="title")
    problem = notices.template_problem(template.kind, template.body or "")
    if problem:
        raise ActionRefused(problem, field="body")
    same = NoticeTemplate.objects.exclude(pk=template.pk).filter(kind=template.kind, agency=template.agency)
    if same.exists():
        if template.agency is None:
            raise ActionRefused("这类文书已有全系统默认模板，请修改原模板", field="kind")
        raise ActionRefused("该机关已有这类文书的模板，请修改原模板", field="kind")


def _save(actor: Staff | None, template: NoticeTemplate) -> None:
    template.updated_by = actor if getattr(actor, "pk", None) else None
    template.save()


@transaction.atomic
def create_notice_template(
    actor: Staff | None, *, kind: str, title: str, body: str, agency: Agency | None = None
) -> NoticeTemplate:
    """A template of `kind` for `agency` (None: the installation-wide default)."""
    template = NoticeTemplate(kind=kind, agency=agency, title=title, body=body)
    _check(actor, template)
    _save(actor, template)
    record_audit(
        actor=actor,
        action="applications.notice_template.create",
        target=template,
        agency=agency,
        after=snapshot(template, TEMPLATE_FIELDS),
    )
    return template


@transaction.atomic
def update_notice_template(actor: Staff | None, template: NoticeTemplate, **changes) -> NoticeTemplate:
    template = NoticeTemplate.objects.select_for_update().get(pk=template.pk)
    audited_update(
        actor, template, TEMPLATE_FIELDS, changes, action="applications.notice_template.update",
        check=lambda t: _check(actor, t), save=lambda t: _save(actor, t), agency=template.agency,
    )  # fmt: skip
    return template


@transaction.atomic
def delete_notice_template(actor: Staff | None, template: NoticeTemplate) -> None:
    """Remove a template: drafting falls back to the default, then to the shipped file."""
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused("只有系统管理员可以设置告知书模板")
    template = NoticeTemplate.objects.select_for_update().get(pk=template.pk)
    record_audit(
        actor=actor,
        action="applications.notice_template.delete",
        target=template,
        agency=template.agency,
        before=snapshot(template, TEMPLATE_FIELDS),
    )
    template.delete()
