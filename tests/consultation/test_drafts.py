"""Splitting drafts into numbered paragraphs (pure, no database)."""

import pytest

from gongkai.consultation.drafts import (
    ARTICLE,
    CHAPTER,
    CLAUSE,
    SECTION,
    TEXT,
    chinese_number,
    split_draft,
)

DOG_RULES = """示范县城区养犬管理办法（征求意见稿）
第一章　总则
第一条　为了规范城区养犬行为，保障公民人身安全，维护市容环境和社会秩序，根据《中华人民共和国动物防疫法》等法律法规，结合本县实际，制定本办法。
第二条　本办法适用于本县城区范围内的养犬和养犬管理活动。
第三条　养犬人应当遵守下列规定：
（一）为犬只注射狂犬病疫苗；
（二）携犬出户时束犬链。
违反前款规定的，由县农业农村局责令改正。
第二章　养犬登记
第一节　一般规定
第四条　城区实行养犬登记制度。
第五条
养犬人应当自取得犬只之日起三十日内办理登记。
第六条　登记有效期为一年。
第五条规定的期限届满前，养犬人应当办理延续手续。
"""


def test_regulation_shaped_draft():
    paras = split_draft(DOG_RULES, title="示范县城区养犬管理办法（征求意见稿）")
    got = [(p.number, p.kind, p.heading, p.article) for p in paras]
    assert got == [
        (1, CHAPTER, "第一章 总则", None),
        (2, ARTICLE, "第一条", None),
        (3, ARTICLE, "第二条", None),
        (4, ARTICLE, "第三条", None),
        (5, CLAUSE, "第三条第二款", 4),
        (6, CHAPTER, "第二章 养犬登记", None),
        (7, SECTION, "第一节 一般规定", None),
        (8, ARTICLE, "第四条", None),
        (9, ARTICLE, "第五条", None),
        (10, ARTICLE, "第六条", None),
        (11, CLAUSE, "第六条第二款", 10),
    ]
    # Items (项) stay inside their 款; a heading alone on its line takes the next line as its text.
    assert paras[3].text == "养犬人应当遵守下列规定：\n（一）为犬只注射狂犬病疫苗；\n（二）携犬出户时束犬链。"
    assert paras[8].text == "养犬人应当自取得犬只之日起三十日内办理登记。"
    assert paras[1].text.startswith("为了规范城区养犬行为")
    # A reference to another article at the start of a line is a 款, not a heading.
    assert paras[10].text.startswith("第五条规定的期限")


def test_large_article_numbers_and_no_space():
    text = "\n".join(
        f"第{n}条内容{n}"
        for n in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
    )
    paras = split_draft(text)
    assert [p.heading for p in paras][-2:] == ["第十一条", "第十二条"]
    assert paras[-1].text == "内容十二"
    assert all(p.kind == ARTICLE for p in paras)


@pytest.mark.parametrize(
    ("text", "number"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百", 100), ("一百零三", 103),
     ("一百一十二", 112), ("12", 12), ("１２", 12), ("甲", None)],
)  # fmt: skip
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


def test_plain_prose_is_one_paragraph_a_line():
    text = "关于调整城区公交线路的方案\n\n一、调整背景\n城区新增两个居住区。\n\n二、调整内容\n新增12路公交。"
    paras = split_draft(text, title="关于调整城区公交线路的方案")
    assert [p.kind for p in paras] == [TEXT] * 4
    assert [p.number for p in paras] == [1, 2, 3, 4]
    assert paras[0].text == "一、调整背景"


def test_empty_draft_has_no_paragraphs():
    assert split_draft("  \n\u3000\n") == []
