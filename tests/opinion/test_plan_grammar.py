"""The watch-plan grammar, table-driven: what matches, what does not, and malformed expressions refused
with the position of the mistake. Pure: no database."""

from __future__ import annotations

import pytest

from gongkai.opinion.planquery import PlanError, compile_plans, parse_plan

GROUPS = {
    "region": "示范县 城关镇",
    "subject": "学校、幼儿园",
    "event": "食物中毒，食品安全",
    "exclude": "广告",
}


def matches(expression: str, body: str, title: str = "", groups: dict | None = None) -> bool:
    return compile_plans([(1, groups or {}, expression)]).match(body, title) == {1}


@pytest.mark.parametrize(
    ("expression", "title", "body", "expected"),
    [
        # AND, OR, implicit AND, precedence (AND binds tighter than OR)
        ("学校 AND 食堂", "", "学校的食堂", True),
        ("学校 AND 食堂", "", "学校门口", False),
        ("学校 食堂", "", "学校的食堂", True),
        ("学校 OR 医院", "", "县医院", True),
        ("学校 OR 医院 食堂", "", "县医院门诊", False),  # 学校 OR (医院 AND 食堂)
        ("学校 OR 医院 食堂", "", "学校", True),
        ("(学校 OR 医院) 食堂", "", "学校", False),
        ("（学校 OR 医院） 食堂", "", "医院食堂", True),  # full-width brackets
        # NOT, as a binary and a unary operator, and its precedence
        ("学校 NOT 广告", "", "学校招生广告", False),
        ("学校 NOT 广告", "", "学校招生", True),
        ("学校 AND NOT (广告 OR 招聘)", "", "学校招聘教师", False),
        ("NOT 广告 学校", "", "学校", True),
        ("学校 not 广告", "", "学校广告", False),  # operators are case-insensitive
        # NEAR/n: characters between the two hits, either order, same field
        ("食堂 NEAR/3 发霉", "", "食堂馒头都发霉", True),  # 3 characters between
        ("食堂 NEAR/2 发霉", "", "食堂馒头都发霉", False),
        ("发霉 NEAR/3 食堂", "", "食堂馒头都发霉", True),
        ("食堂 NEAR/0 发霉", "", "食堂发霉", True),
        ("食品 NEAR/0 食品安全", "", "食品安全", True),  # overlapping hits count as 0
        ("食堂 NEAR/5 发霉", "食堂", "发霉", False),  # title and body are not one text
        ("(食堂 OR 餐厅) NEAR/2 (发霉 OR 变质)", "", "学校餐厅饭菜变质", True),
        ("食堂 NEAR/50 发霉", "", "食堂" + "很" * 50 + "发霉", True),
        ("食堂 NEAR/49 发霉", "", "食堂" + "很" * 50 + "发霉", False),
        # scopes
        ("title:暴雨", "暴雨预警", "", True),
        ("title:暴雨", "预警", "暴雨", False),
        ("body:暴雨", "暴雨预警", "", False),
        ("标题:(暴雨 OR 洪水) 受灾", "洪水来了", "多户受灾", True),
        ("title:(暴雨 受灾)", "暴雨", "受灾", False),
        ("title：暴雨", "暴雨", "", True),  # full-width colon
        # quoted phrases keep their spaces and operators as text
        ('"校车 超载"', "", "校车 超载", True),
        ('"校车 超载"', "", "校车超载", False),
        ('"A OR B"', "", "a or b", True),  # Latin matched in lower case
        ("“校车超载”", "", "校车超载", True),
        # normalisation: NFKC and lower case on both sides
        ("ＰＭ2.5", "", "pm2.5超标", True),
        ("WiFi", "", "免费wifi", True),
    ],
)
def test_expressions(expression, title, body, expected):
    assert matches(expression, body, title) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("示范县实验学校发生食物中毒", True),
        ("城关镇幼儿园食品安全检查", True),
        ("示范县医院发生食物中毒", False),  # no 主体
        ("示范县实验学校食品安全广告", False),  # 排除
        ("邻县学校发生食物中毒", False),  # no 地域
    ],
)
def test_groups_combine_as_region_and_subject_and_event_not_exclude(body, expected):
    assert matches("", body, groups=GROUPS) is expected


