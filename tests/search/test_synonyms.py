"""The synonym list (data/synonyms.txt) applies at query time: 保障房 finds 保障性住房 and back."""

import os

import pytest
from django.core.management import CommandError, call_command

from gongkai.search import synonyms
from gongkai.search.index import search
from gongkai.search.synonyms import SynonymFileError, expand, load_synonyms


def test_the_shipped_list_loads_and_pairs_the_housing_words():
    groups = load_synonyms()
    assert groups["保障房"] == ("保障房", "保障性住房") and groups["保障性住房"] == groups["保障房"]
    assert groups["公租房"] == ("公租房", "公共租赁住房")


def test_a_query_without_a_listed_word_is_searched_as_typed():
    assert expand("三公经费 预算") == [(("三公经费",),), (("预算",),)]


def test_a_listed_word_becomes_its_alternatives_and_the_rest_must_still_match():
    assert expand("保障房 申请条件") == [(("保障", "房"), ("保障性住房",)), (("申请",),), (("条件",),)]


def test_a_listed_word_inside_a_longer_word_is_not_replaced():
    assert expand("低保户") == [(("低保户",),)]
    assert expand("低保 申请")[0] == (("低保",), ("最低生活保障",))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("保障房\n", "第 1 行只有一个词“保障房”"),
        ("保障房 保障性住房\n# 注释\n保障房 安居房\n", "第 3 行的“保障房”已在前面另一组里"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(tmp_path, content, message):
    path = tmp_path / "synonyms.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SynonymFileError, match=message):
        load_synonyms(path)


def test_an_edited_file_is_read_fresh(tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text("公租房 公共租赁住房\n", encoding="utf-8")
    assert expand("廉租房", path=path) == [(("廉租房",),)]
    path.write_text("公租房 公共租赁住房\n廉租房，廉租住房\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert expand("廉租房", path=path) == [(("廉租房",), ("廉租", "住房"))]


def test_reindex_stops_on_a_broken_list(db, tmp_path, monkeypatch):
    path = tmp_path / "synonyms.txt"
    path.write_text("保障房\n", encoding="utf-8")
    monkeypatch.setattr(synonyms, "SYNONYMS", path)
    with pytest.raises(CommandError, match="同义词表有误：synonyms.txt 第 1 行只有一个词"):
        call_command("search", "reindex")


def test_short_word_finds_the_full_word_on_this_database(index, county):
    index(county.housing, "示范县保障性住房分配管理办法", body="保障性住房的申请、审核和分配。")
    index(county.housing, "示范县商品住房预售资金监管办法", body="商品住房预售资金。")
    results = search("保障房")
    assert [hit.title for hit in results.hits] == ["示范县保障性住房分配管理办法"]
    assert "<mark>保障性住房</mark>" in results.hits[0].title_html


def test_full_word_finds_the_short_word_and_other_terms_still_narrow(index, county):
    index(county.housing, "关于2025年保障房分配结果的公示")
    index(county.housing, "关于保障房建设资金的通知")
    assert search("保障性住房").total == 2
    assert [hit.title for hit in search("保障性住房 公示").hits] == ["关于2025年保障房分配结果的公示"]
