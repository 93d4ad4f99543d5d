"""extract() on the four seed documents, element by element."""

from __future__ import annotations

import datetime as dt

from gongkai.ingest.extract import extract

OPINION_100 = "国务院办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的意见"


def test_panjin_forwarding_notice_outer_document(seed):
    doc = extract(seed("000"))
    assert doc.title == (
        "盘锦市人民政府办公室转发省政府办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力实施意见的通知"
    )
    assert doc.doc_number is None
    assert doc.issuers == ["盘锦市人民政府办公室"]
    assert doc.written_on == dt.date(2014, 1, 6)
    assert doc.addressees == "各县、区人民政府，辽东湾新区，辽河口生态经济区，市政府各部门、直属机构"
    assert doc.genre == "通知"
    assert (doc.note, doc.disclosure) == (None, None)  # the 附注 closes the forwarded document
    assert doc.warnings == ["doc_number_missing"]
    assert doc.confidence["title"] == "high" and doc.confidence["doc_number"] == "low"


def test_panjin_forwarding_notice_inner_document(seed):
    (inner,) = extract(seed("000")).forwarded
    assert inner.title == "辽宁省人民政府办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的实施意见"
    assert inner.doc_number == "辽政办发〔2013〕61号"
    assert inner.issuers == ["辽宁省人民政府办公厅"]
    assert inner.written_on == dt.date(2013, 11, 30)
    assert inner.addressees == "各市人民政府，省政府各厅委、各直属机构"
    assert inner.note == "（此件公开发布）"
    assert inner.disclosure == "proactive"
    assert inner.genre == "意见"
    assert inner.warnings == []


def test_shangluo_body_without_header_invents_nothing(seed):
    doc = extract(seed("001"))
    assert (doc.title, doc.doc_number, doc.issuers, doc.written_on) == (None, None, [], None)
    assert doc.addressees == "各县区人民政府,商丹园区管委会,市政府各工作部门、事业机构"
    assert doc.genre == "意见"  # read from "提出如下实施意见", so only with low confidence
    assert doc.confidence == {
        "title": "low", "doc_number": "low", "addressees": "high", "issuers": "low",
        "written_on": "low", "note": "low", "genre": "low",
    }  # fmt: skip
    assert doc.warnings == [
        "title_missing", "doc_number_missing", "issuers_missing", "date_missing", "genre_inferred",
    ]  # fmt: skip
    assert doc.forwarded == []


def test_state_council_opinion_ignores_cited_numbers(seed):
    doc = extract(seed("002"))
    assert doc.title == OPINION_100
    assert doc.doc_number == "国办发〔2013〕100号"
    assert doc.issuers == ["国务院办公厅"]  # from the title: this copy has no signature
    assert doc.written_on is None
    assert doc.addressees == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构"
    assert doc.genre == "意见"
    assert (doc.note, doc.disclosure) == (None, None)
    assert doc.warnings == ["date_missing"]


def test_huantai_notice_with_attachment(seed):
    doc = extract(seed("003"))
    assert doc.title == "关于进一步加强政府信息公开工作的通知"
    assert doc.doc_number == "桓政办发〔2014〕47号"  # not 鲁政办发〔2014〕8号 cited in the body
    assert doc.issuers == []  # the title names no organ and the copy has no signature
    assert doc.written_on is None
    assert doc.addressees == "各镇人民政府，城区街道办事处，县政府各部门，各有关单位"
    assert doc.genre == "通知"
    assert doc.attachments == ["与经济社会发展和民生关系密切以及社会关注事项较多的职能部门名单"]
    assert doc.warnings == ["issuers_missing", "date_missing"]
    assert doc.forwarded == []


def test_to_dict_is_plain_data(seed):
    data = extract(seed("000")).to_dict()
    assert data["written_on"] == "2014-01-06"
    assert data["forwarded"][0]["written_on"] == "2013-11-30"
    assert data["forwarded"][0]["doc_number"] == "辽政办发〔2013〕61号"
    assert data["original"] is None  # only kept when cleaning rewrote characters
