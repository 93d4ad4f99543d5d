"""Cleaning peels the container off a copy (HTML, SQL, JSON, CSV, code, escapes, markdown) and
never drops the document for carrying a link."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.ingest.cleaning import clean
from gongkai.ingest.extract import extract

CORPUS = Path(__file__).parent / "corpus"


def corpus(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "layers"),
    [
        ("02_mouding_html_dump.txt", ["unwrapped_html_markup"]),
        ("21_guofa_2016_73_sql_row.txt", ["unwrapped_sql_row", "unwrapped_html_markup"]),
        ("22_guobanfa_2013_30_jsonl.txt", ["unwrapped_json_record"]),
        ("24_genhe_json_record.txt", ["unwrapped_json_record", "unwrapped_html_markup"]),
        ("25_genhe_entity_escaped.txt", ["unwrapped_html_entities", "unwrapped_html_markup"]),
        ("26_yueyang_csv_row.txt", ["unwrapped_csv_record"]),
        ("16_anshun_python_literal.txt", ["unwrapped_code_literal"]),
        ("17_chongqing_python_html_literal.txt", ["unwrapped_code_literal", "unwrapped_html_markup"]),
        ("28_taihu_markdown.md", ["unwrapped_markdown"]),
    ],
)
def test_each_layer_is_peeled_and_named(name, layers):
    cleaned = clean(corpus(name))
    assert [code for code in cleaned.warnings if code.startswith("unwrapped_")] == layers
    assert "<p" not in cleaned.text and "\\n" not in cleaned.text and "&lt;" not in cleaned.text


def test_literal_escape_sequences_become_line_breaks():
    cleaned = clean(corpus("31_guobanhan_2022_33_escaped_newlines.txt"))
    assert "unwrapped_code_literal" in cleaned.warnings
    assert cleaned.text.split("\n")[:2] == [
        "国务院办公厅关于成立第19届亚运会和第4届亚残运会工作领导小组的通知",
        "国办函〔2022〕33号",
    ]


def test_unicode_escapes_are_decoded():
    cleaned = clean(corpus("23_hunan_unicode_escapes.txt"))
    assert "湘政办发〔2009〕24号" in cleaned.text and "\\u" not in cleaned.text


def test_the_crawler_columns_are_not_the_document():
    # The row's wiritten_time is the crawl time (2024-07-09): the 成文日期 is the document's own.
    doc = extract(corpus("27_jilin_sql_wiritten_time.txt"))
    assert doc.written_on == dt.date(2001, 4, 19)
    assert "2024-07-09" not in doc.text


def test_pinyin_glosses_of_a_mirror_site_are_removed():
    doc = extract(corpus("20_guobanfa_1986_53_lawdb.txt"))
    assert "pinyin_removed" in doc.warnings
    assert "(fā)" not in doc.text and doc.doc_number == "国办发〔1986〕53号"


def test_signature_date_and_note_run_into_the_last_paragraph():
    doc = extract(corpus("16_anshun_python_literal.txt"))
    assert (doc.issuers, doc.written_on, doc.note) == (
        ["安顺市人民政府"],
        dt.date(2023, 9, 5),
        "（此件公开发布）",
    )
    assert "run_together_split" in doc.warnings


def test_a_document_on_one_line_with_a_link_is_kept_whole():
    text = corpus("15_guobanfa_2013_30_big5.txt").replace("\n", " ")
    text = "来源：http://big5.www.gov.cn/gate/big5/www.gov.cn/zwgk/2013-05/06/content_2396684.htm " + text
    doc = extract(text)
    assert doc.stripped == [] and "possible_defacement" not in doc.warnings
    assert doc.title == "国务院办公厅关于成立第三次全国经济普查领导小组的通知"
    assert doc.doc_number == "国办发〔2013〕30号" and doc.written_on == dt.date(2013, 4, 29)


def test_a_link_line_above_the_title_is_not_spam():
    doc = extract("http://www.nmg.gov.cn/zwgk/zfxxgk/\n" + corpus("14_guobanhan_2022_33.txt"))
    assert doc.stripped == [] and "possible_defacement" not in doc.warnings
    assert doc.title == "国务院办公厅关于成立第19届亚运会和第4届亚残运会工作领导小组的通知"


def test_a_paragraph_that_names_gambling_and_links_a_source_is_not_spam():
    paragraph = (
        "近期，一些不法分子利用境外网站组织六合彩等赌博活动，群众可登录 http://www.12377.cn 举报，"
        "各乡镇、各部门要加强宣传，引导群众自觉抵制各类非法赌博活动，维护社会治安秩序和人民群众财产安全。"
    )
    cleaned = clean(paragraph)
    assert cleaned.text == paragraph and cleaned.stripped == []


def test_a_text_that_is_all_spam_is_kept_and_flagged():
    spam = "澳门赌场 www.88cc.com 注册送38元彩金 真人视讯 百家乐 在线赌场 网上赌场 开户送彩金 太阳城娱乐城 澳门葡京"
    cleaned = clean(spam)
    assert cleaned.text == spam and cleaned.stripped == []
    assert "spam_kept_whole_text" in cleaned.warnings and "possible_defacement" not in cleaned.warnings


def test_markdown_title_with_its_doc_number_suffix():
    doc = extract(corpus("06_yueyang_markdown.md"))
    assert doc.title.endswith("实施意见》的通知") and doc.doc_number == "岳办发〔2017〕2号"
    assert "doc_number_in_title" in doc.warnings
