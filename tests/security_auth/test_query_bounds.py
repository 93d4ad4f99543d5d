"""Every list page, public and staff, with absurd query parameters: never a 500, never a NUL byte
sent back; integers are bounded, unknown values are ignored (or get a Chinese message)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.common.params import param_choice, param_id, param_int, param_text, param_year

ABSURD = [
    "99999999999999999999",
    "9" * 400,
    "-1",
    "-99999999999999999999",
    "0",
    "1e400",
    "abc",
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits
    "1 OR 1=1",
    "'; DROP TABLE agencies_agency; --",
    "x" * 5000,
    "a\x00b",
    "\x00",
    "2024\x00",
    " 2024 ",
]

PUBLIC_LISTS = {
    "publishing:catalog": ("agency", "subject", "genre", "year", "validity", "column", "page"),
    "publishing:interpretations": ("page",),
    "search:search": ("q", "agency", "year", "kind", "page"),
    "portal:home": ("page",),
    "portal:agencies": ("page",),
}
STAFF_LISTS = {
    **{f"publishing:{tab}": ("q", "agency", "state", "page") for tab in
       ("drafts", "waiting", "ready", "scheduled", "published", "late")},
    "publishing:experts": ("page",),
    "applications_staff:list": ("state", "due", "q", "page"),
    "applications_staff:report": ("year", "agency", "subtree", "export"),
    "audit:log": ("app", "object_type", "object", "actor", "page"),
    "agencies:list": ("page",),
    "workdays:calculator": ("start", "days"),
    "workbench:home": ("page",),
}  # fmt: skip


def _get_all(client, url: str, params: tuple[str, ...], base: dict | None = None) -> None:
    for name in params:
        for value in ABSURD:
            query = {**(base or {}), name: value}
            response = client.get(url, query)
            assert response.status_code in (200, 400), (url, name, value, response.status_code)
            assert "\x00" not in response.content.decode(), (url, name, repr(value))


@pytest.mark.parametrize("name", sorted(PUBLIC_LISTS))
def test_public_lists_survive_absurd_parameters(client, county, name):
    _get_all(client, reverse(name), PUBLIC_LISTS[name])


def test_search_filters_survive_absurd_parameters_with_a_query(client, county):
    _get_all(client, reverse("search:search"), ("agency", "year", "kind", "page"), base={"q": "预算"})


@pytest.mark.parametrize("name", sorted(STAFF_LISTS))
def test_staff_lists_survive_absurd_parameters(client, county, zhao_qiang, name):
    client.force_login(zhao_qiang)
    _get_all(client, reverse(name), STAFF_LISTS[name])


def test_the_catalog_year_of_the_issue_is_ignored(client, county):
    response = client.get(reverse("publishing:catalog"), {"year": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["filters"]["year"] == ""


def test_a_huge_document_key_is_not_found(client, county):
    for key in ("99999999999999999999", "1" * 300, "²"):
        assert client.get(reverse("publishing:document", args=[key])).status_code == 404


def test_the_revision_diff_refuses_absurd_numbers_in_chinese(client, li_ming):
    from gongkai.publishing.actions import create_document

    doc = create_document(li_ming, title="财政预算公开测试稿")
    client.force_login(li_ming)
    url = reverse("publishing:diff", args=[doc.pk])
    for value in ("99999999999999999999", "-1", "abc", "\x00"):
        response = client.get(url, {"a": value})
        assert response.status_code == 400 and "版本号应为正整数" in response.content.decode()
    assert client.get(url, {"a": "999"}).status_code == 404


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        (" 42 ", 42),
        ("0", None),
        ("-1", None),
        ("99999999999999999999", None),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        ("²", None),
        ("١٢", None),
        ("1e3", None),
        ("", None),
        (None, None),
    ],
)
def test_param_id(raw, expected):
    assert param_id(raw) == expected


def test_param_int_year_text_choice():
    assert param_int("5", minimum=1, maximum=4) is None
    assert param_year("2024") == 2024 and param_year("99999") is None and param_year("1900") is None
    assert param_text("a\x00b\x1f c", max_length=3) == "ab" and param_text(" a\x00b ") == "ab"
    assert param_text("x" * 500) == "x" * 100
    assert param_choice("draft", ["draft", "published"]) == "draft"
    assert param_choice("DROP", ["draft"]) == ""
