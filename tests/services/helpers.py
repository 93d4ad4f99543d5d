"""Records of 县财政局 built through the real actions (tests and tests/scope_registry.py use them)."""

from __future__ import annotations

from datetime import date, datetime

from gongkai.services import actions
from gongkai.services.models import EnforcementDecision, PowerList, ServiceCase, ServiceGuide

ITEM = {
    "name": "政府采购代理机构名录登记",
    "kind": "licensing",
    "basis": "《中华人民共和国政府采购法》第十九条",
    "implementer": "示范县财政局",
    "duties": "受理、审查、决定、送达",
    "accountability": "不符合条件予以登记的",
}


def finance_power_list(clerk, *, items: int = 1) -> PowerList:
    """县财政局's open draft (第1版), with `items` items; made once per test."""
    existing = PowerList.objects.filter(agency_id=clerk.agency_id).order_by("-version").first()
    if existing:
        return existing
    pl = actions.start_power_list(clerk, clerk.agency, note="财政权责清单测试调整")
    for n in range(items):
        actions.add_power_item(clerk, pl, **{**ITEM, "name": f"财政权责测试事项{n + 1}"})
    return pl


def finance_decision(clerk, *, decided_on: date | None = None, **extra) -> EnforcementDecision:
    existing = EnforcementDecision.objects.filter(agency_id=clerk.agency_id).first()
    if existing:
        return existing
    fields = {
        "agency": clerk.agency,
        "kind": "penalty",
        "number": "示财罚决字〔2026〕7号",
        "party_kind": "person",
        "party": "张三丰",
        "facts": "张三丰在政府采购活动中提供虚假材料。",
        "basis": "《中华人民共和国政府采购法》第七十七条",
        "result": "对张三丰处以罚款五千元。",
        "decided_on": decided_on or date(2026, 3, 2),
        **extra,
    }
    return actions.record_enforcement_decision(clerk, **fields)


def finance_guide(clerk, **fields) -> ServiceGuide:
    existing = ServiceGuide.objects.filter(agency_id=clerk.agency_id).first()
    if existing:
        return existing
    data = {
        "name": "财政票据领购测试指南",
        "theme": "财政",
        "basis": "《财政票据管理办法》",
        "conditions": "已办理财政票据领购证的单位",
        "materials": "领购证、经办人身份证件",
        "location": "县政务服务中心二楼财政窗口",
        "hours": "工作日 9:00-17:00",
        "phone": "0000-1234567",
        "procedure": "申请—审核—发放",
        **fields,
    }
    return actions.create_service_guide(clerk, agency=clerk.agency, **data)


def finance_case(clerk, number: str = "CZ2026000123") -> ServiceCase:
    step, _ = actions.record_case_progress(
        clerk,
        agency=clerk.agency,
        number=number,
        service_name="财政票据领购",
        phone="13800004321",
        step="受理",
        status="已受理",
        happened_at=datetime(2026, 5, 8, 9, 30),
    )
    return step.case
