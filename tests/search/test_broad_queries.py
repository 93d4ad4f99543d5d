"""Broad queries (more matches than search.index.BROAD) stay cheap: title matches first, then newest."""

import pytest

from gongkai.search import index as search_index
from gongkai.search.index import search


@pytest.fixture
def broad(monkeypatch):
    monkeypatch.setattr(search_index, "BROAD", 5)


def test_title_matches_lead_then_the_rest_newest_first_and_the_count_is_a_lower_bound(
    broad, index, county, client
):
    for n in range(8):
        index(county.finance, f"工作通知之{n}", body="涉及三公经费的安排。")
    index(county.finance, "三公经费公开", body="全文。")

    first = search("三公经费", per_page=4)
    assert first.more and first.total == 6 and first.facets == {}
    assert first.hits[0].title == "三公经费公开"
    assert [h.title for h in first.hits[1:]] == ["工作通知之7", "工作通知之6", "工作通知之5"]

    pages = [search("三公经费", page=p, per_page=4) for p in (1, 2, 3)]
    ids = [h.object_id for p in pages for h in p.hits]
    assert len(ids) == len(set(ids)) == 9

    page = client.get("/search/", {"q": "三公经费"}).content.decode()
    assert "共找到 <strong>5</strong> 条以上结果" in page


def test_a_narrow_query_is_counted_exactly_with_facets(broad, index, county):
    index(county.finance, "三公经费公开")
    results = search("三公经费")
    assert not results.more and results.total == 1 and results.facets["agency"][0].count == 1
