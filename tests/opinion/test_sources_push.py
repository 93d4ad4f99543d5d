"""The push endpoint (POST /opinion/push/, docs/api-opinion-push.md): a source's staff token, batches,
idempotent on each post's id or URL, invalid batches refused whole with a machine code and a Chinese
message, personal data masked before storage."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from gongkai.common.errors import ActionRefused
from gongkai.opinion.collect import actions
from gongkai.opinion.models import Post, SourceKind
from tests.opinion import sources_helpers
from tests.opinion.sources_helpers import make_source

analyst = sources_helpers.analyst

POST = {
    "id": "p-1",
    "title": "城南积水",
    "body": "城南大道积水严重，联系人张三电话13912345678",
    "published_at": "2026-12-01T08:00:00+08:00",
}


@pytest.fixture
def pushed(analyst):
    source = make_source(analyst, kind=SourceKind.PUSH, name="监测服务商推送")
    source, token = actions.issue_push_token(analyst, source)
    return source, token


def _push(client, token, payload, **extra):
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload, ensure_ascii=False)
    return client.post(
        reverse("opinion:push"),
        data=body,
        content_type=extra.pop("content_type", "application/json"),
        headers={"Authorization": f"Bearer {token}"},
        **extra,
    )


def test_a_batch_is_stored_masked_and_a_retry_stores_nothing(client, pushed):
    source, token = pushed
    second = {**POST, "id": "p-2", "title": "城南内涝", "url": "https://weibo.example.cn/2?utm_source=x"}
    response = _push(client, token, {"posts": [POST, second]})
    assert response.status_code == 201
    assert response.json() == {
        "received": 2,
        "added": 2,
        "duplicates": 0,
        "truncated": 0,
        "posts": [{"id": "p-1", "status": "added"}, {"id": "p-2", "status": "added"}],
    }
    assert "13912345678" not in Post.objects.get(external_id="p-1").body

    # The vendor retries after a timeout, and sends the second post again under another id but
    # the same URL: nothing is doubled.
    again = _push(
        client, token, {"posts": [POST, {**second, "id": "p-2b", "url": "https://weibo.example.cn/2"}]}
    )
    assert again.status_code == 200
    assert again.json()["posts"] == [
        {"id": "p-1", "status": "duplicate"},
        {"id": "p-2b", "status": "duplicate"},
    ]
    assert Post.objects.filter(source=source).count() == 2


@pytest.mark.parametrize(
    ("payload", "status", "code", "error"),
    [
        (b"{not json", 400, "invalid_json", "请求体不是有效的UTF-8 JSON"),
        ({"posts": []}, 400, "no_posts", '请求体应为 {"posts": [...]}，且至少含一条信息'),
        ({"posts": [POST] * 501}, 400, "too_many_posts", "一次最多推送500条信息，本次501条"),
        (
            {
                "posts": [
                    POST,
                    {"id": "x", "title": "缺时间"},
                    {"title": "无编号", "published_at": "2026-12-01"},
                ]
            },
            422,
            "invalid_posts",
            "有2条信息不符合要求，本次推送未保存任何信息",
        ),
    ],
)
def test_a_bad_push_is_refused_whole(client, pushed, payload, status, code, error):
    _source, token = pushed
    response = _push(client, token, payload)
    assert response.status_code == status
    assert (response.json()["code"], response.json()["error"]) == (code, error)
    assert Post.objects.count() == 0
    if code == "invalid_posts":
        assert response.json()["problems"] == [
            {"index": 1, "message": "缺少发布时间"},
            {"index": 2, "message": "缺少 id 或 url，无法识别重复推送"},
        ]


def test_an_oversized_post_is_stored_cut_with_a_note(client, pushed):
    _source, token = pushed
    response = _push(client, token, {"posts": [{**POST, "body": "长" * 25000}]})
    assert response.json()["truncated"] == 1
    post = Post.objects.get()
    assert post.truncated and "（原文共25000字，超过20000字，以下内容已截断）" in post.body


@pytest.mark.parametrize(
    ("token", "code"),
    [("", "invalid_token"), ("gkop_wrong", "invalid_token"), ("gk12345_other", "invalid_token")],
)
def test_without_a_valid_token_nothing_is_stored(client, pushed, token, code):
    response = _push(client, token, {"posts": [POST]})
    assert response.status_code == 401 and response.json()["code"] == code
    assert "Authorization: Bearer" in response.json()["error"]


def test_a_new_token_replaces_the_old_and_a_disabled_source_refuses(client, pushed, analyst):
    source, old = pushed
    source, new = actions.issue_push_token(analyst, source)
    assert _push(client, old, {"posts": [POST]}).status_code == 401
    actions.set_source_enabled(analyst, source, enabled=False)
    response = _push(client, new, {"posts": [POST]})
    assert (response.status_code, response.json()["code"]) == (403, "source_disabled")


def test_wrong_method_and_content_type(client, pushed):
    _source, token = pushed
    assert client.get(reverse("opinion:push")).json()["code"] == "method_not_allowed"
    response = _push(client, token, "posts=1", content_type="application/x-www-form-urlencoded")
    assert (response.status_code, response.json()["code"]) == (415, "unsupported_media_type")


def test_only_push_sources_get_a_token(analyst):
    with pytest.raises(ActionRefused, match="只有“推送接口”类型的来源可以签发推送令牌"):
        actions.issue_push_token(analyst, make_source(analyst))
