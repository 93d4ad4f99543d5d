"""The parser of a 工作要点's text: pure, no database."""

from datetime import date

import pytest

from gongkai.ingest.readers import read_file
from gongkai.plans.parsing import NoItems, match_agency, parse_deadline, parse_plan
from tests.plans.conftest import PLAN_DOCX


def test_the_shipped_plan_has_27_tasks_in_5_sections():
    parsed = parse_plan(read_file(PLAN_DOCX.read_bytes(), PLAN_DOCX.name).text, year=2026)
    assert parsed.title == "示范县2026年政务公开工作要点"
    assert len(parsed.sections) == 5
    assert len(parsed.tasks) == 27
    first = parsed.tasks[0]
    assert first.content.startswith("及时公开财政预决算信息")
    assert "牵头单位" not in first.content  # the attribute parentheses are taken out
    assert first.agency_names == ["县财政局"]
    assert first.deadline == date(2026, 6, 30)
    assert first.criterion == "县级部门预决算公开率100%"
    # （一）规范政务留言办理。 has 1. 2. 3. under it: a sub-heading, its children are the tasks
    assert "规范政务留言办理" not in [t.content for t in parsed.tasks]
    assert parsed.tasks[11].section == "围绕回应社会关切加强政民互动 · 规范政务留言办理"
    assert parsed.tasks[11].number == "1."
    # the 落款 under the last item is not part of it
    assert (
        parsed.tasks[-1].content == "编制发布年度报告。按规定时间编制并公开上一年度政府信息公开工作年度报告。"
    )


ITEM_STYLES = [
    # (text, expected (number, content) of the tasks)
    ("一、总体\n（一）甲任务。\n（二）乙任务。", [("（一）", "甲任务。"), ("（二）", "乙任务。")]),
    ("一、总体\n(一)半角括号。", [("（一）", "半角括号。")]),
    ("一、总体\n1.点号。\n2、顿号。\n3．全角点。", [("1.", "点号。"), ("2.", "顿号。"), ("3.", "全角点。")]),
    ("一、总体\n（十二）十二项。", [("（十二）", "十二项。")]),
    ("一、总体\n（一）小标题\n1.子任务甲。\n2.子任务乙。\n（二）独立任务。",
     [("1.", "子任务甲。"), ("2.", "子任务乙。"), ("（二）", "独立任务。")]),
    ("一、总体\n（一）第一段。\n续写的第二段，仍属本项。", [("（一）", "第一段。续写的第二段，仍属本项。")]),
    ("一、总体\n1.5亿元资金不是编号。\n1.真正的编号。", [("1.", "真正的编号。")]),
    ("标题\n二〇二六年\n一、部分\n（一）任务。\n某某办公室\n2026年2月1日", [("（一）", "任务。")]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", ITEM_STYLES)
def test_item_styles(text, expected):
    assert [(t.number, t.content) for t in parse_plan(text, year=2026).tasks] == expected


ATTRIBUTES = [
    ("（牵头单位：县财政局）", ["县财政局"], [], ""),
    ("（责任单位：县财政局、县住建局）", ["县财政局", "县住建局"], [], ""),
    ("(牵头单位:县财政局;配合单位:县住建局)", ["县财政局"], ["县住建局"], ""),
    ("（牵头部门：县教育局；完成时限：2026年5月底前）", ["县教育局"], [], "2026年5月底前"),
    ("（县财政局牵头）", [], [], ""),  # no key: left in the content for the clerk
]


@pytest.mark.parametrize("attrs,agencies,partners,deadline_text", ATTRIBUTES)
def test_attributes(attrs, agencies, partners, deadline_text):
    task = parse_plan(f"一、总体\n（一）做好工作。{attrs}", year=2026).tasks[0]
    assert (task.agency_names, task.partner_names) == (agencies, partners)
    assert task.deadline_text == deadline_text
    assert ("牵头" in task.content) == (not agencies)


DEADLINES = [
    ("2026年6月底前完成", date(2026, 6, 30)),
    ("2028年2月底前", date(2028, 2, 29)),
    ("9月30日前", date(2026, 9, 30)),
    ("2026年3月31日前", date(2026, 3, 31)),
    ("4月前", date(2026, 3, 31)),
    ("上半年", date(2026, 6, 30)),
    ("2026年上半年", date(2026, 6, 30)),
    ("第三季度", date(2026, 9, 30)),
    ("第4季度", date(2026, 12, 31)),
    ("年底前", date(2026, 12, 31)),
    ("2026年年底前", date(2026, 12, 31)),
    ("长期坚持", None),
    ("2月30日前", None),
]


@pytest.mark.parametrize("text,expected", DEADLINES)
def test_deadlines(text, expected):
    assert parse_deadline(text, 2026)[0] == expected


@pytest.mark.parametrize(
    "text",
    ["", "示范县2026年政务公开工作要点\n今年要做好政务公开工作。", "一、总体要求\n二、主要任务\n（一）"],
)
def test_no_numbered_items_is_refused(text):
    with pytest.raises(NoItems, match="文件中没有找到编号的工作任务"):
        parse_plan(text, year=2026)


AGENCIES = [
    (1, "示范县财政局", "县财政局"),
    (2, "示范县人民政府办公室", "县政府办"),
    (3, "示范县城关镇人民政府", "城关镇"),
]
MATCHES = [
    ("县财政局", 1),
    ("示范县财政局", 1),
    ("财政局", 1),
    ("县政府办公室", 2),
    ("县政府办", 2),
    ("城关镇", 3),
    ("县教育局", None),
    ("局", None),
    ("", None),
]


@pytest.mark.parametrize("name,expected", MATCHES)
def test_match_agency(name, expected):
    assert match_agency(name, AGENCIES) == expected


def test_an_ambiguous_name_matches_nothing():
    two = [(1, "甲县财政局", ""), (2, "乙县财政局", "")]
    assert match_agency("县财政局", two) is None
