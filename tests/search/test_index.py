"""index_entry upserts, remove_entry removes, and search() only ever shows what is published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.search.index import index_entry, remove_entry, search
from gongkai.search.models import SearchEntry


def test_indexing_twice_updates_the_one_entry(index, county):
    obj_id = index(county.finance, "旧标题：预算公开", body="部门预算")
    index_entry(
        "document",
        obj_id,
        agency_id=county.finance.pk,
        title="新标题：决算公开",
        body="部门决算",
        url="/d/",
        published_at=timezone.now(),
    )

    assert SearchEntry.objects.count() == 1
    assert search("预算公开").total == 0
    assert [hit.title for hit in search("决算公开").hits] == ["新标题：决算公开"]


def test_removed_entries_are_no_longer_found(index, county):
    obj_id = index(county.finance, "三公经费公开")
    assert remove_entry("document", obj_id) is True
    assert search("三公经费").total == 0
    assert remove_entry("document", obj_id) is False


@pytest.mark.parametrize("published_at", [None, "future"])
def test_unpublished_and_not_yet_published_entries_are_never_found(index, county, published_at):
    when = timezone.now() + timedelta(days=1) if published_at == "future" else None
    index(county.finance, "尚未发布的三公经费", published_at=when, doc_number="示财发〔2026〕9号")
    index(county.finance, "已发布的三公经费")

    assert [hit.title for hit in search("三公经费").hits] == ["已发布的三公经费"]
    assert search("示财发〔2026〕9号").total == 0


def test_body_and_interpretation_text_are_searched(index, county):
    index(county.finance, "通知", body="正文提到城乡居民基本医疗保险", extra_text="解读提到政务微博")
    assert search("城乡居民基本医疗保险").total == 1
    assert search("政务微博").total == 1
    assert search("政务微博").hits[0].agency_name == "示范县财政局"


def test_every_word_of_the_query_must_match(index, county):
    index(county.finance, "三公经费预算公开")
    index(county.finance, "三公经费决算公开")
    assert search("三公经费 决算").total == 1
    assert search("三公经费").total == 2


def test_title_matches_rank_above_body_matches(index, county):
    index(county.finance, "关于做好工作的通知", body="涉及保障性住房的安排。" + "其他内容。" * 20)
    index(county.housing, "保障性住房分配公示", body="本次分配的名单如下。")
    assert search("保障性住房").hits[0].title == "保障性住房分配公示"


def test_an_empty_or_meaningless_query_finds_nothing(index, county):
    index(county.finance, "三公经费")
    assert search("").total == 0
    assert search("的，。").hits == []


def test_unknown_filter_fields_are_refused(county):
    with pytest.raises(ValueError):
        index_entry(
            "document", 1, agency_id=None, title="x", url="/", published_at=None, filters={"colour": "red"}
        )
    with pytest.raises(ValueError):
        search("三公经费", filters={"colour": "red"})
