"""read_file(): text out of uploaded .txt, .docx, .pdf and .html files, with Chinese refusals."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from gongkai.ingest.readers import UnreadableFile, read_file

TITLE = "国务院办公厅关于进一步加强政府信息公开回应社会关切提升政府公信力的意见"


def text_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII, Helvetica), with a correct xref."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("国办发〔2013〕100号")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "类别", "完成时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "政府信息解读", "2014年9月底"
    document.add_paragraph("（此件公开发布）")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8", "utf-8"), ("gbk", "gb18030"), ("gb18030", "gb18030")]
)
def test_text_in_chinese_encodings(seed, encoding, expected):
    result = read_file(seed("001").encode(encoding), "001.txt")
    assert result.text == seed("001")
    assert result.encoding == expected
    assert result.warnings == ([] if expected == "utf-8" else ["non_utf8_encoding"])


def test_traditional_utf8_text_is_text(seed):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(seed("002"))
    assert read_file(traditional.encode("utf-8"), "t.txt").text == traditional
    result = read_file(traditional.encode("big5", errors="ignore"), "t.txt")
    assert result.text.startswith("國務院辦公廳關於進一步加強政府信息公開")
    assert (result.encoding, result.warnings) == ("big5", ["encoding_guessed"])


def test_text_with_bom_and_from_a_path(tmp_path, seed):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed("003").encode())
    result = read_file(path)
    assert result.text == seed("003") and result.encoding == "utf-8"


def test_binary_garbage_named_txt_is_refused():
    garbage = bytes(range(256)) * 40
    with pytest.raises(UnreadableFile, match="不是可识别的文本"):
        read_file(garbage, "report.txt")


def test_random_high_bytes_named_txt_are_refused():
    import random

    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    with pytest.raises(UnreadableFile, match="无法读取"):
        read_file(noise, "report.txt")


def test_size_limit_is_checked_first(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(UnreadableFile, match="文件过大.*上限"):
        read_file(path, max_bytes=1024)
    with pytest.raises(UnreadableFile, match="文件过大"):
        read_file(b"a" * 2048, "big.txt", max_bytes=1024)


@pytest.mark.parametrize(
    ("name", "message"), [("a.doc", "另存为.docx"), ("a.exe", "不支持的文件类型"), ("a", "无扩展名")]
)
def test_unsupported_types(name, message):
    with pytest.raises(UnreadableFile, match=message):
        read_file(b"data", name)


def test_missing_path():
    with pytest.raises(UnreadableFile, match="找不到文件"):
        read_file("/nonexistent/doc.txt")


# --- Word -----------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order():
    result = read_file(word_file(), "意见.docx")
    assert result.text.split("\n") == [
        TITLE,
        "国办发〔2013〕100号",
        "类别\t完成时限",
        "政府信息解读\t2014年9月底",
        "（此件公开发布）",
    ]


def test_docx_zip_bomb_is_refused_before_opening():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))  # 20 MB → ~20 kB
    with pytest.raises(UnreadableFile, match="压缩炸弹"):
        read_file(out.getvalue(), "bomb.docx")


def test_docx_that_is_not_a_zip():
    with pytest.raises(UnreadableFile, match="不是有效的.docx"):
        read_file(b"PK not really a zip", "fake.docx")


def test_zip_that_is_not_word():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UnreadableFile, match="Word文件已损坏"):
        read_file(out.getvalue(), "other.docx")


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_text_layer():
    assert (
        "Guowuyuan Bangongting 2013 No 100"
        in read_file(text_pdf("Guowuyuan Bangongting 2013 No 100"), "a.pdf").text
    )


def test_pdf_encrypted_only_against_editing_is_read():
    pdf = encrypted(text_pdf("Public notice readable by all"), user_password="")
    assert "Public notice readable by all" in read_file(pdf, "a.pdf").text


def test_pdf_with_a_password_is_refused():
    with pytest.raises(UnreadableFile, match="PDF文件已加密，无法读取"):
        read_file(encrypted(text_pdf("Secret"), user_password="open-sesame"), "a.pdf")


def test_pdf_without_text_layer_asks_for_ocr():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UnreadableFile, match="PDF没有文字层（可能是扫描件），请先进行文字识别"):
        read_file(out.getvalue(), "scan.pdf")


def test_broken_pdf():
    with pytest.raises(UnreadableFile, match="PDF文件已损坏"):
        read_file(b"%PDF-1.4\nthis is not a pdf at all", "broken.pdf")


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>网站标题</title>
<style>p {{ color: red }}</style><script>var tracking = "赌场";</script></head>
<body><div class="nav">首页 &gt; 政策文件</div>
<h1>{title}</h1>
<p>国办发〔2013〕100号</p>
<p>各省、自治区、直辖市人民政府，<br>国务院各部委、各直属机构：</p>
<p>　　依法实施政府信息公开是人民政府密切联系群众、
   转变政风的内在要求。</p><!-- 注释 -->
<table><tr><td>类别</td><td>时限</td></tr></table>
<noscript>请启用脚本</noscript></body></html>"""


@pytest.mark.parametrize(("charset", "expected"), [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_html_keeps_block_breaks_and_drops_scripts(charset, expected):
    data = PAGE.format(charset=charset, title=TITLE).encode("gbk" if expected == "gb18030" else "utf-8")
    result = read_file(data, "page.html")
    lines = result.text.split("\n")
    assert TITLE in lines
    assert "国办发〔2013〕100号" in lines
    assert ["各省、自治区、直辖市人民政府，", "国务院各部委、各直属机构："] == lines[
        lines.index("国办发〔2013〕100号") + 2 :
    ][:2]
    assert "　　依法实施政府信息公开是人民政府密切联系群众、 转变政风的内在要求。" in lines
    assert "类别\t时限" in lines
    for gone in ("赌场", "color", "网站标题", "注释", "请启用脚本"):
        assert gone not in result.text
    assert result.encoding == expected
