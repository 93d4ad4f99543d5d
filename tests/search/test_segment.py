"""Segmentation: one pure function for index and query; the user dictionary keeps terms whole."""

import pytest

from gongkai.search.segment import load_userdict, normalise, query_terms, segment, segment_joined

DOCUMENT = "示范县财政局关于公开2024年度三公经费的通知。依据《中华人民共和国政府信息公开条例》，依申请公开的…"


def test_the_index_stores_exactly_what_a_query_for_the_same_text_produces():
    assert segment_joined(DOCUMENT).split() == segment(DOCUMENT)
    for word in ["示范县财政局", "三公经费", "政府信息公开", "依申请公开"]:
        assert set(segment(word)) <= set(segment(DOCUMENT)), word


@pytest.mark.parametrize(
    "term",
    [
        "示范县财政局",
        "政府信息公开",
        "依申请公开",
        "主动公开",
        "行政规范性文件",
        "政策解读",
        "国务院办公厅",
        "信息公开条例",
        "新闻发言人",
        "回应社会关切",
        "政务微博",
        "三公经费",
        "示范县住房和城乡建设局",
    ],
)
def test_user_dictionary_terms_stay_whole(term):
    assert term in load_userdict()
    assert term in segment(f"我们在{term}方面做了工作"), segment(f"我们在{term}方面做了工作")


def test_search_mode_also_emits_the_short_words_inside_a_long_one():
    tokens = segment("示范县财政局")
    assert {"示范县财政局", "财政局", "示范县"} <= set(tokens)


def test_full_width_becomes_half_width_and_latin_lower_case_without_changing_length():
    assert normalise("ＡＢＣ　Ｇｏｖ（１２３）") == "abc gov(123)"
    assert len(normalise("政务ＡＰＰ")) == len("政务ＡＰＰ")
    assert segment("政务ＡＰＰ") == segment("政务app")


def test_punctuation_spaces_and_function_words_are_dropped():
    tokens = segment("关于……公开的《通知》！ ，。")
    assert "的" not in tokens
    assert all(t.strip("…《》！，。 ") for t in tokens)
    assert segment("") == [] and segment("，。！") == []


def test_query_terms_drop_words_implied_by_a_longer_one():
    assert query_terms("示范县财政局 三公经费") == ["示范县财政局", "三公经费"]
    assert query_terms("的") == []
