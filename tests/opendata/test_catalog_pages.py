"""The catalog's pages and API: staff pages, the portal's catalog, dataset and preview (filters,
sorting, paging, download), the JSON API with its error codes, and the query counts of the lists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.opendata import actions
from tests.opendata.conftest import budget_dataset, published_budget


@pytest.fixture
def budget(li_ming, wang_fang, sun_li):
    return published_budget(li_ming, wang_fang, sun_li)


def test_portal_catalog_lists_only_published_open_and_conditional(
    client, li_ming, budget, django_assert_max_num_queries
):
    budget_dataset(li_ming, title="草稿数据集")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("opendata:catalog")).content.decode()
    assert "2026年部门预算" in page and "草稿数据集" not in page
    assert (
        "2026年部门预算"
        not in client.get(reverse("opendata:catalog"), {"theme": "教育科技"}).content.decode()
    )


def test_preview_filters_sorts_and_downloads(client, budget):
    resource = budget.resources.get()
    url = reverse("opendata:resource", args=[resource.pk])
    page = client.get(url, {"field": "amount", "min": "2000", "sort": "-amount"}).content.decode()
    assert "符合条件的数据共1行" in page and "教育支出" in page and "一般公共服务支出" not in page
    assert '<svg class="chart"' in page
    page = client.get(url, {"field": "amount", "min": "很多"}).content.decode()
    assert "字段“amount”的值“很多”不是数值" in page
    response = client.get(reverse("opendata:download", args=[resource.pk]), {"q": "教育"})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert body == "\ufeff科目编码,项目名称,预算金额,批复日期\r\n205,教育支出,3800,2026-01-15\r\n"


def test_drafts_are_not_public(client, li_ming):
    dataset = budget_dataset(li_ming)
    resource = dataset.resources.get()
    assert client.get(reverse("opendata:dataset", args=[dataset.pk])).status_code == 404
    assert client.get(reverse("opendata:resource", args=[resource.pk])).status_code == 404
    assert client.get(reverse("api:opendata_rows", args=[resource.pk])).json()["code"] == "not_found"


def test_api_rows_with_filters_paging_and_errors(client, budget):
    url = reverse("api:opendata_rows", args=[budget.resources.get().pk])
    data = client.get(url, {"amount__gte": "1000", "sort": "-amount", "limit": "1", "offset": "1"}).json()
    assert (data["total"], data["limit"], data["offset"]) == (2, 1, 1)
    assert data["rows"] == [
        {"code": "201", "item": "一般公共服务支出", "amount": 1250.5, "day": "2026-01-15"}
    ]
    response = client.get(url, {"grade": "1"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_field" and response.json()["message"].startswith(
        "未知字段“grade”"
    )
    csv = b"".join(client.get(url, {"format": "csv", "code": "205"}).streaming_content).decode()
    assert csv.endswith("205,教育支出,3800,2026-01-15\r\n")


def test_api_catalog(client, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        data = client.get(reverse("api:opendata_datasets")).json()
    assert data["total"] == 1 and data["items"][0]["title"] == "2026年部门预算"
    detail = client.get(reverse("api:opendata_dataset", args=[budget.pk])).json()
    assert [f["name"] for f in detail["fields"]] == ["code", "item", "amount", "day"]
    assert detail["resources"][0]["rows"] == 2
    assert client.get(reverse("api:opendata_datasets"), {"theme": "x"}).json()["code"] == "unknown_theme"


def test_staff_list_query_count(client, li_ming, django_assert_max_num_queries):
    for n in range(3):
        budget_dataset(li_ming, title=f"数据集{n}")
    client.force_login(li_ming)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("opendata_staff:home")).content.decode()
    assert page.count("数据集") >= 3 and "数据集2" in page


def test_clerk_uploads_and_sees_refusals_on_the_form(client, li_ming):
    dataset = budget_dataset(li_ming)
    client.force_login(li_ming)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("b.csv", "科目编码,项目名称\n1,2\n".encode())
    page = client.post(
        reverse("opendata_staff:resource_new", args=[dataset.pk]), {"file": bad}
    ).content.decode()
    assert "文件缺少字段：预算金额（amount）、批复日期（day）" in page
    assert dataset.resources.count() == 1
    page = client.get(reverse("opendata_staff:resource", args=[dataset.resources.get().pk])).content.decode()
    assert "一般公共服务支出" in page and "未发现个人信息" in page


def test_workflow_page_shows_why_submission_is_refused(client, li_ming):
    dataset = actions.create_dataset(
        li_ming, agency=li_ming.agency, title="空", summary="空", theme="其他", frequency="每年"
    )
    client.force_login(li_ming)
    page = client.get(reverse("opendata_staff:act", args=[dataset.pk, "submit"])).content.decode()
    assert "请先填写字段列表" in page


def test_conditional_rows_need_a_token_within_its_quota(client, li_ming, wang_fang, sun_li):
    from datetime import date

    from tests.opendata.access_helpers import approved, at

    with at(date(2026, 6, 1)):
        dataset = published_budget(
            li_ming, wang_fang, sun_li, openness="conditional", openness_reason="含未公开的项目明细"
        )
        url = reverse("api:opendata_rows", args=[dataset.resources.get().pk])
        assert client.get(url).json()["code"] == "token_required"
        # The portal's preview and download serve open data only.
        assert client.get(reverse("opendata:resource", args=[dataset.resources.get().pk])).status_code == 404
        _app, _token, raw = approved(dataset, wang_fang, daily_rows=3)
        auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        data = client.get(url, {"limit": "2"}, **auth).json()
        assert (data["total"], len(data["rows"])) == (2, 2)
        data = client.get(url, {"limit": "5"}, **auth).json()
        assert (data["limit"], len(data["rows"])) == (1, 1)  # the day's last row of the quota
        response = client.get(url, **auth)
        assert response.status_code == 429 and response.json()["code"] == "quota_rows"
