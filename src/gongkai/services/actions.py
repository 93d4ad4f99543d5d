"""Every write of 办事服务: atomic, checked, audited.

- 权责清单: `start_power_list` copies the agency's current version into a new draft, whose items are
  adjusted (`add_power_item`, `update_power_item`, `remove_power_item`) and which goes through the
  review table of workflow.py (`submit_power_list`, `return_power_list`, `publish_power_list`).
- 行政执法公示: `record_enforcement_decision` puts the decision on its working-day clock;
  `publish_enforcement_decision` publishes it (masked on the portal).
- 办事指南: `create_service_guide`, `update_service_guide`, `publish_service_guide`,
  `withdraw_service_guide`.
- 办件: `record_case_progress` (idempotent on case number + step; the API calls it too) and
  `import_case_progress` (a whole CSV or nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.inputs import checked_text

from .models import (
    ITEM_FIELDS,
    CaseStep,
    DecisionKind,
    EnforcementDecision,
    GuideState,
    ListState,
    PartyKind,
    PowerItem,
    PowerKind,
    PowerList,
    ServiceCase,
    ServiceGuide,
)
from .rules import check_maker, publish_deadline
from .workflow import POWER_LISTS

LIST_FIELDS = ["version", "state", "note", "return_reason", "published_on"]
DECISION_FIELDS = ["kind", "number", "party_kind", "decided_on", "due_on", "published_on"]
GUIDE_FIELDS = [
    "name", "theme", "power_kind", "basis", "conditions", "materials", "location", "hours", "phone",
    "procedure", "fees", "time_limit", "faq", "state", "published_on",
]  # fmt: skip
TEXT_MAX = 5000


def _today() -> date:
    return timezone.localdate()


def _text(value, what: str, field: str, *, limit: int = TEXT_MAX, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required)


def _choice(value: Any, choices, what: str, field: str) -> str:
    if value not in choices.values:
        raise ActionRefused(
            f"{what}“{value}”无效，应为：{'、'.join(str(c) for c in choices.labels)}", field=field
        )
    return value


# --- 权责清单 -----------------------------------------------------------------------------------


def _audit_list(actor, pl: PowerList, event: str, before: dict | None, note: str = "") -> None:
    record_audit(
        actor=actor,
        action=f"services.power_list.{event}",
        target=pl,
        agency=pl.agency,
        before=before,
        after=snapshot(pl, LIST_FIELDS),
        note=note,
    )


def _lock_list(pl: PowerList) -> PowerList:
    return PowerList.objects.select_for_update(of=("self",)).select_related("agency").get(pk=pl.pk)


def current_power_list(agency: Agency) -> PowerList | None:
    return PowerList.objects.filter(agency=agency, state=ListState.PUBLISHED).order_by("-version").first()


@transaction.atomic
def start_power_list(actor, agency: Agency, *, note: str = "") -> PowerList:
    """A new draft version of `agency`'s list, a copy of the current one (keys kept for the diff)."""
    check_maker(actor, agency, "调整权责清单")
    Agency.objects.select_for_update().get(pk=agency.pk)  # two clerks starting at once: one draft
    if PowerList.objects.filter(agency=agency).exclude(state=ListState.PUBLISHED).exists():
        raise ActionRefused(f"{agency}已有一个正在调整或审核中的权责清单版本，请在其中继续调整")
    last = PowerList.objects.filter(agency=agency).aggregate(v=Max("version"))["v"] or 0
    current = current_power_list(agency)
    pl = PowerList.objects.create(
        agency=agency,
        version=last + 1,
        note=_text(note, "调整说明", "note", limit=2000, required=False),
        created_by=actor,
    )
    if current is not None:
        PowerItem.objects.bulk_create(
            PowerItem(
                power_list=pl,
                key=item.key,
                position=item.position,
                **{f: getattr(item, f) for f in ITEM_FIELDS},
            )
            for item in current.items.all()
        )
    _audit_list(actor, pl, "create", None, note=f"基于第{current.version}版" if current else "首个版本")
    return pl


def _item_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": _text(fields.get("code"), "事项编码", "code", limit=40, required=False),
        "name": _text(fields.get("name"), "事项名称", "name", limit=200),
        "kind": _choice(fields.get("kind"), PowerKind, "类型", "kind"),
        "basis": _text(fields.get("basis"), "设定依据", "basis"),
        "implementer": _text(fields.get("implementer"), "实施主体", "implementer", limit=200),
        "duties": _text(fields.get("duties"), "责任事项", "duties", required=False),
        "accountability": _text(fields.get("accountability"), "追责情形", "accountability", required=False),
    }


