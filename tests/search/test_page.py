"""The public search page: query box, filters, messages, results, a flat number of queries."""

import pytest
from django.db import connection

from gongkai.search.index import search


def test_an_empty_query_asks_for_words(client, county):
    page = client.get("/search/").content.decode()
    assert "请输入检索词" in page
    assert 'role="search"' in page and '<label for="id_q">检索词</label>' in page


def test_no_results_has_a_clear_message(client, county):
    page = client.get("/search/", {"q": "不存在的词语组合"}).content.decode()
    assert "没有找到与“不存在的词语组合”相关的政府信息" in page


def test_results_show_count_highlight_and_metadata(client, index, county):
    index(
        county.finance,
        "关于三公经费公开的通知",
        doc_number="示财发〔2024〕3号",
        body="现将三公经费公开如下。",
    )
    page = client.get("/search/", {"q": "三公经费"}).content.decode()
    assert "共找到 <strong>1</strong> 条结果" in page
    assert "关于<mark>三公经费</mark>公开的通知" in page
    assert "文号：示财发〔2024〕3号" in page and "发布机构：示范县财政局" in page


def test_bad_filter_values_get_a_chinese_message(client, county):
    page = client.get("/search/", {"q": "三公经费", "year": "二〇二四"}).content.decode()
    assert "年份应为四位数字" in page


def test_filters_and_pagination_links_keep_the_query(client, index, county):
    for n in range(25):
        index(county.finance, f"三公经费之{n}")
    page = client.get("/search/", {"q": "三公经费", "agency": county.finance.pk}).content.decode()
    assert f"?q=%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9&amp;agency={county.finance.pk}&amp;page=2" in page
    page2 = client.get("/search/", {"q": "三公经费", "agency": county.finance.pk, "page": 2}).content.decode()
    assert "第 2 / 2 页" in page2


def test_the_public_header_has_a_search_box(client, county):
    page = client.get("/").content.decode()
    assert '<form class="header-search" role="search"' in page
    assert 'action="/search/"' in page and '<label class="visually-hidden" for="header-q">' in page


@pytest.mark.parametrize("entries", [1, 30])
def test_the_results_page_makes_a_flat_number_of_queries(
    client, index, county, entries, django_assert_max_num_queries
):
    for n in range(entries):
        index(
            county.finance if n % 2 else county.housing, f"三公经费之{n}", doc_number=f"示财发〔2024〕{n}号"
        )
    # PostgreSQL adds a fixed four: savepoint, SET LOCAL and RESET of the planner hint, release.
    with django_assert_max_num_queries(7 + (4 if connection.vendor == "postgresql" else 0)):
        response = client.get("/search/", {"q": "示财发〔2024〕0号"})
    assert response.status_code == 200
    assert search("示财发〔2024〕0号").hits[0].doc_number == "示财发〔2024〕0号"
