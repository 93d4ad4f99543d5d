"""Filters narrow the results; facets count them."""

from datetime import datetime
from zoneinfo import ZoneInfo

from gongkai.search.index import search

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _corpus(index, county):
    index(
        county.finance,
        "2023年三公经费决算",
        published_at=datetime(2023, 8, 1, 10, tzinfo=SHANGHAI),
        subject="财政",
        genre="报告",
        validity="有效",
    )
    index(
        county.finance,
        "2024年三公经费预算",
        published_at=datetime(2024, 2, 1, 10, tzinfo=SHANGHAI),
        subject="财政",
        genre="报告",
        validity="有效",
    )
    index(
        county.housing,
        "住建局三公经费",
        published_at=datetime(2024, 3, 1, 10, tzinfo=SHANGHAI),
        subject="城乡建设",
        genre="通知",
        validity="已废止",
    )
    index(
        county.finance,
        "三公经费解读",
        kind="interpretation",
        published_at=datetime(2024, 3, 5, 10, tzinfo=SHANGHAI),
    )


def titles(results):
    return sorted(hit.title for hit in results.hits)


def test_filters(index, county):
    _corpus(index, county)
    assert search("三公经费").total == 4
    assert titles(search("三公经费", filters={"agency": county.housing.pk})) == ["住建局三公经费"]
    assert titles(search("三公经费", filters={"year": "2023"})) == ["2023年三公经费决算"]
    assert titles(search("三公经费", filters={"kind": "interpretation"})) == ["三公经费解读"]
    assert titles(search("三公经费", filters={"validity": "已废止"})) == ["住建局三公经费"]
    assert search("三公经费", filters={"subject": "财政", "year": "2024"}).total == 1
    assert search("三公经费", filters={"agency": county.neighbour.pk}).total == 0
    assert search("三公经费", filters={"year": None, "agency": ""}).total == 4


def test_year_defaults_to_the_publication_year_in_shanghai(index, county):
    # 2023-12-31 20:00 UTC is already 2024 in Shanghai.
    index(
        county.finance, "跨年发布的三公经费", published_at=datetime(2023, 12, 31, 20, tzinfo=ZoneInfo("UTC"))
    )
    assert search("三公经费", filters={"year": "2024"}).total == 1


def test_facets_count_the_matches(index, county):
    _corpus(index, county)
    facets = search("三公经费").facets
    assert [(f.label, f.count) for f in facets["agency"]] == [
        ("示范县财政局", 3),
        ("示范县住房和城乡建设局", 1),
    ]
    assert [(f.value, f.count) for f in facets["year"]] == [("2024", 3), ("2023", 1)]
    assert {(f.label, f.count) for f in facets["kind"]} == {("政府信息", 3), ("政策解读", 1)}