def _check_adjustable(actor, pl: PowerList) -> None:
    check_maker(actor, pl.agency, "调整权责清单")
    if pl.state != ListState.DRAFT:
        raise ActionRefused(f"权责清单第{pl.version}版当前状态为“{pl.get_state_display()}”，不能再调整事项")


def _audit_item(actor, item: PowerItem, event: str, before: dict | None) -> None:
    record_audit(
        actor=actor,
        action=f"services.power_item.{event}",
        target=item,
        agency=item.power_list.agency,
        before=before,
        after=snapshot(item, ["position", *ITEM_FIELDS]),
        note=f"第{item.power_list.version}版",
    )


@transaction.atomic
def add_power_item(actor, power_list: PowerList, **fields: Any) -> PowerItem:
    pl = _lock_list(power_list)
    _check_adjustable(actor, pl)
    data = _item_fields(fields)
    position = (pl.items.aggregate(p=Max("position"))["p"] or 0) + 1
    item = PowerItem.objects.create(power_list=pl, position=position, **data)
    _audit_item(actor, item, "add", None)
    return item


@transaction.atomic
def update_power_item(actor, item: PowerItem, **fields: Any) -> PowerItem:
    pl = _lock_list(item.power_list)
    _check_adjustable(actor, pl)
    item = PowerItem.objects.get(pk=item.pk)
    before = snapshot(item, ["position", *ITEM_FIELDS])
    for name, value in _item_fields(fields).items():
        setattr(item, name, value)
    item.save()
    item.power_list = pl
    _audit_item(actor, item, "update", before)
    return item


@transaction.atomic
def remove_power_item(actor, item: PowerItem) -> None:
    pl = _lock_list(item.power_list)
    _check_adjustable(actor, pl)
    item.power_list = pl
    before = snapshot(item, ["position", *ITEM_FIELDS])
    record_audit(
        actor=actor,
        action="services.power_item.remove",
        target=item,
        agency=pl.agency,
        before=before,
        note=f"第{pl.version}版：{item.name}",
    )
    item.delete()


def _go(actor, pl: PowerList, action: str) -> str:
    return POWER_LISTS.target(pl, POWER_LISTS.check(actor, pl, action))


@transaction.atomic
def submit_power_list(actor, power_list: PowerList) -> PowerList:
    return POWER_LISTS.step(
        actor, _lock_list(power_list), "submit", audit="services.power_list.submit", fields=LIST_FIELDS
    )


@transaction.atomic
def return_power_list(actor, power_list: PowerList, *, reason: str) -> PowerList:
    return POWER_LISTS.step(
        actor,
        _lock_list(power_list),
        "return",
        audit="services.power_list.return",
        fields=LIST_FIELDS,
        reason=reason,
    )


@transaction.atomic
def publish_power_list(actor, power_list: PowerList, *, published_on: date | None = None) -> PowerList:
    """The version becomes the agency's current list; the older versions stay for the diff."""
    pl = _lock_list(power_list)
    before = snapshot(pl, LIST_FIELDS)
    pl.state = _go(actor, pl, "publish")
    pl.published_on = published_on or _today()
    pl.save(update_fields=["state", "published_on"])
    _audit_list(actor, pl, "publish", before)
    return pl


# --- 行政执法公示 -------------------------------------------------------------------------------


@transaction.atomic
def record_enforcement_decision(
    actor,
    *,
    agency: Agency,
    kind: str,
    number: str,
    party_kind: str,
    party: str,
    basis: str,
    result: str,
    decided_on: date,
    facts: str = "",
    publish: bool = False,
) -> EnforcementDecision:
    """Record a decision and start its publication clock (7 or 20 working days from `decided_on`)."""
    check_maker(actor, agency, "录入行政执法决定")
    kind = _choice(kind, DecisionKind, "决定类型", "kind")
    number = _text(number, "决定文书号", "number", limit=100)
    if EnforcementDecision.objects.filter(agency=agency, number=number).exists():
        raise ActionRefused(f"决定文书号“{number}”已经录入过", field="number")
    if decided_on is None:
        raise ActionRefused("请填写决定日期", field="decided_on")
    if decided_on > _today():
        raise ActionRefused("决定日期不能晚于今天", field="decided_on")
    deadline = publish_deadline(kind, decided_on)
    decision = EnforcementDecision.objects.create(
        agency=agency,
        kind=kind,
        number=number,
        party_kind=_choice(party_kind, PartyKind, "当事人类型", "party_kind"),
        party=_text(party, "当事人", "party", limit=200),
        facts=_text(facts, "主要事实", "facts", required=False),
        basis=_text(basis, "执法依据", "basis"),
        result=_text(result, "决定内容", "result"),
        decided_on=decided_on,
        due_on=deadline.due,
        due_provisional=deadline.provisional,
        created_by=actor,
    )
    record_audit(
        actor=actor,
        action="services.decision.record",
        target=decision,
        agency=agency,
        after=snapshot(decision, DECISION_FIELDS),
    )
    if publish:
        decision = publish_enforcement_decision(actor, decision)
    return decision


