"""The decision catalog (重大行政决策事项目录): entries registered and edited by the government's staff."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.agencies.models import Agency, Kind, Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused

from ..models import DecisionItem
from ._common import text

ITEM_FIELDS = [
    "government", "year", "title", "lead_agency", "planned_on", "consultation_planned", "hearing_planned",
    "adopted_document", "sort_order",
]  # fmt: skip
EDITORS = (Role.CLERK, Role.SUPERVISOR)


def _check(
    actor, government: Agency, lead_agency: Agency, year: int, planned_on: date | None, document
) -> None:
    if actor is not None and not (actor.is_superuser or actor.has_role(*EDITORS)):
        raise ActionRefused("登记重大行政决策事项需要信息公开工作人员或主管部门角色")
    if government is None or government.kind != Kind.GOVERNMENT:
        raise ActionRefused("请选择作出决策的人民政府", field="government")
    if actor is not None and not can_see_agency(actor, government):
        raise ActionRefused("该人民政府不在您的工作范围内", field="government")
    if lead_agency is None:
        raise ActionRefused("请选择承办单位", field="lead_agency")
    if not lead_agency.is_within(government):
        raise ActionRefused(f"承办单位须为{government.name}或其所属部门", field="lead_agency")
    if not year or not 2000 <= int(year) <= 2100:
        raise ActionRefused("请填写正确的年度（如2026）", field="year")
    if planned_on is not None and planned_on.year != int(year):
        raise ActionRefused(f"计划完成时间应在{year}年内", field="planned_on")
    if document is not None and not document.agency.is_within(government):
        raise ActionRefused("决策文件须为本级政府或其所属部门发布的政府信息", field="adopted_document")
    if document is not None and not document.is_public:
        raise ActionRefused("决策文件尚未公开发布", field="adopted_document")


@transaction.atomic
def create_decision_item(
    actor,
    *,
    government: Agency,
    year: int,
    title: str,
    lead_agency: Agency,
    planned_on: date | None = None,
    consultation_planned: bool = True,
    hearing_planned: bool = False,
    note: str = "",
    adopted_document=None,
    sort_order: int | None = None,
) -> DecisionItem:
    _check(actor, government, lead_agency, year, planned_on, adopted_document)
    title = text(title, "决策事项名称", "title", limit=200)
    if DecisionItem.objects.filter(government=government, year=year, title=title).exists():
        raise ActionRefused(f"{year}年目录中已有“{title}”", field="title")
    if sort_order is None:
        sort_order = DecisionItem.objects.filter(government=government, year=year).count() + 1
    item = DecisionItem.objects.create(
        government=government,
        year=year,
        title=title,
        lead_agency=lead_agency,
        planned_on=planned_on,
        consultation_planned=bool(consultation_planned),
        hearing_planned=bool(hearing_planned),
        note=text(note, "备注", "note", limit=1000, required=False),
        adopted_document=adopted_document,
        sort_order=sort_order,
        created_by=actor,
    )
    record_audit(
        actor=actor,
        action="consultation.decision_item.create",
        target=item,
        agency=government,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def update_decision_item(actor, item: DecisionItem, **changes) -> DecisionItem:
    item = DecisionItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item, ITEM_FIELDS)
    for name, value in changes.items():
        if name not in ITEM_FIELDS + ["note"] or name == "government":
            raise ActionRefused(f"不能修改“{name}”")
        setattr(item, name, value)
    _check(actor, item.government, item.lead_agency, item.year, item.planned_on, item.adopted_document)
    item.title = text(item.title, "决策事项名称", "title", limit=200)
    item.note = text(item.note, "备注", "note", limit=1000, required=False)
    duplicate = DecisionItem.objects.filter(government=item.government, year=item.year, title=item.title)
    if duplicate.exclude(pk=item.pk).exists():
        raise ActionRefused(f"{item.year}年目录中已有“{item.title}”", field="title")
    item.save()
    record_audit(
        actor=actor,
        action="consultation.decision_item.update",
        target=item,
        agency=item.government,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item
