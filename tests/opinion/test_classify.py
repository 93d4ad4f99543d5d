"""The sentiment and 诉求 classifiers: the shipped models load, and they say the obvious things —
a clear complaint is negative, a neutral enquiry is not. Pure: no database."""

from __future__ import annotations

import pytest

from gongkai.opinion import classify


@pytest.fixture(scope="module")
def models():
    shipped = classify.load()
    assert shipped is not None, "the shipped pickle is stale: run `gongkai train_opinion_models`"
    return shipped


def test_the_training_file_covers_every_label_and_department(models):
    examples = classify.load_examples()
    assert {e.sentiment for e in examples} == set(classify.SENTIMENTS.values())
    assert {e.demand for e in examples} == set(classify.DEMANDS.values())
    text = "\n".join(e.text for e in examples)
    for department in (
        "财政",
        "住建",
        "教育",
        "卫健",
        "交通",
        "生态环境",
        "市场监管",
        "人社",
        "民政",
        "公安",
        "镇",
    ):
        assert department in text
    assert {e.channel for e in examples} == {"weibo", "forum", "news", "message"}


@pytest.mark.parametrize(
    ("text", "sentiment", "demand"),
    [
        (
            "强烈投诉！学校食堂的饭菜发霉变质，孩子吃了上吐下泻，教育局到现在不管不问。",
            "negative",
            "complaint",
        ),
        ("请问城关镇的居民医保在哪里缴费？需要带户口本吗？", "neutral", "enquiry"),
        ("建议县交通局在实验小学门口增设一处人行横道和减速带。", "neutral", "suggestion"),
        ("求助：家里老人突发脑梗，医药费实在凑不齐，不知道能不能申请临时救助。", "negative", "help"),
        ("感谢县住建局，老旧小区改造完成后楼道亮堂了，电梯也装好了，为你们点赞！", "positive", "other"),
    ],
)
def test_clear_cases(models, text, sentiment, demand):
    assert models.predict([text]) == [(sentiment, demand)]


def test_neutral_enquiries_are_not_called_negative(models):
    """The hand-written check set (no patterns, no slots): at most 1 in 10 called negative."""
    lines = classify.CHECK_FILE.read_text(encoding="utf-8").splitlines()[1:]
    predicted = models.predict(lines)
    negative = [text for text, (s, _d) in zip(lines, predicted, strict=True) if s == "negative"]
    assert len(lines) == 50
    assert len(negative) <= 5, negative


def test_an_empty_batch_and_a_very_long_text(models):
    assert models.predict([]) == []
    assert models.predict(["请问社保卡怎么补办？" * 2000])[0][0] == "neutral"
