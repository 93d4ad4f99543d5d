"""表三 and 表四 of the annual report counted from records (国办公开办函〔2021〕30号)."""

import itertools
from datetime import date

import pytest

from gongkai.applications.outcomes import APPLICANT_COLUMNS, OUTCOMES
from gongkai.applications.report import (
    AppealRecord,
    ApplicationRecord,
    TableImbalance,
    build_table3,
    build_table4,
)

YEAR = 2026
COLUMNS = [code for code, _ in APPLICANT_COLUMNS]


def closed(column, outcome, received=date(2026, 3, 2), on=date(2026, 3, 30)):
    return ApplicationRecord(column, received, on, outcome)


def open_(column, received):
    return ApplicationRecord(column, received, None, None)


@pytest.mark.parametrize(
    ("outcome", "column"), list(itertools.product(OUTCOMES, COLUMNS)), ids=lambda v: getattr(v, "code", v)
)
def test_each_outcome_lands_in_its_own_cell(outcome, column):
    table = build_table3([closed(column, outcome.code)], YEAR)
    nonzero = {key: n for key, n in table.cells.items() if n}
    assert nonzero == {
        ("new", column): 1,
        ("new", "total"): 1,
        (outcome.code, column): 1,
        (outcome.code, "total"): 1,
        ("total", column): 1,
        ("total", "total"): 1,
    }
    assert table.group_total(outcome.group, column) == 1
    assert table.check() == []


def test_rows_follow_the_official_form():
    table = build_table3([closed("business", "withhold_process")], YEAR)
    rows = list(table.rows())
    assert len(rows) == 2 + 21 + 2
    assert rows[0].label == "一、本年新收政府信息公开申请数量"
    assert rows[1].label == "二、上年结转政府信息公开申请数量"
    assert rows[3].label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert rows[-2].labels == ("三、本年度办理结果", "（七）总计")
    assert rows[-1].label == "四、结转下年度继续办理"
    process = next(r for r in rows if r.key == "withhold_process")
    assert process.labels == ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息")
    assert process.values == (0, 1, 0, 0, 0, 0, 1)


def test_subtotal_rows_only_on_request():
    table = build_table3([closed("natural", "unable_not_held"), closed("natural", "unable_unclear")], YEAR)
    assert not any(r.label == "小计" for r in table.rows())
    subtotals = {r.key: r.values[0] for r in table.rows(with_subtotals=True) if r.label == "小计"}
    assert subtotals == {
        "subtotal_withhold": 0,
        "subtotal_unable": 2,
        "subtotal_not_processed": 0,
        "subtotal_other": 0,
    }


def test_csv_header_groups_organisations():
    header = next(build_table3([], YEAR).csv_rows())
    assert header == [
        "项目",
        "自然人",
        "法人或其他组织·商业企业",
        "法人或其他组织·科研机构",
        "法人或其他组织·社会公益组织",
        "法人或其他组织·法律服务机构",
        "法人或其他组织·其他",
        "总计",
    ]


# received, closed, expected rows (besides outcome) for the 2026 report
CARRY_CASES = [
    ("received 2025, closed 2025", date(2025, 6, 1), date(2025, 12, 31), set()),
    ("received 2025, closed 1 Jan", date(2025, 12, 20), date(2026, 1, 1), {"carried_in", "total"}),
    ("received 2025, still open", date(2025, 12, 20), None, {"carried_in", "carried_out"}),
    ("received 2026, closed 31 Dec", date(2026, 12, 1), date(2026, 12, 31), {"new", "total"}),
    ("received 2026, closed 2027", date(2026, 12, 1), date(2027, 1, 4), {"new", "carried_out"}),
    ("received 31 Dec, open", date(2026, 12, 31), None, {"new", "carried_out"}),
    ("received 2027", date(2027, 1, 1), None, set()),
]


@pytest.mark.parametrize(
    ("_name", "received", "closed_on", "rows"), CARRY_CASES, ids=[c[0] for c in CARRY_CASES]
)
def test_carry_over(_name, received, closed_on, rows):
    record = ApplicationRecord("research", received, closed_on, "disclose" if closed_on else None)
    table = build_table3([record], YEAR)
    counted = {row for (row, column), n in table.cells.items() if n and column == "research"}
    assert counted - {"disclose"} == rows
    assert table.check() == []


