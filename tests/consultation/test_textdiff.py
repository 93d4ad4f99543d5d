"""The paragraph-by-paragraph changes between a draft and the adopted text (pure)."""

from __future__ import annotations

import pytest

from gongkai.consultation.textdiff import Kind, as_lines, counts, diff_paragraphs, inline

DRAFT = [
    "第一条 为了规范城区养犬行为，制定本办法。",
    "第二条 本办法适用于县城规划区内的养犬管理。",
    "第三条 养犬人应当为犬只办理登记，每年缴纳管理费一百元。",
    "第四条 禁止在城区饲养烈性犬。",
    "第五条 本办法自发布之日起施行。",
]
FINAL = [
    "第一条 为了规范城区养犬行为，制定本办法。",
    "第二条 本办法适用于县城规划区内的养犬管理。",
    "第三条 养犬人应当为犬只办理登记，免收管理费。",
    "第四条 携犬出户应当束犬链，并由成年人牵领。",  # added: later articles renumbered
    "第五条 禁止在城区饲养烈性犬。",
    "第六条 本办法自2027年1月1日起施行。",
]


def test_changed_added_and_renumbered_paragraphs():
    rows = diff_paragraphs(DRAFT, FINAL)
    assert [(r.kind, r.draft_label, r.final_label) for r in rows] == [
        (Kind.SAME, "第一条", "第一条"),
        (Kind.SAME, "第二条", "第二条"),
        (Kind.CHANGED, "第三条", "第三条"),
        (Kind.ADDED, "", "第四条"),
        (Kind.SAME, "第四条", "第五条"),  # renumbered only: not a change of content
        (Kind.CHANGED, "第五条", "第六条"),
    ]
    assert rows[3].label == "新增第四条"
    assert rows[5].label == "第五条（修改后为第六条）"
    assert counts(rows) == {Kind.CHANGED: 2, Kind.ADDED: 1, Kind.REMOVED: 0, Kind.SAME: 3}


def test_inline_changes_are_word_level_and_rebuild_both_texts():
    pieces = inline(DRAFT[2], FINAL[2])
    assert "".join(p.text for p in pieces if p.op != "insert") == DRAFT[2]
    assert "".join(p.text for p in pieces if p.op != "delete") == FINAL[2]
    deleted = "".join(p.text for p in pieces if p.op == "delete")
    inserted = "".join(p.text for p in pieces if p.op == "insert")
    assert "一百元" in deleted and "免收" in inserted
    assert "办理登记" not in deleted + inserted  # the common words are not marked


@pytest.mark.parametrize(
    ("draft", "final", "kinds"),
    [
        ([], [], []),
        (["第一条 甲。"], [], [Kind.REMOVED]),
        ([], ["第一条 甲。"], [Kind.ADDED]),
        (["第一条 完全不同的内容在这里。"], ["第一条 另外一段毫无关系的话语。"], [Kind.REMOVED, Kind.ADDED]),
        (
            ["第二条 本办法由县公安局负责解释。"],
            ["第二条 本办法由县公安局、县城管局负责解释。"],
            [Kind.CHANGED],
        ),
        (["  ", "第一条 甲乙丙。", ""], ["第一条 甲乙丙。"], [Kind.SAME]),  # blank paragraphs ignored
        (["一、总体要求", "二、主要任务"], ["一、总体要求", "二、重点任务"], [Kind.SAME, Kind.CHANGED]),
    ],
)
def test_alignment_table(draft, final, kinds):
    assert [r.kind for r in diff_paragraphs(draft, final)] == kinds


def test_removed_article_in_the_middle():
    rows = diff_paragraphs(
        DRAFT, [DRAFT[0], DRAFT[1], "第三条 禁止在城区饲养烈性犬。", "第四条 本办法自发布之日起施行。"]
    )
    assert [r.kind for r in rows] == [Kind.SAME, Kind.SAME, Kind.REMOVED, Kind.SAME, Kind.SAME]
    assert rows[2].label == "第三条"


def test_lines_for_the_docx_leave_out_unchanged_paragraphs():
    lines = as_lines(diff_paragraphs(DRAFT, FINAL))
    assert lines[0] == "修改第三条："
    assert lines[1] == "征求意见稿：" + DRAFT[2] and lines[2] == "修改后：" + FINAL[2]
    assert "新增第四条：" + FINAL[3] in lines
    assert not any("第一条" in line for line in lines)
