"""Normalisation of a post, without the database: HTML, traditional characters, full-width forms,
whitespace, canonical URLs, hashes, over-long bodies and masking before storage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gongkai.opinion.normalise import (
    MAX_BODY,
    RawPost,
    canonical_url,
    content_hash,
    normalise_post,
    normalise_text,
)

WHEN = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>食堂<b>有异味</b></p>", "食堂有异味"),
        ("學校食堂飯菜", "学校食堂饭菜"),
        ("ＡＢＣ小区１２３号，真的！", "ABC小区123号，真的！"),
        ("  第一行 \u3000\n\n\n 第二行  ", "第一行\n第二行"),
        ("1 < 2 而且 3 > 2", "1 < 2 而且 3 > 2"),  # not markup: left as it is
        ("", ""),
    ],
)
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://BBS.Example.cn/thread/1?utm_source=wx&utm_medium=a#reply",
            "https://bbs.example.cn/thread/1",
        ),
        ("http://example.cn:80/a?b=2&a=1", "http://example.cn/a?a=1&b=2"),
        ("https://example.cn:8443/a", "https://example.cn:8443/a"),
        ("https://example.cn", "https://example.cn/"),
        ("https://weixin.example.cn/s?id=9&scene=1&from=timeline", "https://weixin.example.cn/s?id=9"),
        ("javascript:alert(1)", ""),
        ("ftp://example.cn/a", ""),
        ("http://[::1", ""),
        ("", ""),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_the_content_hash_ignores_spaces_and_punctuation():
    assert content_hash("城南积水", "严重！ 排水该升级了。") == content_hash("城南积水", "严重排水该升级了")
    assert content_hash("城南积水", "严重") != content_hash("城北积水", "严重")


def test_personal_data_is_masked_before_storage():
    post = normalise_post(
        RawPost(
            published_at=WHEN,
            title="家长來電",
            body="我是王小紅，电话13812345678，身份证号11010519491231002X。",
        )
    )
    assert "13812345678" not in post.body and "138****5678" in post.body
    assert "11010519491231002X" not in post.body
    assert "王小红" not in post.body
    assert post.title == "家长来电"


def test_an_oversized_body_is_cut_with_a_note_not_lost():
    post = normalise_post(RawPost(published_at=WHEN, title="长文", body="很" * (MAX_BODY + 500)))
    assert post.truncated
    assert post.body.startswith("很" * 100)
    assert post.body.endswith(f"（原文共{MAX_BODY + 500}字，超过{MAX_BODY}字，以下内容已截断）")
    assert post.notes == ["正文过长，已截断"]


def test_a_post_without_title_takes_its_first_line():
    post = normalise_post(RawPost(published_at=WHEN, body="幸福路夜间施工噪音太大\n希望管一管"))
    assert post.title == "幸福路夜间施工噪音太大"


def test_counts_are_whole_and_not_negative():
    post = normalise_post(RawPost(published_at=WHEN, title="t", likes="12.0", comments=-3, shares="很多"))
    assert (post.likes, post.comments, post.shares) == (12, 0, 0)
