"""extract() on web copies of the seeds made dirty the ways real pages are."""

from __future__ import annotations

import datetime as dt

import opencc
import pytest

from gongkai.ingest.extract import extract

OPINION_100 = "国务院办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的意见"
INNER_61 = "辽宁省人民政府办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的实施意见"
SPAM = (
    "澳门赌场 www.88cc.com 注册送38元彩金\n六合彩开奖结果 http://lhc.example.vip\n约炮 同城交友 www.yp.top\n"
)
FURNITURE_TOP = (
    "首页 > 政府信息公开 > 政策文件\n【字体：大 中 小】 打印本页 关闭窗口\n"
    "发布时间：2016-05-20 09:30  信息来源：市政府办公室  浏览次数：1234\n"
)
FURNITURE_BOTTOM = "\n分享到：微信 微博\n【打印本页】【关闭窗口】\n"


def test_traditional_copy_is_converted_and_the_original_kept(seed):
    traditional = opencc.OpenCC("s2t").convert(seed("000"))
    doc = extract(traditional)
    assert doc.title.startswith("盘锦市人民政府办公室转发省政府办公厅关于")
    assert doc.forwarded[0].title == INNER_61
    assert doc.forwarded[0].doc_number == "辽政办发〔2013〕61号"
    assert "traditional_converted" in doc.warnings
    assert doc.original == traditional
    assert "辦公廳" in doc.original and "辦公廳" not in doc.text


@pytest.mark.parametrize("separator", ["\n\n", "\n", ""])
def test_page_carrying_the_document_twice_keeps_one(seed, separator):
    doc = extract(seed("002") + separator + seed("002"))
    assert doc.title == OPINION_100
    assert doc.text.count("国办发〔2013〕100号") == 1
    assert "duplicate_removed" in doc.warnings


def test_forwarding_notice_twice_keeps_one_forwarded_document(seed):
    doc = extract(seed("000") + "\n" + seed("000"))
    assert [inner.doc_number for inner in doc.forwarded] == ["辽政办发〔2013〕61号"]
    assert "duplicate_removed" in doc.warnings


def test_injected_spam_is_stripped_and_kept_for_review(seed):
    doc = extract(SPAM + seed("002"))
    assert doc.title == OPINION_100
    assert doc.stripped == SPAM.strip().split("\n")
    assert "possible_defacement" in doc.warnings
    assert "澳门赌场" not in doc.text


def test_spam_on_a_doubled_page_is_stripped_from_both_copies(seed):
    doc = extract(SPAM + seed("002") + "\n" + SPAM + seed("002"))
    assert doc.title == OPINION_100
    assert "六合彩" not in doc.text
    assert {"possible_defacement", "duplicate_removed"} <= set(doc.warnings)


def test_a_notice_about_gambling_is_not_spam(seed):
    text = "关于严厉打击六合彩等赌博违法犯罪活动的通告\n\n" + seed("001")
    doc = extract(text)
    assert doc.title == "关于严厉打击六合彩等赌博违法犯罪活动的通告"
    assert doc.stripped == [] and "possible_defacement" not in doc.warnings


def test_page_furniture_is_stripped_and_publication_date_kept_as_hint(seed):
    doc = extract(FURNITURE_TOP + seed("002") + FURNITURE_BOTTOM)
    assert doc.title == OPINION_100
    assert doc.published_hint == dt.date(2016, 5, 20)
    assert doc.written_on is None  # 发布时间 is not the 成文日期
    assert "打印本页" not in doc.text and "浏览次数" not in doc.text


@pytest.mark.parametrize(
    "printed", ["国办发[2013]100号", "国办发【2013】100号", "国办发（2013）100号", "国办发［2013］100号"]
)
def test_wrong_brackets_are_normalised_with_a_warning(seed, printed):
    doc = extract(seed("002").replace("国办发〔2013〕100号", printed, 1))
    assert doc.doc_number == "国办发〔2013〕100号"
    assert doc.confidence["doc_number"] == "high"
    assert "doc_number_bracket" in doc.warnings


def test_lost_bracket_recovered_from_the_citation_in_the_forwarding_notice(seed):
    doc = extract(seed("000").replace("辽政办发〔2013〕61号\n", "辽政办发〔2013 61号\n"))
    (inner,) = doc.forwarded
    assert inner.doc_number == "辽政办发〔2013〕61号"
    assert inner.confidence["doc_number"] == "high"
    assert "doc_number_recovered" in doc.warnings


