"""The grade proposal rules and the hours each grade allows (RULES.md §7), table-driven, no database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gongkai.opinion import grading
from gongkai.opinion.grading import GENERAL, LARGE, MAJOR, SPECIAL, Facts

RULES = grading.Rules(
    heat_percentile=[(99.0, 3), (90.0, 2), (75.0, 1)],
    growth=[(5.0, 2), (2.0, 1)],
    negative_share=[(0.6, 2), (0.4, 1)],
    level={"province": 3, "city": 2, "county": 1, "township": 0},
    sensitive={"伤亡": (3, ["伤亡", "死亡"]), "校园": (2, ["校园", "学生"]), "欠薪": (2, ["欠薪"])},
    sensitive_max=5,
    thresholds=[(10, SPECIAL), (7, MAJOR), (4, LARGE)],
)


@pytest.mark.parametrize(
    ("facts", "grade", "score"),
    [
        # a quiet neutral enquiry in a township
        (Facts(10, 0.5, 0.1, "城关镇路灯何时修", "township"), GENERAL, 0),
        # one signal alone stays 一般
        (Facts(95, 1.0, 0.2, "停车收费", "county"), GENERAL, 3),
        # heat top 10 %, doubling, 45 % negative, county level: 2 + 1 + 1 + 1
        (Facts(92, 2.5, 0.45, "小区停水", "county"), LARGE, 5),
        # a school matter growing fast and mostly negative: 2 + 2 + 2 + 2 + 1
        (Facts(91, 6.0, 0.7, "学生食堂饭菜问题", "county"), MAJOR, 9),
        # deaths, top 1 %, growing, negative, the city named: 3 + 2 + 2 + 3 + 2
        (Facts(99.5, 5.0, 0.8, "工地坍塌致1人死亡", "city"), SPECIAL, 12),
        # sensitive points are capped: 伤亡 3 + 校园 2 + 欠薪 2 → 5, plus county 1
        (Facts(0, 0, 0, "学生家长欠薪致伤亡", "county"), LARGE, 6),
        # the boundaries themselves reach the step: 75 → 1, 2.0 → 1, 0.4 → 1, province 3 = 6
        (Facts(75, 2.0, 0.4, "", "province"), LARGE, 6),
        # just below every step: nothing
        (Facts(74.9, 1.99, 0.39, "", ""), GENERAL, 0),
    ],
)
def test_proposal(facts, grade, score):
    proposal = grading.propose(facts, RULES)
    assert (proposal.grade, proposal.score) == (grade, score)
    assert sum(int(r.rsplit("+", 1)[1].rstrip("）")) for r in proposal.reasons) == score


def test_reasons_name_the_sensitive_word():
    proposal = grading.propose(Facts(text="某校学生食堂", level="county"), RULES)
    assert "涉及敏感类别：校园（“学生”）（+2）" in proposal.reasons
    assert "涉及县级机关（+1）" in proposal.reasons


@pytest.mark.parametrize(
    ("grade", "hours", "conference"),
    [(SPECIAL, 5, True), (MAJOR, 5, True), (LARGE, 48, False), (GENERAL, 48, False)],
)
def test_hours_by_grade(grade, hours, conference):
    seen = datetime(2026, 3, 7, 22, 30, tzinfo=UTC)  # a Saturday night: wall-clock hours, no workdays
    assert grading.response_hours(grade, RULES) == hours
    assert (grading.deadline(seen, grade, RULES) - seen).total_seconds() == hours * 3600
    assert grading.needs_conference(grade) is conference
    assert (grading.conference_deadline(seen, RULES) - seen).total_seconds() == 24 * 3600


def test_hours_are_configurable():
    rules = grading.Rules(**{**RULES.__dict__, "major_hours": 3, "other_hours": 24})
    assert grading.response_hours(MAJOR, rules) == 3 and grading.response_hours(GENERAL, rules) == 24


@pytest.mark.parametrize(
    ("levels", "highest"),
    [(["county", "city"], "city"), (["township"], "township"), ([], ""), (["", "province", "x"], "province")],
)
def test_highest_level(levels, highest):
    assert grading.highest_level(levels) == highest


def test_settings_rules_follow_rules_md(settings):
    rules = grading.rules_from_settings()
    assert (rules.major_hours, rules.conference_hours, rules.other_hours) == (5, 24, 48)
    assert {"伤亡", "群体", "食品安全", "校园", "环境污染", "拖欠工资"} <= set(rules.sensitive)
