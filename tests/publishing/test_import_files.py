# ruff: noqa: F811  (the `team` fixture is imported from builders)
"""Import: seeds become pre-filled drafts; a 转发 notice yields both documents, linked; bad files
leave nothing behind."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.ingest.conftest import SEEDS
from tests.publishing.builders import team  # noqa: F401

from gongkai.audit.models import AuditEntry
from gongkai.publishing.forms import ImportForm
from gongkai.publishing.importing import import_file
from gongkai.publishing.models import Disclosure, Document, State

pytestmark = pytest.mark.django_db


def _seed(prefix):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def test_forwarding_notice_yields_both_documents_linked(team):
    result = import_file(team.clerk, _seed("000"))
    assert result.ok, result.message
    outer = result.document
    assert outer.title.startswith("盘锦市人民政府办公室转发省政府办公厅")
    assert outer.state == State.DRAFT and outer.written_on.isoformat() == "2014-01-06"
    (inner,) = result.forwarded
    assert inner.forwarded_by == outer and list(outer.forwards.all()) == [inner]
    assert inner.doc_number == "辽政办发〔2013〕61号"
    assert inner.title == "辽宁省人民政府办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的实施意见"
    assert "各市人民政府" in inner.body and "各县、区人民政府" not in inner.body
    assert outer.revisions.get().note == "导入"


def test_prefilled_metadata_of_a_state_council_opinion(team):
    doc = import_file(team.clerk, _seed("002")).document
    assert (doc.doc_number, doc.genre) == ("国办发〔2013〕100号", "意见")
    assert doc.disclosure == Disclosure.PROACTIVE
    assert "date_missing" in doc.import_warnings


def test_attachment_list_is_kept(team):
    doc = import_file(team.clerk, _seed("003")).document
    assert doc.attachment_names == ["与经济社会发展和民生关系密切以及社会关注事项较多的职能部门名单"]


def test_issuer_matched_to_an_agency_becomes_the_publisher(team, county):
    text = "示范县财政局关于做好2025年预算公开工作的通知\n示财发〔2025〕3号\n\n各乡镇：\n    现将有关事项通知如下。\n\n示范县财政局\n2025年3月3日\n（此件公开发布）\n"
    doc = import_file(team.clerk, text.encode("gb18030"), name="notice.txt").document
    assert list(doc.publishers.all()) == [county.finance]
    assert doc.doc_number == "示财发〔2025〕3号" and doc.written_on.isoformat() == "2025-03-03"


JOINT = (
    "示范县财政局 示范县住房和城乡建设局关于做好2025年保障房资金公开工作的通知\n示财发〔2025〕4号\n\n"
    "各乡镇：\n    现将有关事项通知如下。\n\n示范县财政局\n示范县住房和城乡建设局\n2025年3月3日\n"
)


def test_revision_1_and_the_audit_row_name_the_joint_publishers(team, county):
    doc = import_file(team.clerk, JOINT.encode(), name="joint.txt").document
    assert set(doc.publishers.all()) == {county.finance, county.housing}
    assert set(doc.revisions.get(number=1).data["publishers"]) == {county.finance.name, county.housing.name}
    entry = AuditEntry.objects.get(action="publishing.document.create", object_id=str(doc.pk))
    assert entry.after["publishers"] == sorted([county.finance.pk, county.housing.pk])
    assert entry.after["import_warnings"] == doc.import_warnings


def test_an_unmatched_issuer_is_warned_about_from_the_first_revision(team, county):
    text = "示范县气象局关于做好2025年预算公开工作的通知\n示气发〔2025〕3号\n\n各乡镇：\n    现将有关事项通知如下。\n\n示范县气象局\n2025年3月3日\n"
    doc = import_file(team.clerk, text.encode(), name="weather.txt").document
    assert list(doc.publishers.all()) == [county.finance]  # the clerk's agency until they choose
    assert doc.revisions.get(number=1).data["publishers"] == [county.finance.name]
    assert "issuer_unmatched" in doc.import_warnings
    entry = AuditEntry.objects.get(action="publishing.document.create", object_id=str(doc.pk))
    assert "issuer_unmatched" in entry.after["import_warnings"]
    assert entry.after["publishers"] == [county.finance.pk]


def test_screening_runs_at_once(team):
    text = "关于张三补助发放的通知\n\n张三，身份证号11010519491231002X，电话13812345678。\n\n示范县财政局\n2025年3月3日\n"
    result = import_file(team.clerk, text.encode(), name="a.txt")
    assert result.open_findings == 2


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (300 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.txt", b""),
        ("garbage.txt", bytes(range(256)) * 40),
        ("scan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("bomb.docx", "bomb"),
        ("photo.jpg", b"\xff\xd8\xff\xe0"),
    ],
)
def test_bad_files_get_a_message_and_leave_nothing(team, name, data):
    if data == "bomb":
        data = _zip_bomb()
    result = import_file(team.clerk, data, name=name)
    assert not result.ok and result.message
    assert Document.objects.count() == 0


def test_script_never_survives_import_of_html(team):
    html = "<html><body><h1>关于测试的通知</h1><script>alert(1)</script><p>正文<img src=x onerror=alert(2)></p></body></html>"
    doc = import_file(team.clerk, html.encode(), name="page.html").document
    assert "<script" not in doc.body and "onerror" not in doc.body and "alert" not in doc.body


def test_import_command_reports_per_file(team, tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(_seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CommandError, match="1 个文件导入失败"):
        call_command("import", str(tmp_path), user="liming", quiet=True)
    out = capsys.readouterr().out
    assert "成功" in out and "失败" in out and "文件为空" in out
    assert Document.objects.count() == 1


def test_extract_command_prints_the_issue_keys(capsys):
    call_command("extract", str(_seed("000")), json=True)
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "title", "doc_number", "issuers", "written_on", "addressees", "note", "disclosure", "genre",
        "secrecy", "urgency", "attachments", "forwarded", "warnings", "confidence",
    ]  # fmt: skip
    assert data["forwarded"][0]["doc_number"] == "辽政办发〔2013〕61号"
    assert data["written_on"] == "2014-01-06"


def test_screen_command_prints_findings(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("电话 13812345678，证件 11010519491231002X，严守国家秘密。", encoding="utf-8")
    call_command("screen", str(path), json=True)
    kinds = [f["kind"] for f in json.loads(capsys.readouterr().out)]
    assert kinds == ["mobile", "resident_id"]


def test_the_upload_form_refuses_a_file_over_the_configured_limit(settings):
    settings.GONGKAI_IMPORT_MAX_MB = 1
    big = SimpleUploadedFile("big.txt", b"x" * (1024 * 1024 + 1))
    form = ImportForm(files={"file": big})
    assert not form.is_valid() and form.errors["file"] == ["文件过大，上限为 1 MB"]
    assert ImportForm(files={"file": SimpleUploadedFile("ok.txt", b"x" * 1024)}).is_valid()
