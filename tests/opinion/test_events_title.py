"""Terms, keywords and the suggested title of an event (opinion/clustering.py), without the database."""

from datetime import UTC, datetime, timedelta

import pytest

from gongkai.opinion import clustering
from tests.opinion.events_texts import CANTEEN, PENSION, ROADWORK


def test_terms_drop_single_characters_numbers_and_stop_words():
    bag = clustering.terms("网友反映：12日 实验小学食堂的饭菜变质", "我们希望尽快处理")
    assert bag["食堂"] == 2 and bag["饭菜"] == 2  # title terms count twice
    assert bag["处理"] == 1
    for dropped in ("网友", "12", "的", "我们", "希望", "日"):
        assert dropped not in bag


@pytest.mark.parametrize(
    ("keywords", "candidates", "expected"),
    [
        (
            ["食堂", "腹泻", "变质"],
            ["养老金发放", "实验小学食堂饭菜变质 学生腹泻"],
            "实验小学食堂饭菜变质 学生腹泻",
        ),
        # Equally good titles: the shorter one.
        (["食堂", "腹泻"], ["食堂腹泻事件后续报道追踪", "食堂腹泻"], "食堂腹泻"),
        # A stronger keyword outweighs a weaker one.
        (["施工", "噪音", "投诉"], ["居民投诉", "夜间施工"], "夜间施工"),
        # No candidate covers a keyword: the top keywords.
        (["养老金", "发放", "本月", "社保"], ["无关标题"], "养老金、发放、本月"),
        ([], [""], "未命名事件"),
        # Whitespace is tidied; a long title is cut at 40 characters.
        (["食堂"], ["  食堂   问题  "], "食堂 问题"),
        (["食堂"], ["食堂" + "很长" * 30], ("食堂" + "很长" * 30)[:39] + "…"),
    ],
)
def test_suggest_title(keywords, candidates, expected):
    assert clustering.suggest_title(keywords, candidates) == expected


def test_keywords_prefer_the_longer_word_and_rank_by_tfidf():
    idf = clustering.Idf()
    for bag in ({"示范县": 1, "食堂": 1}, {"示范县": 1, "施工": 1}, {"示范县": 1, "养老金": 1}):
        idf.see(bag)
    centroid = {"示范县": 5.0, "食堂": 4.0, "食品": 2.0, "食品安全": 2.0}
    kws = clustering.keywords(centroid, idf, n=3)
    assert kws[0] == "食堂"  # 示范县 is in every document: it ranks below its raw count
    assert "食品安全" in kws and "食品" not in kws


def test_index_compares_only_events_sharing_a_strong_term_and_inside_the_window():
    items = CANTEEN + ROADWORK + PENSION
    idf = clustering.Idf()
    bags = [clustering.terms(t, b) for t, b in items]
    for bag in bags:
        idf.see(bag)
    index = clustering.ActiveIndex(idf, timedelta(hours=72), 0.3)
    t0 = datetime(2026, 12, 1, tzinfo=UTC)
    index.open("canteen", bags[0], t0)
    index.open("road", bags[3], t0)
    assert index.best(bags[1], t0 + timedelta(hours=1))[0] == "canteen"
    assert index.best(bags[4], t0 + timedelta(hours=1))[0] == "road"
    assert index.best(bags[5], t0)[0] is None  # the pension question shares nothing strong enough
    assert index.best(bags[1], t0 + timedelta(hours=73))[0] is None  # out of the window


def test_a_centroid_stays_small_however_many_posts_join():
    centroid = {}
    for i in range(500):
        centroid = clustering.add(centroid, {f"词{i}": 1.0, "食堂": 1.0})
    assert len(centroid) == clustering.CENTROID_TERMS
    assert centroid["食堂"] == 500
