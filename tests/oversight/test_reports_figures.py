"""The annual report's figures: built from the metrics only, per agency and summed over a government's
subtree (表三/表四 cell by cell), each linked to its records; 表三's identities re-checked; entered
figures where no metric exists; the snapshot frozen at publication."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.oversight import reports_figures as rf
from gongkai.oversight.models import AnnualReport
from tests.oversight.reports_helpers import hand_counted, table3

pytestmark = pytest.mark.django_db


def _report(county, agency=None, *, consolidated=False, **fields):
    return AnnualReport.objects.create(
        agency=agency or county.finance, year=2025, consolidated=consolidated, **fields
    )


def _row(table, last_label):
    return next(figs for labels, figs in table.rows if labels and labels[-1] == last_label)


def test_a_departments_figures_come_from_its_metrics(county):
    with hand_counted(county):
        figures = rf.build(_report(county))
    t2 = figures.table2
    assert t2["normative.made"].value == 2
    assert t2["normative.repealed"].value == 1
    assert t2["normative.in_force"].value == 9
    assert t2["regulations.made"].value == 0  # the county government's 规章 is not 县财政局's
    assert t2["licensing"].value == 15 and t2["punishment"].value == 3 and t2["coercion"].value == 0
    assert t2["licensing"].source == "/workbench/records/services.enforcement.licensing/?year=2025&n=1"
    assert t2["licensing"].metric == "services.enforcement.licensing" and not t2["licensing"].entered
    # no services.fees.amount metric: the fee row is entered (blank until typed)
    assert t2["fees"].entered and t2["fees"].value is None
    new = _row(figures.table3, "一、本年新收政府信息公开申请数量")
    assert [f.value for f in new] == [10, 2, 0, 0, 0, 0, 12]
    assert new[0].source.startswith("/workbench/records/applications.table3/")
    assert figures.identity_errors == []
    assert [f.value for f in figures.table4.rows[0][1]] == [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]
    assert figures.other_figures["fees.notices"].value == 1
    assert figures.other_figures["fees.amount"].value == Decimal("100.00")
    assert figures.other_figures["plans.done"].value == 4
    assert figures.other_figures["npc_suggestions"].entered


def test_a_consolidated_report_sums_the_subtree_cell_by_cell(county):
    with hand_counted(county):
        figures = rf.build(_report(county, county.government, consolidated=True))
    t2 = figures.table2
    assert t2["regulations.made"].value == 1
    assert t2["normative.made"].value == 2 + 1 + 3
    assert t2["normative.in_force"].value == 9 + 4 + 20
    assert t2["licensing"].value == 55 and t2["coercion"].value == 2
    assert [f.value for f in _row(figures.table3, "一、本年新收政府信息公开申请数量")] == [
        14,
        2,
        0,
        0,
        0,
        0,
        16,
    ]
    assert [f.value for f in _row(figures.table3, "（七）总计")] == [13, 2, 0, 0, 0, 0, 15]
    assert [f.value for f in _row(figures.table3, "四、结转下年度继续办理")] == [2, 0, 0, 0, 0, 0, 2]
    assert figures.identity_errors == []
    assert [f.value for f in figures.table4.rows[0][1]][:5] == [1, 1, 0, 0, 2]
    assert figures.other_figures["plans.total"].value == 7
    # the records behind a consolidated figure are those of all five agencies of the county
    assert t2["licensing"].source.endswith("&n=5")
    # the merged header of the official format
    assert figures.table3.header[0][1] == ("申请人情况", 7, 1)
    assert figures.table3.header[1][1] == ("法人或其他组织", 5, 1)


def test_the_identities_of_table3_are_checked_on_the_sum(county):
    # 县住建局 says 3 done (总计) but its outcome rows add up to 2, and one application vanished
    broken = table3({"new": (4, 0), "open": (2, 0), "total": (3, 0), "carried_out": (0, 0)})
    with hand_counted(county, housing_t3=broken):
        figures = rf.build(_report(county, county.government, consolidated=True))
        own = rf.build(_report(county))
    assert own.identity_errors == []  # 县财政局's own table still balances
    errors = figures.identity_errors
    assert (
        "自然人列：本年新收（14）与上年结转（1）之和为15，不等于（七）总计（13）与结转下年度继续办理（1）之和14"
        in errors
    )
    assert "自然人列：（七）总计为13，各项办理结果之和为12" in errors
    assert (
        "总计列：本年新收（16）与上年结转（1）之和为17，不等于（七）总计（15）与结转下年度继续办理（1）之和16"
        in errors
    )


def test_a_total_column_that_is_not_the_sum_of_the_six_is_named(county):
    bad = table3({"new": (4, 0), "open": (4, 0), "total": (4, 0)})
    bad["rows"][0]["values"][6] = 5  # 一、本年新收: 总计 5, but 4 in the columns
    with hand_counted(county, housing_t3=bad):
        figures = rf.build(_report(county, county.housing))
    assert (
        "一、本年新收政府信息公开申请数量：总计列为5，自然人与法人或其他组织各列之和为4"
        in figures.identity_errors
    )


def test_entered_figures_fill_what_no_record_holds(county):
    report = _report(county, entered={"fees": "1.25", "npc_suggestions": "3", "cppcc_proposals": "0"})
    with hand_counted(county):
        figures = rf.build(report)
        assert rf.blanks(figures) == []
        assert "fees" in rf.enterable_keys() and "licensing" not in rf.enterable_keys()
    assert figures.table2["fees"].value == Decimal("1.25") and figures.table2["fees"].entered
    assert figures.other_figures["npc_suggestions"].value == 3


def test_a_fee_metric_in_yuan_is_shown_in_wan_yuan(county):
    with hand_counted(county, with_fees_metric=True):
        figures = rf.build(_report(county, entered={"fees": "9"}))
    assert figures.table2["fees"].value == Decimal("12.35") and not figures.table2["fees"].entered


def test_blanks_name_the_missing_figures(county):
    with hand_counted(county):
        figures = rf.build(_report(county))
    assert rf.blanks(figures) == [
        "行政事业性收费本年收费金额（万元）",
        "办理人大代表建议件数",
        "办理政协提案件数",
    ]


def test_the_overview_is_drafted_from_the_figures_and_the_prompts_from_late_figures(county):
    with hand_counted(county):
        figures = rf.build(_report(county))
    assert figures.overview["proactive"].startswith(
        "2025年，本机关全年主动公开政府信息120条，其中制发规章0件、行政规范性文件2件"
    )
    assert "行政许可决定15件" in figures.overview["proactive"]
    assert figures.overview["on_request"].startswith(
        "全年收到政府信息公开申请12件，上年结转1件，办结12件，结转下年度继续办理1件。"
    )
    assert "本年度有2条政府信息未在规定时限内主动公开" in figures.problem_prompts
    assert not any("行政执法决定" in p for p in figures.problem_prompts)  # 县住建局's, not 县财政局's


def test_saved_paragraphs_win_over_the_drafts(county):
    with hand_counted(county):
        figures = rf.build(_report(county, overview={"proactive": "本机关自行撰写的段落。"}))
    assert figures.overview["proactive"] == "本机关自行撰写的段落。"
    assert figures.overview["on_request"].startswith("全年收到")


def test_the_snapshot_round_trips_and_a_published_report_never_changes(county):
    report = _report(county, entered={"fees": "1.25", "npc_suggestions": "3", "cppcc_proposals": "1"})
    with hand_counted(county):
        figures = rf.build(report)
    report.snapshot = rf.to_json(figures)
    assert rf.from_json(report.snapshot) == figures
    # the metrics now say something else (or nothing): the published report keeps its figures
    assert rf.build(report) == figures
    assert rf.build(report, fresh=True).table2["licensing"].value is not None


@pytest.mark.parametrize(
    ("raw", "money", "message"),
    [("-1", False, "不能为负数"), ("abc", False, "请填写数字"), ("1.5", False, "请填写整数"),
     ("1.234", True, "金额最多保留两位小数"), ("NaN", True, "请填写数字")],
)  # fmt: skip
def test_typed_numbers_are_refused_in_chinese(raw, money, message):
    with pytest.raises(ValueError, match=message):
        rf.parse_number(raw, money=money)


def test_typed_numbers_accept_thousands_separators():
    assert rf.parse_number("1,200", money=False) == 1200
    assert rf.parse_number(" 3.5 ", money=True) == Decimal("3.50")


def test_the_domains_own_metrics_build_a_report(county):
    """With the registered metrics of the domains (no hand-counted ones): every figure of 表二 except
    the fee comes from records and links to them, 表三 and 表四 are there and balance on an empty year."""
    figures = rf.build(_report(county, county.government, consolidated=True))
    for key, figure in figures.table2.items():
        if key != "fees" or "services.fees.amount" in rf.registry.metrics():
            assert figure.metric and figure.value == 0 and figure.source.startswith("/workbench/"), key
    assert [f.value for f in figures.table3.rows[0][1]] == [0] * 7
    assert figures.identity_errors == []
    assert len(figures.table4.rows[0][1]) == 15
