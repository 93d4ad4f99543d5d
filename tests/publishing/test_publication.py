# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Publishing: now or scheduled (idempotent command), unpublish with a reason, the normative-document
interpretation rule, disclosure reasons, validity, revisions and attachments."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone
from tests.publishing.builders import draft, normative, published, review_all, team  # noqa: F401

from gongkai.common.errors import ActionRefused
from gongkai.publishing import actions
from gongkai.publishing.filetypes import RefusedFile, sniff
from gongkai.publishing.models import Disclosure, State, Validity, WithheldCategory
from gongkai.publishing.revisions import diff

pytestmark = pytest.mark.django_db


def test_scheduled_publication_runs_once(team, capsys):
    doc = review_all(draft(team.clerk), team)
    at = timezone.now() + dt.timedelta(hours=1)
    actions.schedule_publication(team.clerk, doc, at=at)
    assert actions.publish_scheduled().published == []
    later = at + dt.timedelta(minutes=1)
    assert [d.pk for d in actions.publish_scheduled(now=later, dry_run=True).published] == [doc.pk]
    doc.refresh_from_db()
    assert doc.state == State.READY
    assert [d.pk for d in actions.publish_scheduled(now=later).published] == [doc.pk]
    assert actions.publish_scheduled(now=later).published == []
    doc.refresh_from_db()
    assert doc.state == State.PUBLISHED and doc.published_at == later and doc.index_number


def test_schedule_in_the_past_is_refused(team):
    doc = review_all(draft(team.clerk), team)
    with pytest.raises(ActionRefused, match="晚于当前时间"):
        actions.schedule_publication(team.clerk, doc, at=timezone.now() - dt.timedelta(minutes=1))


def test_publish_scheduled_command_dry_run(team, capsys):
    call_command("publish_scheduled", dry_run=True)
    assert "将发布 0 份" in capsys.readouterr().out


def test_unpublish_needs_a_reason_and_the_signer(team):
    doc = published(team)
    with pytest.raises(ActionRefused, match="审发人"):
        actions.unpublish_document(team.clerk, doc, reason="错误")
    with pytest.raises(ActionRefused, match="理由"):
        actions.unpublish_document(team.signer, doc, reason="")
    doc = actions.unpublish_document(team.signer, doc, reason="数据有误")
    assert doc.state == State.UNPUBLISHED and doc.review_steps.last().comment == "数据有误"


def test_normative_document_needs_an_interpretation_or_the_signers_reason(team):
    doc = review_all(normative(team.clerk), team, waiver="解读随后由专家发布")
    assert doc.interpretation_waiver == "解读随后由专家发布"
    doc = actions.publish_document(team.clerk, doc)  # the reason was given at 审发
    assert doc.state == State.PUBLISHED and doc.interpretation_waiver == "解读随后由专家发布"


def test_without_sign_off_the_publisher_needs_the_signers_reason(team):
    actions.set_publishing_policy(None, team.clerk.agency, sign_off_on=False)
    doc = actions.submit_document(team.clerk, normative(team.clerk))
    for person in (team.clerk, team.reviewer, team.secrecy):
        doc = actions.approve_step(person, doc)
    assert doc.state == State.READY
    with pytest.raises(ActionRefused, match="政策解读同步发布"):
        actions.publish_document(team.clerk, doc)
    with pytest.raises(ActionRefused, match="未同步解读的理由须由审发人说明"):
        actions.publish_document(team.clerk, doc, interpretation_waiver="时间紧")
    doc = actions.publish_document(team.signer, doc, interpretation_waiver="解读随后由专家发布")
    assert doc.state == State.PUBLISHED and doc.interpretation_waiver == "解读随后由专家发布"


def test_interpretation_reviewed_like_documents_goes_out_with_its_policy(team):
    doc = normative(team.clerk)
    item = actions.create_interpretation(
        team.clerk, title="《预算公开通知》政策解读", documents=[doc], body="<p>背景和依据</p>"
    )
    doc = review_all(doc, team)
    item = review_all(item, team)
    assert item.state == State.READY
    actions.publish_document(team.clerk, doc)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.published_at


