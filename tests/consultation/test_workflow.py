"""A consultation's way to the public: an uploaded draft is reviewed here; a document's draft goes
through publishing's own review and opens only once the document is published."""

from datetime import date

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.consultation import actions
from gongkai.consultation.models import Source, State
from tests.publishing.builders import draft, published, team  # noqa: F401

from .conftest import at, comment, new_draft


def test_uploaded_draft_is_prepared_reviewed_and_opened(li_ming, wang_fang, client):
    c = new_draft(li_ming)
    assert [p.heading for p in c.paragraphs.all()][:3] == ["第一章 总则", "第一条", "第二条"]
    assert client.get(f"/consultations/{c.pk}/").status_code == 404  # not public before it opens
    with pytest.raises(ActionRefused, match="上传的草案须经本单位审核人审核通过后才能发布"):
        actions.open_consultation(li_ming, c)
    c = actions.submit_consultation(li_ming, c)
    with pytest.raises(ActionRefused, match="审核通过需要以下角色之一：审核人"):
        actions.approve_consultation(li_ming, c)
    c = actions.approve_consultation(wang_fang, c, note="同意")
    c = actions.open_consultation(li_ming, c)
    assert (c.state, c.opened_at is not None) == (State.OPEN, True)
    assert client.get(f"/consultations/{c.pk}/").status_code == 200


def test_returned_draft_goes_back_to_the_clerk(li_ming, wang_fang):
    c = actions.submit_consultation(li_ming, new_draft(li_ming))
    with pytest.raises(ActionRefused, match="请填写退回理由"):
        actions.return_consultation(wang_fang, c, reason="")
    c = actions.return_consultation(wang_fang, c, reason="第三条表述不清")
    assert (c.state, c.review_note) == (State.DRAFT, "第三条表述不清")
    c = actions.update_consultation(li_ming, c, draft_text="第一条　修改后的唯一条文。")
    assert [p.text for p in c.paragraphs.all()] == ["修改后的唯一条文。"]


def test_document_draft_opens_only_once_published(team):  # noqa: F811
    doc = draft(
        team.clerk,
        title="示范县预算绩效管理办法（征求意见稿）",
        body="<p>第一条　为了加强预算绩效管理，制定本办法。</p><p>第二条　本办法自发布之日起施行。</p>",
    )
    c = actions.create_consultation(
        team.clerk, agency=team.clerk.agency, title=doc.title, source=Source.DOCUMENT, document=doc
    )
    assert [p.heading for p in c.paragraphs.all()] == ["第一条", "第二条"]
    with pytest.raises(ActionRefused, match="按该信息的发布审查流程审核"):
        actions.submit_consultation(team.clerk, c)
    with pytest.raises(ActionRefused, match="草案文件尚未通过发布审查并公开发布"):
        actions.open_consultation(team.clerk, c)
    from gongkai.publishing import actions as publishing
    from tests.publishing.builders import review_all

    publishing.publish_document(team.clerk, review_all(doc, team))
    c = actions.open_consultation(team.clerk, c)
    assert c.state == State.OPEN


def test_another_agencys_document_cannot_be_the_draft(li_ming, liu_yang, county):
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    housing_clerk = _person("hc", "住建局办事员", county.housing, Role.CLERK)
    doc = draft(housing_clerk, title="住建局的文件")
    with pytest.raises(ActionRefused, match="草案须为本单位的政府信息"):
        actions.create_consultation(
            li_ming, agency=li_ming.agency, title="x", source=Source.DOCUMENT, document=doc
        )


def test_closing_waits_for_the_close_date_then_the_job_closes(consultation, li_ming):
    with pytest.raises(ActionRefused, match="征求意见截止日期（2026年06月04日）未到，不能提前结束"):
        actions.close_consultation(li_ming, consultation)
    assert actions.close_due_consultations() == []
    with at(date(2026, 6, 5)):
        assert consultation.public_state() == State.CLOSED  # before the job runs
        assert [c.pk for c in actions.close_due_consultations(dry_run=True)] == [consultation.pk]
        assert [c.pk for c in actions.close_due_consultations()] == [consultation.pk]
        assert actions.close_due_consultations() == []  # idempotent
    consultation.refresh_from_db()
    assert consultation.state == State.CLOSED and consultation.closed_at is not None


def test_workflow_buttons_through_the_generic_view(client, li_ming, wang_fang):
    c = new_draft(li_ming)
    client.force_login(li_ming)
    assert client.post(f"/workbench/consultations/{c.pk}/act/submit/").status_code == 302
    client.force_login(wang_fang)
    page = client.get(f"/workbench/consultations/{c.pk}/").content.decode()
    assert "审核通过" in page and "退回修改" in page
    assert client.post(f"/workbench/consultations/{c.pk}/act/approve/", {"note": "同意"}).status_code == 302
    client.force_login(li_ming)
    assert client.post(f"/workbench/consultations/{c.pk}/act/open/").status_code == 302
    c.refresh_from_db()
    assert c.state == State.OPEN
    comment(c)


def test_staff_create_from_an_upload(client, li_ming):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(li_ming)
    upload = SimpleUploadedFile("draft.txt", "第一条　上传的条文一。\n第二条　上传的条文二。".encode())
    response = client.post(
        "/workbench/consultations/new/",
        {"title": "上传的草案", "source": "upload", "opens_on": "2026-05-06", "draft_file": upload},
    )
    assert response.status_code == 302, response.content.decode()
    from gongkai.consultation.models import Consultation

    c = Consultation.objects.get()
    assert (c.draft_file_name, c.paragraphs.count(), c.closes_on) == ("draft.txt", 2, date(2026, 6, 4))
    bad = client.post(
        "/workbench/consultations/new/",
        {
            "title": "x",
            "source": "upload",
            "opens_on": "2026-05-10",
            "closes_on": "2026-05-01",
            "draft_text": "第一条　a",
        },
    )
    assert "截止日期不能早于开始日期" in bad.content.decode()


def test_a_word_draft_is_read_and_split(li_ming):
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = docx.Document()
    for line in ("示范县城区养犬管理办法（征求意见稿）", "第一章　总则", "第一条　为了规范养犬行为，制定本办法。",
                 "第十二条　本办法自发布之日起施行。", "有关部门按职责做好相关工作。"):  # fmt: skip
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("养犬办法.docx", buffer.getvalue())
    c = actions.create_consultation(
        li_ming, agency=li_ming.agency, title="示范县城区养犬管理办法（征求意见稿）", draft_file=upload
    )
    got = [(p.number, p.kind, p.heading) for p in c.paragraphs.all()]
    assert got == [(1, "chapter", "第一章 总则"), (2, "article", "第一条"), (3, "article", "第十二条"),
                   (4, "clause", "第十二条第二款")]  # fmt: skip
    assert c.draft_file_name == "养犬办法.docx"
    with pytest.raises(ActionRefused, match="草案文件须为Word（.docx）或纯文本（.txt）文件"):
        actions.create_consultation(
            li_ming, agency=li_ming.agency, title="x", draft_file=SimpleUploadedFile("a.doc", b"x")
        )
