"""Exact 文号 queries find the document with that 文号 first, whatever brackets were typed."""

import pytest

from gongkai.search.docnumber import doc_number_candidates, normalise_doc_number
from gongkai.search.index import search

VARIANTS = [
    "国办发〔2013〕100号",
    "国办发[2013]100号",
    "国办发【2013】100号",
    "国办发（2013）100号",
    "国办发(2013)100号",
    "国办发［２０１３］１００号",
    "国办发2013100号",
    "国办发 2013 100 号",
]


@pytest.mark.parametrize("typed", VARIANTS)
def test_every_bracket_variant_normalises_to_the_gb_form(typed):
    assert normalise_doc_number(typed) == "国办发〔2013〕100号"
    assert "国办发〔2013〕100号" in doc_number_candidates(typed)


def test_a_document_number_inside_a_longer_query_is_still_found():
    assert "国办发〔2013〕100号" in doc_number_candidates("关于国办发〔2013〕100号的解读")
    assert doc_number_candidates("政府信息公开") == []


@pytest.mark.parametrize("typed", VARIANTS)
def test_the_document_with_that_number_comes_first(index, county, typed):
    # Documents citing it many times, in the title too, would outrank it on text alone.
    for n in range(3):
        index(county.office, f"转发国办发〔2013〕100号的通知之{n}", body="国办发〔2013〕100号 " * 5)
    index(
        county.government,
        "关于进一步加强政府信息公开回应社会关切提升政府公信力的意见",
        doc_number="国办发〔2013〕100号",
        body="各省、自治区、直辖市人民政府……",
    )
    index(county.government, "另一个文件", doc_number="国办发〔2013〕101号", body="国办发")

    results = search(typed)

    first = results.hits[0]
    assert first.doc_number == "国办发〔2013〕100号"
    assert first.doc_number_match
    assert not any(hit.doc_number_match for hit in results.hits[1:])
    assert "国办发〔2013〕101号" not in [hit.doc_number for hit in results.hits]


def test_the_stored_number_is_normalised_at_index_time(index, county):
    index(county.finance, "预算公开", doc_number="示财发[2024]3号")
    assert search("示财发〔2024〕3号").hits[0].doc_number == "示财发〔2024〕3号"
