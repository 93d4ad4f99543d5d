"""Resource files: every bad input refused with a clear message and nothing stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from gongkai.opendata import actions
from gongkai.opendata.ingest import IngestError, ingest
from gongkai.opendata.models import ResourceVersion
from tests.opendata.conftest import budget_dataset

SCHEMA = [
    {"name": "code", "label": "科目编码", "type": "text", "unit": ""},
    {"name": "amount", "label": "预算金额", "type": "number", "unit": "万元"},
    {"name": "day", "label": "批复日期", "type": "date", "unit": ""},
]


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BAD_INPUTS = [
    ("binary.csv", b"\x00\x01\x02\x03" * 10, "bad_encoding", "文件内容不是可识别的文本（可能是二进制文件），无法读取"),
    ("ragged.csv", "科目编码,预算金额,批复日期\n201,1,2026-01-01\n202,2\n203,3,2026-01-01,x\n".encode(), "ragged_rows",
     "第3、4行的单元格数与表头（3列）不一致"),
    ("columns.csv", "科目编码,金额,日期\n201,1,2026-01-01\n".encode(), "column_mismatch",
     "文件缺少字段：预算金额（amount）、批复日期（day）；文件中有字段列表之外的列：金额、日期"),
    ("types.csv", "code,amount,day\n201,一千,2026-02-30\n".encode(), "bad_value",
     "第2行“预算金额”的值“一千”不是数值；第2行“批复日期”的值“2026-02-30”不是日期"),
    ("formula.xlsx", _xlsx([["科目编码", "预算金额", "批复日期"], ["201", "=SUM(1,2)", "2026-01-01"]]), "bad_value",
     "第2行“预算金额”的值“=SUM(1,2)”不是数值"),
    ("records.json", b'[{"code": "1", "amount": 1, "day": "2026-01-01"}, {"code": "2"}]', "ragged_rows",
     "第3行的单元格数与表头（3列）不一致"),
    ("header.csv", "科目编码,预算金额,批复日期\n".encode(), "no_rows", "文件只有表头，没有数据行"),
    ("old.xls", b"whatever", "unsupported_format", "不支持的文件格式“.xls”，请上传CSV、XLSX或JSON文件"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "code", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_files_are_refused_with_every_problem(tmp_path, name, data, code, message):
    out = tmp_path / "out.parquet"
    with pytest.raises(IngestError) as refused:
        ingest(data, name, SCHEMA, out)
    assert refused.value.code == code
    assert refused.value.message == message
    assert not out.exists() and list(tmp_path.iterdir()) == []  # no temporary file left either


def test_gbk_csv_with_labels_in_any_order_is_read(tmp_path):
    data = '批复日期,预算金额,科目编码\n2026年1月15日,"1,250.5",一般公共服务\n'.encode("gbk")
    result = ingest(data, "预算.csv", SCHEMA, tmp_path / "out.parquet")
    assert (result.encoding, result.row_count, result.findings) == ("gb18030", 1, [])
    import duckdb

    assert duckdb.sql(f"SELECT * FROM '{tmp_path / 'out.parquet'}'").fetchall()[0][:2] == (
        "一般公共服务",
        1250.5,
    )


def test_xlsx_formula_in_a_text_column_is_kept_as_text_and_listed(tmp_path):
    data = _xlsx([["科目编码", "预算金额", "批复日期"], ['=HYPERLINK("http://x")', 3, "2026-01-01"]])
    result = ingest(data, "a.xlsx", SCHEMA, tmp_path / "out.parquet")
    assert result.formulas == ['第2行第1列：=HYPERLINK("http://x")']


def test_too_big_is_refused_before_reading(li_ming, settings):
    settings.GONGKAI_OPENDATA_MAX_UPLOAD_MB = 1
    with pytest.raises(IngestError, match="文件大小为2 MB，超过了1 MB的上限，请拆分后分别上传"):
        actions.check_size(2 * 1024 * 1024)


def test_nothing_half_imported(li_ming, settings):
    dataset = budget_dataset(li_ming)
    resource = dataset.resources.get()
    before = set(Path(settings.GONGKAI_OPENDATA_DIR).iterdir())
    bad = "科目编码,项目名称,预算金额,批复日期\n201,甲,1,2026-01-01\n202,乙,x,2026-01-01\n".encode()
    with pytest.raises(IngestError, match="第3行“预算金额”的值“x”不是数值"):
        actions.upload_version(li_ming, resource, data=bad, filename="b.csv")
    assert ResourceVersion.objects.filter(resource=resource).count() == 1
    assert set(Path(settings.GONGKAI_OPENDATA_DIR).iterdir()) == before
    with pytest.raises(IngestError):
        actions.add_resource(li_ming, dataset, title="第二个", data=bad, filename="b.csv")
    assert dataset.resources.count() == 1
