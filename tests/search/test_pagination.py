"""Results come a page at a time, in a stable order, with the exact 文号 hit only on page one."""

from gongkai.search.index import search


def test_pages_cover_all_results_once(index, county):
    for n in range(25):
        index(county.finance, f"三公经费公开之{n}")
    pages = [search("三公经费", page=p, per_page=10) for p in (1, 2, 3, 4)]

    assert [len(p.hits) for p in pages] == [10, 10, 5, 0]
    assert pages[0].total == 25 and pages[0].num_pages == 3
    assert pages[0].has_next and not pages[0].has_previous and not pages[2].has_next
    seen = [hit.object_id for p in pages for hit in p.hits]
    assert len(seen) == len(set(seen)) == 25


def test_the_exact_doc_number_hit_is_counted_once_and_leads_page_one(index, county):
    for n in range(4):
        index(county.office, f"转发国办发〔2013〕100号之{n}")
    index(county.government, "原文", doc_number="国办发〔2013〕100号")

    first, second = (
        search("国办发〔2013〕100号", per_page=3),
        search("国办发〔2013〕100号", page=2, per_page=3),
    )

    assert first.total == 5
    assert first.hits[0].title == "原文"
    ids = [h.object_id for h in first.hits + second.hits]
    assert len(ids) == len(set(ids)) == 5
