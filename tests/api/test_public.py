"""Public endpoints: only what the public pages show, the catalog's filters, cursor paging, and the
citizen's own status by receipt code + the phone's last four digits (one answer for every miss)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.publishing.models import Document
from tests.applications.helpers import ZHANG_SAN_PHONE, register
from tests.interaction.helpers import finance_message
from tests.publishing.builders import draft, published

from .helpers import post_json


@pytest.fixture
def documents(team):
    older = published(team, title="示范县财政局关于2025年预算执行情况的公告", genre="公告")
    newer = published(team, title="示范县财政局关于做好预算公开工作的通知", genre="通知")
    secret = draft(team.clerk, title="尚未发布的财政草稿")
    return older, newer, secret


def test_the_catalog_lists_published_documents_only(client, documents):
    older, newer, _secret = documents
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/documents/")
    assert response.status_code == 200
    titles = [d["title"] for d in response.json()["items"]]
    assert titles == [newer.title, older.title]
    assert len(queries) <= 8
    item = response.json()["items"][0]
    assert item["agency"]["name"] == "示范县财政局" and item["url"].endswith(newer.get_absolute_url())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?genre=公告", ["示范县财政局关于2025年预算执行情况的公告"]),
        ("?q=预算公开", ["示范县财政局关于做好预算公开工作的通知"]),
        ("?validity=repealed", []),
        ("?year=2019", []),
    ],
)
def test_the_catalog_filters(client, documents, query, expected):
    assert [d["title"] for d in client.get("/api/documents/" + query).json()["items"]] == expected


def test_the_catalog_filters_by_agency(client, county, documents):
    own = client.get(f"/api/documents/?agency={county.finance.pk}").json()["items"]
    assert len(own) == 2
    assert client.get(f"/api/documents/?agency={county.housing.pk}").json()["items"] == []


def test_paging_walks_the_catalog_once(client, documents):
    first = client.get("/api/documents/?limit=1").json()
    second = client.get(f"/api/documents/?limit=1&cursor={first['next_cursor']}").json()
    assert [first["items"][0]["title"], second["items"][0]["title"]] == [d.title for d in documents[1::-1]]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("?colour=red", 400, "unknown_parameter"),
        ("?cursor=damaged", 400, "bad_cursor"),
        ("?validity=forever", 422, "invalid_input"),
        ("?year=twenty", 422, "invalid_input"),
        ("?limit=1000", 422, "invalid_input"),
    ],
)
def test_bad_catalog_queries(client, documents, query, status, code):
    response = client.get("/api/documents/" + query)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["message"])


def test_one_document_and_never_a_draft(client, documents):
    _older, newer, secret = documents
    body = client.get(f"/api/documents/{newer.index_number}").json()
    assert body["title"] == newer.title and body["index_number"] == newer.index_number
    assert "预算" in body["body"]
    missing = client.get(f"/api/documents/{secret.pk}")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": "not_found",
        "message": "找不到该政府信息：索引号不存在或该信息未主动公开",
    }
    assert Document.objects.filter(pk=secret.pk).exists()


def test_public_messages_show_no_personal_data(client, county):
    message = finance_message(county)
    response = client.get("/api/messages/")
    assert response.status_code == 200
    [row] = response.json()["items"]
    assert row["id"] == message.pk and row["answered"] is False
    detail = client.get(f"/api/messages/{message.pk}").json()
    for personal in ("张三", "13812345678"):
        assert personal not in response.content.decode() + str(detail)


def test_the_writer_sees_the_status_with_code_and_phone_digits(client, county):
    message = finance_message(county)
    ok = post_json(
        client, "/api/messages/status", {"receipt_code": message.receipt_code.lower(), "phone_last4": "5678"}
    )
    assert ok.status_code == 200
    assert ok["Cache-Control"] == "no-store"
    assert ok.json()["state_label"] == "已交办" and ok.json()["agency"] == "示范县财政局"
    wrong_phone = post_json(
        client, "/api/messages/status", {"receipt_code": message.receipt_code, "phone_last4": "0000"}
    )
    wrong_code = post_json(client, "/api/messages/status", {"receipt_code": "ZZZZZZ", "phone_last4": "5678"})
    assert wrong_phone.status_code == wrong_code.status_code == 404
    assert (
        wrong_phone.json()
        == wrong_code.json()
        == {"code": "not_found", "message": "查询码或联系电话后四位不正确，请核对后重试"}
    )


def test_status_lookups_share_the_status_page_limit(client, county, settings):
    settings.GONGKAI_MESSAGE_LOOKUPS_PER_HOUR = 2
    codes = [
        post_json(client, "/api/messages/status", {"receipt_code": "X", "phone_last4": "0000"}).status_code
        for _ in range(2)
    ]
    # The HTML status page counts in the same bucket: the third try there is refused too.
    page = client.post("/messages/status/", {"receipt_code": "X", "phone_last4": "0000"})
    assert codes == [404, 404] and "查询次数过多" in page.content.decode()
    limited = post_json(client, "/api/messages/status", {"receipt_code": "X", "phone_last4": "0000"})
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"


def test_the_applicant_sees_the_status_with_code_and_phone_digits(client, county, li_ming):
    application = register(li_ming, county.finance, on=date(2026, 11, 2))
    ok = post_json(
        client,
        "/api/applications/status",
        {"receipt_code": application.receipt_code, "phone_last4": ZHANG_SAN_PHONE[-4:]},
    )
    assert ok.status_code == 200
    assert ok.json()["agency"] == "示范县财政局" and ok.json()["receipt_code"] == application.receipt_code
    assert "张三" not in ok.content.decode()
    miss = post_json(
        client, "/api/applications/status", {"receipt_code": application.receipt_code, "phone_last4": "0000"}
    )
    assert miss.status_code == 404
    extra = post_json(
        client, "/api/applications/status", {"receipt_code": "A", "phone_last4": "1", "name": "张三"}
    )
    assert extra.status_code == 422 and extra.json()["fields"]["name"] == "请求体“name”不是可接受的字段"
