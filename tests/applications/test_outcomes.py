"""Outcome rows of 表三 (国办公开办函〔2021〕30号), checked against RULES.md §3 written out by hand."""

import pytest

from gongkai.applications.outcomes import (
    APPLICANT_COLUMNS,
    OUTCOME_BY_CODE,
    OUTCOMES,
    REPORT_GROUPS,
    LetterWordingError,
    letter_placeholders,
    render_letter,
)

# (code, full row label of the report, article) — copied from RULES.md §3, not from the module.
EXPECTED_ROWS = [
    ("disclose", "（一）予以公开", "第三十六条第（一）项、第（二）项"),
    ("partial", "（二）部分公开", "第三十七条"),
    ("withhold_secret", "（三）不予公开 1.属于国家秘密", "第十四条"),
    ("withhold_law", "（三）不予公开 2.其他法律行政法规禁止公开", "第十四条"),
    ("withhold_security", "（三）不予公开 3.危及“三安全一稳定”", "第十四条"),
    ("withhold_third_party", "（三）不予公开 4.保护第三方合法权益", "第十五条"),
    ("withhold_internal", "（三）不予公开 5.属于三类内部事务信息", "第十六条第一款"),
    ("withhold_process", "（三）不予公开 6.属于四类过程性信息", "第十六条第二款"),
    ("withhold_enforcement", "（三）不予公开 7.属于行政执法案卷", "第十六条第二款"),
    ("withhold_query", "（三）不予公开 8.属于行政查询事项", "第三十六条第（七）项"),
    ("unable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项"),
    ("unable_needs_making", "（四）无法提供 2.没有现成信息需要另行制作", "第三十八条"),
    ("unable_unclear", "（四）无法提供 3.补正后申请内容仍不明确", "第三十条"),
    ("not_processed_petition", "（五）不予处理 1.信访举报投诉类申请", "第三十九条第一款"),
    ("not_processed_repeat", "（五）不予处理 2.重复申请", "第三十六条第（六）项"),
    ("not_processed_publication", "（五）不予处理 3.要求提供公开出版物", "第三十九条第二款"),
    ("not_processed_excessive", "（五）不予处理 4.无正当理由大量反复申请", "第三十五条"),
    ("not_processed_reconfirm", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息", "第三十八条"),
    (
        "other_no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
    ),
    (
        "other_unpaid",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    ),
    ("other", "（六）其他处理 3.其他", ""),
]


def test_every_row_of_the_report_in_order():
    assert [(o.code, o.full_label, o.article) for o in OUTCOMES] == EXPECTED_ROWS


def test_codes_are_unique_and_indexed():
    assert len(OUTCOME_BY_CODE) == len(OUTCOMES) == 21
    assert all(OUTCOME_BY_CODE[o.code] is o for o in OUTCOMES)


def test_report_groups_follow_table_three():
    assert [(g.heading, len(g.outcomes)) for g in REPORT_GROUPS] == [
        ("（一）予以公开", 1),
        ("（二）部分公开", 1),
        ("（三）不予公开", 8),
        ("（四）无法提供", 3),
        ("（五）不予处理", 5),
        ("（六）其他处理", 3),
    ]
    assert tuple(o for g in REPORT_GROUPS for o in g.outcomes) == OUTCOMES


def test_applicant_columns():
    assert APPLICANT_COLUMNS == (
        ("natural", "自然人"),
        ("business", "商业企业"),
        ("research", "科研机构"),
        ("charity", "社会公益组织"),
        ("legal_service", "法律服务机构"),
        ("other_org", "其他"),
    )


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: o.code)
def test_letter_wording_renders_and_cites_its_article(outcome):
    values = {name: f"〈{name}〉" for name in letter_placeholders(outcome.code)}
    text = render_letter(outcome.code, **values)
    assert "{" not in text and "[" not in text
    assert all(v in text for v in values.values())
    if outcome.article:
        first_article = outcome.article.split("、")[0].split("第（")[0]
        assert first_article in text


@pytest.mark.parametrize(
    "outcome", [o for o in OUTCOMES if letter_placeholders(o.code)], ids=lambda o: o.code
)
def test_letter_refuses_missing_values(outcome):
    with pytest.raises(LetterWordingError, match="答复告知书缺少"):
        render_letter(outcome.code)


def test_right_agency_is_named_only_when_known():
    without = render_letter("unable_not_held", description="2025年县级预算")
    with_agency = render_letter("unable_not_held", description="2025年县级预算", other_agency="县财政局")
    assert "县财政局" not in without and "负责公开" not in without
    assert with_agency.startswith(without)
    assert "该政府信息由县财政局负责公开" in with_agency