@transaction.atomic
def publish_enforcement_decision(
    actor, decision: EnforcementDecision, *, on: date | None = None
) -> EnforcementDecision:
    decision = (
        EnforcementDecision.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=decision.pk)
    )
    check_maker(actor, decision.agency, "公示行政执法决定")
    if decision.published_on is not None:
        raise ActionRefused(f"该决定已于{decision.published_on:%Y-%m-%d}公示")
    before = snapshot(decision, DECISION_FIELDS)
    decision.published_on = on or _today()
    if decision.published_on < decision.decided_on:
        raise ActionRefused("公示日期不能早于决定日期")
    decision.save(update_fields=["published_on"])
    record_audit(
        actor=actor,
        action="services.decision.publish",
        target=decision,
        agency=decision.agency,
        before=before,
        after=snapshot(decision, DECISION_FIELDS),
        note="超过公示期限" if decision.was_late() else "",
    )
    return decision


# --- 办事指南 ------------------------------------------------------------------------------------

GUIDE_TEXTS = {
    "name": ("事项名称", 200),
    "theme": ("服务主题", 40),
    "basis": ("设定依据", TEXT_MAX),
    "conditions": ("申请条件", TEXT_MAX),
    "materials": ("办理材料", TEXT_MAX),
    "location": ("办理地点", TEXT_MAX),
    "hours": ("办理时间", 200),
    "phone": ("联系电话", 100),
    "procedure": ("办理流程", TEXT_MAX),
    "fees": ("收费标准", TEXT_MAX),
    "time_limit": ("办理时限", 200),
    "faq": ("常见问题", TEXT_MAX),
}