@pytest.mark.parametrize(
    ("expression", "body", "expected"),
    [
        ("{地域} {事件}", "示范县食物中毒", True),
        ("{主体} NEAR/4 {事件}", "幼儿园多名儿童食物中毒", True),
        ("{主体} NEAR/3 {事件}", "幼儿园多名儿童食物中毒", False),
        ("{事件} NOT {排除}", "食品安全广告", False),
        ("title:{地域} {事件}", "示范县食物中毒", False),
    ],
)
def test_expressions_name_groups(expression, body, expected):
    assert matches(expression, body, groups=GROUPS) is expected


def test_empty_groups_are_left_out():
    assert matches("", "学校食物中毒", groups={"subject": "学校", "event": "食物中毒"})


@pytest.mark.parametrize(
    ("expression", "position", "message"),
    [
        ("学校 AND", 7, "表达式在此处意外结束，缺少词语"),
        ("(学校 OR 医院", 10, "缺少右括号（与第 1 个字符处的左括号配对）"),
        ("学校)", 3, "多余的右括号"),
        ("学校 OR OR 医院", 7, "运算符“OR”前缺少词语"),
        ("AND 学校", 1, "运算符“AND”前缺少词语"),
        ("学校 NEAR 食堂", 4, "NEAR 后应写斜杠和字数，例如 NEAR/10"),
        ("学校 NEAR/x 食堂", 4, "NEAR 后应写斜杠和字数，例如 NEAR/10"),
        ("学校 NEAR/501 食堂", 4, "NEAR 的字数不能超过 500"),
        ("(学校 AND 医院) NEAR/3 食堂", 13, "NEAR 两侧只能是词语、短语、词组或用 OR 连接的词语（左侧不是）"),
        ("学校 NEAR/3 NOT 食堂", 11, "NEAR 两侧只能是词语、短语、词组或用 OR 连接的词语（右侧不是）"),
        ('学校 "食堂', 4, "引号没有闭合"),
        ('学校 ""', 4, "引号中的短语为空"),
        ("{地区} 学校", 1, "没有名为“地区”的词组（可用 {地域}、{主体}、{事件}、{排除}）"),
        ("{排除} 学校", 1, "词组“排除”是空的，请先填写该组的词语"),
        ("{主体 学校", 1, "词组名缺少右花括号 }"),
        ("title: OR 学校", 8, "“标题:”后缺少词语或括号"),
        ("NOT 广告", 1, "表达式至少要求出现一个词语（只有 NOT 会命中所有信息）"),
        ("学校 }", 4, "多余的符号“}”"),
        ("()", 2, "右括号前缺少词语"),
    ],
)
def test_malformed_expressions_are_refused_with_the_position(expression, position, message):
    with pytest.raises(PlanError) as refused:
        parse_plan({"subject": "学校"}, expression)
    assert (refused.value.position, refused.value.message, refused.value.field) == (
        position,
        message,
        "expression",
    )
    assert str(refused.value) == f"第 {position} 个字符处：{message}"


def test_a_plan_needs_a_group_or_an_expression():
    with pytest.raises(PlanError, match="请至少填写地域、主体、事件中的一组词语，或填写表达式") as refused:
        parse_plan({"exclude": "广告"}, "")
    assert refused.value.field == "region"


def test_a_too_long_group_term_names_its_group_and_position():
    with pytest.raises(PlanError, match="词语不能超过 50 个字") as refused:
        parse_plan({"region": "示范县 " + "长" * 51}, "")
    assert (refused.value.field, refused.value.position) == ("region", 5)


def test_a_plan_that_no_longer_parses_is_skipped_by_the_compiler():
    compiled = compile_plans([(1, {}, "学校 AND"), (2, {}, "学校")])
    assert compiled.match("学校") == {2}
