"""The arithmetic of an indicator (pure): thresholds, linear between, lower-better, ratios, no data,
a missing metric, ranking with ties, and the scheme's checks in Chinese."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gongkai.oversight import assessment_scoring as s


def rule(
    direction="higher", full="95", zero="60", weight="20", denominator="", no_data="full", metric="m.a.b"
):
    return s.Rule(
        label="按时率",
        metric=metric,
        weight=D(weight),
        direction=direction,
        full_at=D(full),
        zero_at=D(zero),
        denominator=denominator,
        no_data=no_data,
    )


@pytest.mark.parametrize(
    ("raw", "points"),
    [
        ("100", "20.00"),  # beyond the full-marks line
        ("95", "20.00"),  # at it
        ("77.5", "10.00"),  # half way: linear
        ("60", "0.00"),  # at the zero line
        ("12", "0.00"),  # below it
        ("94.3", "19.60"),  # (94.3-60)/35*20 = 19.6
    ],
)
def test_higher_is_better_linear_between_thresholds(raw, points):
    assert s.points(rule(), D(raw)) == D(points)


@pytest.mark.parametrize(
    ("raw", "points"),
    [("0", "10.00"), ("1", "10.00"), ("3", "5.00"), ("5", "0.00"), ("9", "0.00"), ("2", "7.50")],
)
def test_lower_is_better(raw, points):
    r = rule("lower", full="1", zero="5", weight="10")
    assert s.points(r, D(raw)) == D(points)


def test_ratio_of_two_metrics_in_percent():
    r = rule("higher", full="100", zero="50", denominator="m.req.n")
    assert s.raw_value(r, 3, 4) == D("75.00")
    assert s.points(r, s.raw_value(r, 3, 4)) == D("10.00")
    assert s.raw_value(r, 3, 0) is None  # nothing required: no data
    assert s.raw_value(r, None, 4) is None


def test_no_negative_zero_at_the_zero_line_of_a_lower_better_rule():
    assert str(s.points(rule("lower", full="0", zero="50", weight="10"), D("50"))) == "0.00"


def test_lower_better_ratio():
    r = rule("lower", full="0", zero="50", denominator="m.active.n", weight="10")
    assert s.score(r, s.raw_value(r, 1, 4)) == s.Result(D("25.00"), D("5.00"), s.OK)


def test_no_data_scores_by_the_rule():
    assert s.score(rule(no_data="full"), None) == s.Result(None, D("20"), s.NO_DATA)
    assert s.score(rule(no_data="zero"), None) == s.Result(None, D("0"), s.NO_DATA)


def test_a_missing_metric_scores_nothing_and_says_so():
    result = s.score(rule(), D("99"), available=False)
    assert result.points == 0 and result.status == s.MISSING
    assert result.status_label == "指标数据暂缺"


@pytest.mark.parametrize("value", [None, True, {"rows": []}, "abc", float("nan"), [1]])
def test_values_that_are_no_number_are_no_data(value):
    assert s.number(value) is None


def test_ranking_shares_ties():
    assert s.rank([(1, D("90")), (2, D("95")), (3, D("90")), (4, D("80"))]) == {2: 1, 1: 2, 3: 2, 4: 4}


def test_the_rule_in_words():
    assert (
        s.Rule.describe(rule())
        == "达到95及以上得满分20分，60及以下不得分，其间按比例计分；本期无数据的得满分"
    )
    r = rule("lower", full="0", zero="3", weight="10", no_data="zero", metric="x.y.z")
    assert r.describe() == "不超过0得满分10分，达到3及以上不得分，其间按比例计分；本期无数据的不得分"
    assert rule(metric="a.b.on_time_pct").describe().startswith("达到95%及以上")


def test_check_rules_lists_every_problem_in_chinese():
    bad = [
        rule(weight="30"),
        s.Rule("", "", D("0"), "higher", D("5"), D("5")),
        rule("lower", full="9", zero="1", weight="10"),
        rule("higher", full="1", zero="9", weight="10"),
    ]
    bad[3] = s.Rule("按时率", "m.a.b", D("10"), "higher", D("1"), D("9"))
    errors = s.check_rules(bad)
    assert "第2项指标缺少名称" in errors
    assert "第2项指标（未命名）没有选择数据来源" in errors
    assert "第2项指标（未命名）的分值应大于0" in errors
    assert "第2项指标（未命名）的满分线和零分线不能相同" in errors
    assert "第3项指标（按时率）与前面的指标重名" in errors
    assert "第3项指标（按时率）为“越低越好”，满分线（9）应低于零分线（1）" in errors
    assert "第4项指标（按时率）为“越高越好”，满分线（1）应高于零分线（9）" in errors
    assert errors[-1] == "各项指标分值合计应为100分，现为50分"


def test_weights_summing_to_100_pass():
    rules = [
        s.Rule("甲", "a.b.c", D("60"), "higher", D("95"), D("60")),
        s.Rule("乙", "a.b.d", D("40"), "lower", D("0"), D("3")),
    ]
    assert s.check_rules(rules) == []
    assert s.check_rules([]) == ["考核方案至少要有一项指标"]
