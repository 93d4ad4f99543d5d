"""Hand-counted metrics for the annual-report tests: registered inside `registry.restoring()` in place
of the domains' own, so every figure of a report is known in advance (the domains test their metrics
against their records; these tests check what oversight does with the values)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from gongkai.common import registry

COLUMNS = [
    ["natural", "自然人"],
    ["business", "商业企业"],
    ["research", "科研机构"],
    ["charity", "社会公益组织"],
    ["legal_service", "法律服务机构"],
    ["other_org", "其他"],
    ["total", "总计"],
]
ROWS = [
    ("new", ("一、本年新收政府信息公开申请数量",)),
    ("carried_in", ("二、上年结转政府信息公开申请数量",)),
    ("open", ("三、本年度办理结果", "（一）予以公开")),
    ("partial", ("三、本年度办理结果", "（二）部分公开")),
    ("secret", ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")),
    ("total", ("三、本年度办理结果", "（七）总计")),
    ("carried_out", ("四、结转下年度继续办理",)),
]


def table3(cells: dict[str, tuple[int, int]]) -> dict:
    """A 表三 value with (自然人, 商业企业) per row; the other organisation columns 0, 总计 their sum."""
    rows = []
    for key, labels in ROWS:
        natural, business = cells.get(key, (0, 0))
        rows.append(
            {
                "key": key,
                "labels": list(labels),
                "values": [natural, business, 0, 0, 0, 0, natural + business],
            }
        )
    return {"columns": COLUMNS, "rows": rows}


# 县财政局: 12 new (10 natural, 2 business), 1 carried in, 12 done (open 7, partial 3, secret 2), 1 carried out.
FINANCE_T3 = table3(
    {"new": (10, 2), "carried_in": (1, 0), "open": (6, 1), "partial": (3, 0), "secret": (1, 1),
     "total": (10, 2), "carried_out": (1, 0)}
)  # fmt: skip
# 县住建局: 4 new, 3 done (open), 1 carried out.
HOUSING_T3 = table3({"new": (4, 0), "open": (3, 0), "total": (3, 0), "carried_out": (1, 0)})
FINANCE_T4 = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]
HOUSING_T4 = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def _fn(values_by_agency):
    def fn(start: date, end: date, agency_ids=None):
        return {a: v for a, v in values_by_agency.items() if agency_ids is None or a in agency_ids}

    return fn


def _records(code):
    def records(start, end, agency_ids):
        return f"/workbench/records/{code}/?year={start.year}&n={len(agency_ids)}"

    return records


@contextmanager
def hand_counted(county, *, housing_t3: dict | None = None, with_fees_metric: bool = False):
    """Register hand-counted metrics for 县财政局 and 县住建局 (and a 规章 of the county government)."""
    f, h, g = county.finance.pk, county.housing.pk, county.government.pk
    values = {
        "publishing.regulations.made": {g: 1},
        "publishing.regulations.repealed": {g: 0},
        "publishing.regulations.in_force": {g: 5},
        "publishing.normative.made": {f: 2, h: 1, g: 3},
        "publishing.normative.repealed": {f: 1},
        "publishing.normative.in_force": {f: 9, h: 4, g: 20},
        "publishing.documents.published": {f: 120, h: 80, g: 300},
        "services.enforcement.licensing": {f: 15, h: 40},
        "services.enforcement.punishment": {f: 3, h: 7},
        "services.enforcement.coercion": {h: 2},
        "services.enforcement.late": {h: 2},
        "applications.table3": {f: FINANCE_T3, h: housing_t3 or HOUSING_T3},
        "applications.table4": {
            f: {"columns": [], "values": FINANCE_T4},
            h: {"columns": [], "values": HOUSING_T4},
        },
        "applications.fees.notices": {f: 1},
        "applications.fees.amount": {f: Decimal("100.00")},
        "plans.tasks.total": {f: 4, h: 3},
        "plans.tasks.done": {f: 4, h: 2},
        "plans.tasks.overdue": {h: 1},
        "publishing.documents.late": {f: 2},
    }
    if with_fees_metric:
        values["services.fees.amount"] = {f: Decimal("123456.00")}  # 元
    with registry.restoring():
        registry.unregister_metric("services.fees.amount")
        for code, by_agency in values.items():
            registry.register_metric(code, code, _fn(by_agency), records=_records(code))
        yield
