"""Attachments are checked by their content against an allow-list, and their names cleaned."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import filetypes
from gongkai.applications.models import Application, Attachment
from gongkai.common.filetypes import OLE_MAGIC
from tests.applications.test_portal_intake import form_data

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def _ole(stream: str) -> bytes:
    return OLE_MAGIC + b"\x00" * 64 + stream.encode("utf-16-le") + b"\x00" * 64


DOCX = _zip("[Content_Types].xml", "word/document.xml")
XLSX = _zip("[Content_Types].xml", "xl/workbook.xml")
OFD = _zip("OFD.xml", "Doc_0/Document.xml")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("身份证.pdf", PDF),
        ("scan.PNG", PNG),
        ("照片.jpg", JPEG),
        ("照片.jpeg", JPEG),
        ("申请.docx", DOCX),
        ("清单.xlsx", XLSX),
        ("申请.doc", _ole("WordDocument")),
        ("清单.xls", _ole("Workbook")),
        ("授权书.ofd", OFD),
        ("说明.txt", "申请人　张三，联系电话见表。\r\n".encode()),
        ("说明.txt", "申请人张三".encode("gbk")),
    ],
)
def test_allowed_types(name, data):
    assert filetypes.attachment_problem(name, data) is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "不是允许的文件类型"),
        ("图.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "不是允许的文件类型"),
        ("图.png", b'<svg onload="alert(1)"/>', "不是允许的文件类型"),
        ("说明.txt", b"<script>alert(1)</script>", "不是允许的文件类型"),
        ("scan.pdf", PNG, "与扩展名不符"),
        (
            "宏.docx",
            _zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
            "不是允许的文件类型",
        ),
        ("旧宏.doc", _ole("WordDocument") + "_VBA_PROJECT".encode("utf-16-le"), "不是允许的文件类型"),
        ("压缩包.zip", _zip("a.txt"), "不是允许的文件类型"),
        ("空.txt", b"", "不是允许的文件类型"),
        ("二进制.txt", b"abc\x00\x01def", "不是允许的文件类型"),
    ],
)
def test_refused_types_name_the_file(name, data, message):
    problem = filetypes.attachment_problem(name, data)
    assert problem is not None and message in problem and f"“{name}”" in problem


@pytest.mark.django_db
def test_the_form_refuses_every_bad_file_at_once(client, county):
    html = SimpleUploadedFile("scan.pdf", b"<html><body>x</body></html>", content_type="application/pdf")
    svg = SimpleUploadedFile("图.svg", b'<svg onload="alert(1)"/>', content_type="image/svg+xml")
    good = SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")
    response = client.post("/applications/apply/", form_data(county) | {"attachments": [html, svg, good]})
    page = response.content.decode()
    assert "附件“scan.pdf”不是允许的文件类型" in page and "附件“图.svg”不是允许的文件类型" in page
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_a_right_to_left_override_is_removed_from_the_name(client, county):
    # Shown as “scanfdp.exe” reversed: “scan\u202eexe.pdf” displays as “scanfdp.exe”.
    sneaky = SimpleUploadedFile("scan\u202eexe.pdf\u200b", PDF, content_type="application/pdf")
    response = client.post("/applications/apply/", form_data(county) | {"attachments": [sneaky]})
    assert response.status_code == 302
    assert Attachment.objects.get().name == "scanexe.pdf"
