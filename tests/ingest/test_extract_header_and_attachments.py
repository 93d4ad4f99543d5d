"""extract(): secrecy and urgency marks above the title, 附件说明 below the body."""

from __future__ import annotations

from gongkai.ingest.extract import extract


def test_secrecy_and_urgency_marks(seed):
    doc = extract("000123\n机密★1年\n特急\n\n国务院办公厅文件\n\n" + seed("002"))
    assert (doc.secrecy, doc.urgency) == ("机密★1年", "特急")
    assert doc.title == "国务院办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的意见"
    assert doc.doc_number == "国办发〔2013〕100号"


def test_no_marks_on_the_seeds(seed):
    assert {(extract(seed(n)).secrecy, extract(seed(n)).urgency) for n in ("000", "001", "002", "003")} == {
        (None, None)
    }


def test_numbered_attachment_list(seed):
    body = "\n\n附件：1．重点工作安排表\n      2．职能部门名单\n\n国务院办公厅\n2013年10月1日\n（此件依申请公开）\n"
    doc = extract(seed("002") + body)
    assert doc.attachments == ["重点工作安排表", "职能部门名单"]
    assert (doc.note, doc.disclosure) == ("（此件依申请公开）", "on_request")
    assert doc.written_on.isoformat() == "2013-10-01"


def test_single_attachment_and_withheld_note(seed):
    doc = extract(seed("002") + "\n附件：职能部门名单\n\n国务院办公厅\n2013年10月1日\n（此件不予公开）\n")
    assert doc.attachments == ["职能部门名单"]
    assert doc.disclosure == "withheld"