def test_lost_bracket_without_another_occurrence_is_repaired_with_low_confidence(seed):
    doc = extract(seed("002").replace("国办发〔2013〕100号", "国办发〔2013 100号", 1))
    assert doc.doc_number == "国办发〔2013〕100号"
    assert doc.confidence["doc_number"] == "low"
    assert "doc_number_repaired" in doc.warnings


def test_date_that_lost_its_characters_is_read_with_low_confidence(seed):
    doc = extract(seed("000").replace("2013年11月30日", "20131130").replace("2014年1月6日", "201416"))
    assert doc.written_on == dt.date(2014, 1, 6)
    assert doc.forwarded[0].written_on == dt.date(2013, 11, 30)
    assert doc.confidence["written_on"] == "low"
    assert "date_garbled" in doc.warnings


def test_ambiguous_garbled_date_is_not_guessed(seed):
    doc = extract(seed("000").replace("2014年1月6日", "2014111"))  # 1月11日 or 11月1日
    assert doc.written_on is None
    assert "date_unreadable" in doc.warnings


def test_garbled_date_recovered_from_another_occurrence(seed):
    text = seed("000").replace("2014年1月6日", "2014111")
    text = text.replace("转发给你们", "于2014年11月1日转发给你们")
    doc = extract(text)
    assert doc.written_on == dt.date(2014, 11, 1)
    assert doc.confidence["written_on"] == "high"
    assert "date_recovered" in doc.warnings


def test_chinese_numeral_date(seed):
    doc = extract(seed("000").replace("2013年11月30日", "二〇一三年十一月三十日"))
    assert doc.forwarded[0].written_on == dt.date(2013, 11, 30)


def test_page_metadata_table_fills_what_the_text_lacks(seed):
    table = "索引号：11610000/2014-00001  主题分类：综合政务\n名称：商洛市人民政府关于进一步加强政府信息公开的实施意见\n"
    table += "文号：商政发〔2014〕5号  成文日期：2014年03月10日  发布日期：2014年03月12日\n"
    doc = extract(table + seed("001"))
    assert doc.title == "商洛市人民政府关于进一步加强政府信息公开的实施意见"
    assert doc.doc_number == "商政发〔2014〕5号"
    assert doc.written_on == dt.date(2014, 3, 10)
    assert doc.published_hint == dt.date(2014, 3, 12)
    assert doc.confidence["title"] == "low" and doc.confidence["doc_number"] == "low"
    assert {"title_from_page", "doc_number_from_page", "date_from_page"} <= set(doc.warnings)


def test_everything_at_once(seed):
    dirty = SPAM + FURNITURE_TOP + seed("000").replace("辽政办发〔2013〕61号\n", "辽政办发（2013 61号\n")
    dirty = opencc.OpenCC("s2t").convert(dirty + FURNITURE_BOTTOM)
    doc = extract(dirty + "\n" + dirty)
    assert doc.title.endswith("实施意见的通知")
    assert doc.written_on == dt.date(2014, 1, 6)
    assert doc.issuers == ["盘锦市人民政府办公室"]
    (inner,) = doc.forwarded
    assert (inner.title, inner.doc_number, inner.written_on) == (
        INNER_61,
        "辽政办发〔2013〕61号",
        dt.date(2013, 11, 30),
    )
    assert inner.disclosure == "proactive"
    assert doc.published_hint == dt.date(2016, 5, 20)
    assert {
        "traditional_converted",
        "possible_defacement",
        "duplicate_removed",
        "doc_number_recovered",
    } <= set(doc.warnings)


def test_signer_and_date_flattened_onto_one_line(seed):
    text = seed("000").replace(
        "盘锦市人民政府办公室\n\n                        2014年1月6日", "盘锦市人民政府办公室  2014年1月6日"
    )
    doc = extract(text)
    assert (doc.issuers, doc.written_on) == (["盘锦市人民政府办公室"], dt.date(2014, 1, 6))
    assert doc.forwarded[0].doc_number == "辽政办发〔2013〕61号"


def test_joint_document_takes_the_last_date(seed):
    text = seed("002") + "\n\n国务院办公厅　　　国务院新闻办公室\n2013年10月1日　　2013年10月15日\n"
    doc = extract(text)
    assert doc.issuers == ["国务院办公厅", "国务院新闻办公室"]
    assert doc.written_on == dt.date(2013, 10, 15)


def test_page_heading_repeating_the_title_and_spaces_inside_it(seed):
    heading = "关于进一步加强政府信息公开 工作的通知\n发布时间：2014-08-20\n"
    doc = extract(heading + seed("003"))
    assert doc.title == "关于进一步加强政府信息公开工作的通知"
    assert doc.doc_number == "桓政办发〔2014〕47号"
    assert doc.published_hint == dt.date(2014, 8, 20)
