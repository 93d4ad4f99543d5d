"""The OpenAPI document: 3.1, every operation with an id, a Chinese summary, and the error schema
on its error responses; token operations declare the bearer scheme."""

from __future__ import annotations

import json
import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def document():
    from gongkai.api.main import api

    # Through JSON, as a client reads it (status codes become strings).
    return json.loads(json.dumps(api.get_openapi_schema()))


def operations(document):
    for path, item in document["paths"].items():
        for method, op in item.items():
            yield path, method, op


def test_openapi_31_with_every_public_domain(document):
    assert document["openapi"].startswith("3.1")
    paths = set(document["paths"])
    for path in (
        "/api/documents/",
        "/api/documents/search/",
        "/api/interpretations/",
        "/api/consultations/",
        "/api/press/",
        "/api/messages/",
        "/api/messages/status",
        "/api/applications/status",
        "/api/staff/messages/tickets",
        "/api/staff/applications/",
    ):
        assert path in paths


def test_every_operation_has_an_id_a_chinese_summary_and_the_error_schema(document):
    ids = []
    for path, method, op in operations(document):
        ids.append(op["operationId"])
        assert CJK.search(op["summary"]), (path, op["summary"])
        errors = {code: r for code, r in op["responses"].items() if code.startswith("4")}
        assert errors, (path, method)
        for response in errors.values():
            schema = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            assert {"code", "message"} <= set(document["components"]["schemas"][schema]["required"])
        if not path.startswith("/api/data/"):  # the open-data router documents its own (400/404)
            assert {"400", "404", "422", "429"} <= set(errors), (path, method)
            refs = {r["content"]["application/json"]["schema"]["$ref"] for r in errors.values()}
            assert refs == {"#/components/schemas/ErrorBody"}, path
    assert len(ids) == len(set(ids))
    assert set(document["components"]["schemas"]["ErrorBody"]["required"]) == {"code", "message"}


def test_token_operations_declare_the_bearer_scheme(document):
    for path, _method, op in operations(document):
        if path.startswith("/api/staff/"):
            assert op["security"] == [{"TokenAuth": []}], path
            assert {"401", "403"} <= set(op["responses"])
        elif not path.startswith("/api/data/"):
            assert "security" not in op, path


def test_the_document_and_the_docs_page_are_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.json()["openapi"].startswith("3.1")
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