def test_a_realistic_year_balances():
    records = [
        open_("natural", date(2025, 11, 3)),  # carried in and out
        closed("natural", "disclose", date(2025, 12, 15), date(2026, 1, 8)),
        closed("natural", "partial"),
        closed("business", "withhold_third_party"),
        closed("legal_service", "not_processed_repeat"),
        closed("other_org", "other_unpaid"),
        open_("charity", date(2026, 12, 28)),
    ]
    table = build_table3(records, YEAR)
    assert table.check() == []
    table.require_balanced()
    assert table.cell("new", "total") == 5
    assert table.cell("carried_in", "total") == 2
    assert table.cell("total", "total") == 5
    assert table.cell("carried_out", "total") == 2
    assert table.cell("carried_out", "natural") == 1


def test_closed_without_outcome_breaks_the_results_identity():
    table = build_table3([closed("charity", None)], YEAR)
    problems = table.check()
    assert "社会公益组织列：（七）总计为1，各项办理结果之和为0" in problems
    assert any("已办结但没有办理结果" in a for a in table.anomalies)
    with pytest.raises(TableImbalance) as raised:
        table.require_balanced()
    assert "已办结但没有办理结果" in str(raised.value)


def test_unknown_outcome_breaks_the_results_identity():
    table = build_table3([closed("natural", "granted")], YEAR)
    assert any("各项办理结果之和为0" in p for p in table.check())


def test_closed_before_received_breaks_the_balance():
    record = ApplicationRecord("natural", date(2026, 3, 2), date(2025, 12, 30), "disclose")
    table = build_table3([record], YEAR)
    assert any(p.startswith("自然人列：本年新收（1）") for p in table.check())
    assert any("早于收到日期" in a for a in table.anomalies)


def test_unknown_applicant_kind_breaks_the_total_column():
    table = build_table3([closed("government", "disclose")], YEAR)
    assert any("总计列为1，自然人与法人或其他组织各列之和为0" in p for p in table.check())


def test_outcome_without_closing_date_counts_as_open():
    table = build_table3([ApplicationRecord("natural", date(2026, 5, 6), None, "disclose")], YEAR)
    assert table.cell("carried_out", "natural") == 1
    assert table.cell("disclose", "natural") == 0
    assert table.check() == []
    assert any("没有办结日期" in a for a in table.anomalies)


# ---------------------------------------------------------------- 表四

KINDS = ["review", "lawsuit_direct", "lawsuit_after_review"]


@pytest.mark.parametrize(("kind", "result"), list(itertools.product(KINDS, ["upheld", "corrected", "other"])))
def test_decided_case_lands_in_its_cell(kind, result):
    table = build_table4([AppealRecord(kind, result, date(2026, 2, 1), date(2026, 5, 1))], YEAR)
    assert {key: n for key, n in table.cells.items() if n} == {(kind, result): 1, (kind, "total"): 1}
    assert table.check() == []


@pytest.mark.parametrize(
    ("filed", "decided", "cell"),
    [
        (date(2026, 11, 1), None, "pending"),
        (date(2026, 11, 1), date(2027, 2, 1), "pending"),  # decided after the year ends
        (date(2025, 10, 1), date(2026, 3, 1), "upheld"),  # filed last year, decided this year
        (date(2025, 10, 1), None, "pending"),
    ],
)
def test_pending_and_carried_cases(filed, decided, cell):
    result = "upheld" if decided else "pending"
    table = build_table4([AppealRecord("review", result, filed, decided)], YEAR)
    assert table.cell("review", cell) == 1
    assert table.cell("review", "total") == 1


@pytest.mark.parametrize(
    ("filed", "decided"), [(date(2025, 3, 1), date(2025, 12, 31)), (date(2027, 1, 1), None)]
)
def test_cases_outside_the_year_are_not_counted(filed, decided):
    table = build_table4([AppealRecord("lawsuit_direct", "corrected", filed, decided)], YEAR)
    assert table.values() == (0,) * 15


def test_table4_has_fifteen_cells_in_official_order():
    records = [
        AppealRecord("review", "corrected", date(2026, 1, 5), date(2026, 3, 5)),
        AppealRecord("lawsuit_after_review", "pending", date(2026, 9, 1)),
    ]
    assert build_table4(records, YEAR).values() == (0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1)


def test_decided_case_without_result_breaks_table4():
    table = build_table4([AppealRecord("review", "pending", date(2026, 1, 5), date(2026, 3, 5))], YEAR)
    assert table.check() == ["行政复议：总计为1，各项结果之和为0"]
    with pytest.raises(TableImbalance):
        table.require_balanced()


def test_unknown_kind_breaks_table4():
    table = build_table4([AppealRecord("petition", "upheld", date(2026, 1, 5), date(2026, 3, 5))], YEAR)
    assert table.check() == ["本年度统计的复议、诉讼案件共1件，三类总计之和为0"]