def _guide_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Only 事项名称 is needed to save: a guide with blanks is kept and shown with them missing."""
    data = {
        name: _text(fields.get(name), what, name, limit=limit, required=(name == "name"))
        for name, (what, limit) in GUIDE_TEXTS.items()
    }
    kind = fields.get("power_kind") or ""
    data["power_kind"] = _choice(kind, PowerKind, "事项类型", "power_kind") if kind else ""
    return data


def _check_guide_name(agency: Agency, name: str, exclude: int | None = None) -> None:
    if ServiceGuide.objects.filter(agency=agency, name=name).exclude(pk=exclude).exists():
        raise ActionRefused(f"{agency}已有名为“{name}”的办事指南", field="name")


@transaction.atomic
def create_service_guide(actor, *, agency: Agency, **fields: Any) -> ServiceGuide:
    check_maker(actor, agency, "编写办事指南")
    data = _guide_fields(fields)
    _check_guide_name(agency, data["name"])
    guide = ServiceGuide.objects.create(agency=agency, **data)
    record_audit(
        actor=actor,
        action="services.guide.create",
        target=guide,
        agency=agency,
        after=snapshot(guide, GUIDE_FIELDS),
    )
    return guide


def _lock_guide(guide: ServiceGuide) -> ServiceGuide:
    return ServiceGuide.objects.select_for_update(of=("self",)).select_related("agency").get(pk=guide.pk)


@transaction.atomic
def update_service_guide(actor, guide: ServiceGuide, **fields: Any) -> ServiceGuide:
    guide = _lock_guide(guide)
    check_maker(actor, guide.agency, "修改办事指南")
    data = _guide_fields(fields)
    _check_guide_name(guide.agency, data["name"], exclude=guide.pk)
    before = snapshot(guide, GUIDE_FIELDS)
    for name, value in data.items():
        setattr(guide, name, value)
    guide.updated_at = timezone.now()
    guide.save()
    record_audit(
        actor=actor,
        action="services.guide.update",
        target=guide,
        agency=guide.agency,
        before=before,
        after=snapshot(guide, GUIDE_FIELDS),
    )
    return guide


@transaction.atomic
def publish_service_guide(actor, guide: ServiceGuide) -> ServiceGuide:
    """Publish even with elements missing (the portal shows them as missing, self-inspection flags
    them): hiding an incomplete guide would leave the citizen with nothing."""
    guide = _lock_guide(guide)
    check_maker(actor, guide.agency, "发布办事指南")
    if guide.state == GuideState.PUBLISHED:
        raise ActionRefused("该办事指南已经发布")
    before = snapshot(guide, GUIDE_FIELDS)
    guide.state = GuideState.PUBLISHED
    guide.published_on = _today()
    guide.save(update_fields=["state", "published_on"])
    missing = guide.missing_elements()
    record_audit(
        actor=actor,
        action="services.guide.publish",
        target=guide,
        agency=guide.agency,
        before=before,
        after=snapshot(guide, GUIDE_FIELDS),
        note=f"缺少要素：{'、'.join(missing)}" if missing else "",
    )
    return guide


@transaction.atomic
def withdraw_service_guide(actor, guide: ServiceGuide) -> ServiceGuide:
    guide = _lock_guide(guide)
    check_maker(actor, guide.agency, "撤回办事指南")
    if guide.state != GuideState.PUBLISHED:
        raise ActionRefused("该办事指南尚未发布")
    before = snapshot(guide, GUIDE_FIELDS)
    guide.state = GuideState.DRAFT
    guide.save(update_fields=["state"])
    record_audit(
        actor=actor,
        action="services.guide.withdraw",
        target=guide,
        agency=guide.agency,
        before=before,
        after=snapshot(guide, GUIDE_FIELDS),
    )
    return guide


# --- 办件 ----------------------------------------------------------------------------------------


def _phone_tail(value: Any) -> str:
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) < 4:
        raise ActionRefused("申请人手机号（或其后四位）至少要有4位数字", field="phone_tail")
    return digits[-4:]


def _case_progress(
    actor,
    *,
    agency: Agency,
    number: str,
    service_name: str,
    phone: str,
    step: str,
    status: str,
    happened_at: datetime,
    note: str = "",
    received_on: date | None = None,
) -> tuple[CaseStep, bool]:
    number = _text(number, "办件编号", "number", limit=60)
    step = _text(step, "办理环节", "step", limit=40)
    status = _text(status, "办理状态", "status", limit=60)
    note = _text(note, "说明", "note", limit=300, required=False)
    tail = _phone_tail(phone)
    if happened_at is None:
        raise ActionRefused("请填写办理时间", field="happened_at")
    if timezone.is_naive(happened_at):
        happened_at = timezone.make_aware(happened_at)
    case = ServiceCase.objects.select_for_update().filter(number=number).first()
    if case is None:
        case = ServiceCase.objects.create(
            agency=agency,
            number=number,
            service_name=_text(service_name, "事项名称", "service_name", limit=200),
            phone_tail=tail,
            received_on=received_on,
        )
    elif case.agency_id != agency.pk:
        # Another agency's case number: refuse without saying whose it is.
        raise ActionRefused(f"办件编号“{number}”已被其他机关使用", field="number")
    elif case.phone_tail != tail:
        raise ActionRefused(f"办件“{number}”的申请人手机号后四位与已记录的不一致", field="phone_tail")
    existing = case.steps.filter(step=step).first()
    if existing is not None:
        if (existing.status, existing.happened_at, existing.note) == (status, happened_at, note):
            return existing, False  # the same push again: nothing changes
        existing.status, existing.happened_at, existing.note = status, happened_at, note
        existing.save(update_fields=["status", "happened_at", "note"])
        return existing, True
    return CaseStep.objects.create(
        case=case, step=step, status=status, happened_at=happened_at, note=note
    ), True


@transaction.atomic
def record_case_progress(actor, *, agency: Agency, **fields: Any) -> tuple[CaseStep, bool]:
    """Record one step of a case (`number`, `service_name`, `phone` or its last four digits, `step`,
    `status`, `happened_at`, `note`, `received_on`). Idempotent on number + step: the same step
    again changes nothing and returns `changed=False`; a corrected step replaces the earlier one."""
    check_maker(actor, agency, "记录办件进度")
    step, changed = _case_progress(actor, agency=agency, **fields)
    if changed:
        record_audit(
            actor=actor,
            action="services.case.record",
            target=step.case,
            agency=agency,
            after={"step": step.step, "status": step.status, "happened_at": step.happened_at.isoformat()},
        )
    return step, changed


@transaction.atomic
def import_case_progress(
    actor, *, agency: Agency, rows: Iterable[Mapping[str, Any]], source_name: str = ""
) -> dict:
    """Record every row (parsed by importing.read_cases) or none: the first bad row refuses the whole
    file, naming its line."""
    check_maker(actor, agency, "导入办件进度")
    counts = {"rows": 0, "changed": 0}
    for row in rows:
        line = row.pop("line", None)
        try:
            _, changed = _case_progress(actor, agency=agency, **row)
        except ActionRefused as exc:
            raise ActionRefused(f"第{line}行：{exc.message}，整个文件未导入", field="file") from None
        counts["rows"] += 1
        counts["changed"] += changed
    record_audit(
        actor=actor,
        action="services.case.import",
        agency=agency,
        after=counts,
        note=source_name,
    )
    return counts