def test_non_proactive_needs_a_reason_before_submission_and_is_never_published(team):
    doc = draft(team.clerk, disclosure=Disclosure.ON_REQUEST)
    with pytest.raises(ActionRefused, match="理由类别"):
        actions.submit_document(team.clerk, doc)
    doc = actions.update_document(
        team.clerk, doc, withheld_category=WithheldCategory.PRIVACY, withheld_reason="涉及补助对象的个人信息"
    )
    doc = review_all(doc, team)
    with pytest.raises(ActionRefused, match="依申请公开"):
        actions.publish_document(team.clerk, doc)


def test_repealed_document_links_its_replacement(team, client):
    old = published(team, title="旧办法")
    new = published(team, title="新办法")
    actions.set_validity(team.clerk, old, validity=Validity.REPEALED, replaced_by=new)
    page = client.get(old.get_absolute_url()).content.decode()
    assert "本文件已废止" in page and new.get_absolute_url() in page


def test_every_save_is_a_revision_with_a_readable_diff(team):
    doc = draft(team.clerk, body="<p>第一段。</p><p>第二段。</p>")
    doc = actions.update_document(
        team.clerk, doc, title="新的标题", body="<p>第一段。</p><p>第二段改了。</p>"
    )
    first, second = doc.revisions.order_by("number")
    lines = [
        (line.kind, line.text) for line in diff(first.data, second.data) if line.kind in ("add", "remove")
    ]
    assert ("remove", "第二段。") in lines and ("add", "第二段改了。") in lines
    assert ("add", "【信息名称】新的标题") in lines


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n0000", "png"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"ID3\x04\x00", "mp3"),
        (b"\x00\x00\x00\x18ftypmp42", "mp4"),
    ],
)
def test_attachment_type_is_judged_by_content(data, kind):
    assert sniff(data, "whatever.bin") == kind


def test_a_renamed_executable_is_refused(team):
    doc = draft(team.clerk)
    with pytest.raises(ActionRefused, match="不支持的附件格式"):
        actions.add_attachment(team.clerk, doc, name="通知.pdf", data=b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(RefusedFile):
        sniff(b"<html><script>", "a.pdf")
    assert doc.attachments.count() == 0


def test_attachment_size_limit(team, settings):
    settings.GONGKAI_ATTACHMENT_MAX_MB = 1
    doc = draft(team.clerk)
    with pytest.raises(ActionRefused, match="上限为 1 MB"):
        actions.add_attachment(team.clerk, doc, name="big.pdf", data=b"%PDF-" + b"0" * (1024 * 1024 + 1))


def test_script_in_the_body_is_removed(team):
    doc = draft(
        team.clerk, body='<p onclick="x()">正文</p><script>alert(1)</script><a href="javascript:x()">链接</a>'
    )
    assert "script" not in doc.body and "onclick" not in doc.body and "javascript" not in doc.body


def test_recording_an_earlier_publication_date(team):
    doc = review_all(draft(team.clerk, written_on=dt.date(2023, 3, 1), made_on=dt.date(2023, 3, 1)), team)
    with pytest.raises(ActionRefused, match="早于成文日期"):
        actions.publish_document(team.clerk, doc, published_at=timezone.make_aware(dt.datetime(2023, 2, 1)))
    when = timezone.make_aware(dt.datetime(2023, 3, 5, 10))
    doc = actions.publish_document(team.clerk, doc, published_at=when)
    assert doc.published_at == when and "/2023-00001" in doc.index_number
    assert doc.review_steps.last().comment == "补录历史发布日期 2023-03-05"


def test_an_office_file_with_macros_is_not_an_attachment():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 32)
    with pytest.raises(RefusedFile, match="含有宏的 Office 文件"):
        sniff(buffer.getvalue(), "通知.docx")
