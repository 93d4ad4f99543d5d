"""Reading, checking and screening a resource file (CSV, XLSX, JSON) into the query engine's Parquet.

Pure functions, no database. `ingest(data, filename, schema, out_path)` reads the file (encoding
detected: UTF-8, GBK/GB18030, UTF-16), matches its header to the dataset's fields (by name or
Chinese label, in any order), checks every row (same number of cells as the header) and every
typed cell (整数, 数值, 日期, 日期时间), screens each column for personal data and secrecy marks like
documents are screened, and only when all of that passed writes the rows, typed, to `out_path`.
Every problem of a file is reported at once (`IngestError.problems`), with row numbers as the file
counts them (the header is row 1). XLSX formulas are never evaluated: their text is kept as a
string and listed, so a formula in a numeric column is a type error and one in a text column is
shown to the reviewer.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from gongkai.common.errors import ActionRefused
from gongkai.ingest import screening
from gongkai.ingest.readers import UnreadableFile, decode_text

FORMATS = ("csv", "xlsx", "json")
MAX_LISTED = 20  # problems listed one by one; more are counted
SCREEN_CHUNK = 20_000  # cells of a column screened together
BLOCKING_KINDS = {
    "resident_id": "居民身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "secrecy_mark": "密级标志",
}
DUCK_TYPES = {
    "text": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}
TYPE_LABELS = {"text": "文本", "integer": "整数", "number": "数值", "date": "日期", "datetime": "日期时间"}
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_DATETIME_RE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})秒?)?)?$"
)
_INT_RE = re.compile(r"^[+-]?\d+$")


class IngestError(ActionRefused):
    """A file refused, with every problem found (Chinese) and a machine code for the API."""

    def __init__(self, code: str, problems: list[str]) -> None:
        self.code, self.problems = code, problems
        super().__init__("；".join(problems), field="file")


@dataclass
class Ingested:
    format: str
    encoding: str
    row_count: int
    findings: list[dict] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)  # "第3行第2列：=SUM(B1:B2)"


def file_format(filename: str) -> str:
    ext = Path(filename).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise IngestError("unsupported_format", [f"不支持的文件格式“.{ext}”，请上传CSV、XLSX或JSON文件"])
    return ext


def ingest(data: bytes, filename: str, schema: list[dict], out_path: Path) -> Ingested:
    """Read, check and screen `data`; write the typed rows to `out_path` (Parquet) or raise IngestError."""
    fmt = file_format(filename)
    if not schema:
        raise IngestError("no_fields", ["数据集还没有字段，请先填写字段列表"])
    if not data.strip():
        raise IngestError("empty_file", ["文件是空的"])
    encoding, formulas = "", []
    if fmt == "xlsx":
        header, rows, formulas = _read_xlsx(data)
    else:
        try:
            text, encoding, _warnings = decode_text(data)
        except UnreadableFile as exc:
            raise IngestError("bad_encoding", [str(exc)]) from None
        header, rows = _read_json(text) if fmt == "json" else _read_csv(text)
    order = _match_header(header, schema, encoding)
    checked = _check_rows(rows, len(header), order, schema, out_path)
    return Ingested(
        format=fmt,
        encoding=encoding,
        row_count=checked.count,
        findings=checked.findings,
        formulas=formulas,
    )


# --- reading ---------------------------------------------------------------------------------------


def _read_csv(text: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise IngestError("empty_file", ["文件没有表头"]) from None

    def rows():
        try:
            for row in reader:
                if row and any(c.strip() for c in row):
                    yield reader.line_num, row
        except csv.Error as exc:
            raise IngestError("bad_csv", [f"第{reader.line_num}行无法读取：{exc}"]) from None

    return [h.strip() for h in header], rows()


def _read_json(text: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError("bad_json", [f"JSON格式错误（第{exc.lineno}行第{exc.colno}列）"]) from None
    if isinstance(data, dict):
        data = data.get("data", data.get("rows"))
    if not isinstance(data, list) or not data or not all(isinstance(r, dict) for r in data):
        raise IngestError("bad_json", ['JSON文件应为记录（对象）的数组，如 [{"字段": 值}, …]'])
    header = [str(k) for k in data[0]]

    def rows():
        for i, record in enumerate(data, start=1):
            if set(map(str, record)) != set(header):
                yield i + 1, [None] * (len(header) + 1)  # reported as a ragged record
                continue
            yield i + 1, [_json_cell(record[k]) for k in data[0]]

    return header, rows()


def _json_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _read_xlsx(data: bytes) -> tuple[list[str], Iterator[tuple[int, list]], list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell's value is its text ("=SUM(B2:B9)"); nothing is evaluated.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise IngestError("bad_xlsx", ["文件不是有效的XLSX工作簿（旧版.xls请另存为.xlsx）"]) from None
    sheet = book.worksheets[0]
    formulas: list[str] = []
    raw = sheet.iter_rows()
    try:
        header = [_xlsx_cell(c) for c in next(raw)]
    except StopIteration:
        raise IngestError("empty_file", ["工作表没有内容"]) from None
    while header and not header[-1]:
        header.pop()

    def rows():
        for number, cells in enumerate(raw, start=2):
            values = []
            for col, cell in enumerate(cells, start=1):
                value = _xlsx_cell(cell)
                if getattr(cell, "data_type", "") == "f" and len(formulas) < 200:
                    formulas.append(f"第{number}行第{col}列：{value}")
                values.append(value)
            while len(values) > len(header) and not values[-1]:
                values.pop()
            if any(values):
                yield number, values

    return header, rows(), formulas


def _xlsx_cell(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- checking --------------------------------------------------------------------------------------


def _match_header(header: list[str], schema: list[dict], encoding: str) -> list[int]:
    """For each field, the index of its column in the file (matched by name or Chinese label)."""
    index: dict[str, int] = {}
    dupes = []
    for i, name in enumerate(header):
        if name in index:
            dupes.append(name)
        index[name] = i
    problems = [f"表头中“{d}”重复" for d in dupes]
    order, missing = [], []
    for f in schema:
        i = index.get(f["name"], index.get(f["label"]))
        if i is None:
            missing.append(f"{f['label']}（{f['name']}）")
        order.append(i)
    known = {f["name"] for f in schema} | {f["label"] for f in schema}
    extra = [h or f"第{i + 1}列（无表头）" for i, h in enumerate(header) if h not in known]
    if missing:
        problems.append("文件缺少字段：" + "、".join(missing))
    if extra:
        problems.append("文件中有字段列表之外的列：" + "、".join(extra))
    if problems:
        if encoding not in ("", "utf-8", "gb18030", "utf-16"):
            problems.append(f"文件编码被识别为{encoding}，如表头显示为乱码，请另存为UTF-8或GBK编码后重新上传")
        raise IngestError("column_mismatch", problems)
    return order


def parse_cell(value: str, kind: str):
    """The typed value of one cell (None when empty); ValueError when it is not of `kind`."""
    value = value.strip()
    if not value:
        return None
    if kind == "text":
        return value
    if kind == "integer":
        value = value.replace(",", "")
        if not _INT_RE.match(value):
            raise ValueError
        return int(value)
    if kind == "number":
        number = float(value.replace(",", ""))
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError
        return number
    if kind == "date":
        m = _DATE_RE.match(value)
        if not m:
            raise ValueError
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = _DATETIME_RE.match(value)
    if not m:
        raise ValueError
    return datetime(*(int(g or 0) for g in m.groups()))


@dataclass
class _Checked:
    count: int
    findings: list[dict]


def _check_rows(
    rows: Iterable[tuple[int, list]], width: int, order: list[int], schema: list[dict], out: Path
):
    ragged: list[int] = []
    type_errors: list[str] = []
    n_type_errors = 0
    kinds = [f["type"] for f in schema]
    screened = [i for i, k in enumerate(kinds) if k in ("text", "integer", "number")]
    buffers: dict[int, list[str]] = {i: [] for i in screened}
    found: dict[tuple[int, str], list] = {}  # (field index, kind) → [count, masked sample]
    count = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".csv", dir=out.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as tmp:
            writer = csv.writer(tmp)
            for number, row in rows:
                if len(row) != width:
                    ragged.append(number)
                    continue
                typed = []
                for i, kind in enumerate(kinds):
                    cell = row[order[i]]
                    try:
                        value = parse_cell(cell, kind)
                    except ValueError:
                        n_type_errors += 1
                        if len(type_errors) < MAX_LISTED:
                            f = schema[i]
                            type_errors.append(
                                f"第{number}行“{f['label']}”的值“{cell[:30]}”不是{TYPE_LABELS[kind]}"
                            )
                        value = None
                    typed.append(
                        "" if value is None else value.isoformat() if kind in ("date", "datetime") else value
                    )
                for i in screened:
                    buf = buffers[i]
                    buf.append(row[order[i]])
                    if len(buf) >= SCREEN_CHUNK:
                        _screen_chunk(i, buf, found)
                count += 1
                if not ragged and not n_type_errors:
                    writer.writerow(typed)
        for i in screened:
            _screen_chunk(i, buffers[i], found)
        problems = []
        if ragged:
            listed = "、".join(map(str, ragged[:MAX_LISTED])) + (
                f"等{len(ragged)}行" if len(ragged) > MAX_LISTED else "行"
            )
            problems.append(f"第{listed}的单元格数与表头（{width}列）不一致")
        problems += type_errors
        if n_type_errors > len(type_errors):
            problems.append(f"共有{n_type_errors}个单元格的值与字段类型不符")
        if problems:
            raise IngestError("ragged_rows" if ragged else "bad_value", problems)
        if not count:
            raise IngestError("no_rows", ["文件只有表头，没有数据行"])
        _write_parquet(Path(tmp_name), schema, out)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    findings = [
        {
            "column": schema[i]["name"],
            "label": schema[i]["label"],
            "kind": kind,
            "kind_label": BLOCKING_KINDS[kind],
            "count": n,
            "sample": sample,
        }
        for (i, kind), (n, sample) in sorted(found.items())
    ]
    return _Checked(count=count, findings=findings)


def _screen_chunk(index: int, buf: list[str], found: dict) -> None:
    if not buf:
        return
    text = "\n".join(buf)
    for finding in screening.screen(text):
        if finding.kind not in BLOCKING_KINDS:
            continue
        entry = found.setdefault((index, finding.kind), [0, finding.suggestion])
        entry[0] += 1
    buf.clear()


# --- writing ---------------------------------------------------------------------------------------


def column(i: int) -> str:
    """The engine's name of the i-th field: never a user's text inside SQL."""
    return f"c{i}"


def _write_parquet(csv_path: Path, schema: list[dict], out: Path) -> None:
    import duckdb

    columns = {column(i): DUCK_TYPES[f["type"]] for i, f in enumerate(schema)}
    spec = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
    tmp_out = out.with_suffix(".tmp")
    con = duckdb.connect()
    try:
        con.execute(
            f"COPY (SELECT * FROM read_csv(?, header=false, columns={{{spec}}}, quote='\"', escape='\"', "
            f"delim=',', nullstr='', timestampformat='%Y-%m-%dT%H:%M:%S', dateformat='%Y-%m-%d')) "
            f"TO '{tmp_out}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)",
            [str(csv_path)],
        )
    finally:
        con.close()
    os.replace(tmp_out, out)


def masked_copy(source: Path, schema: list[dict], column_index: int, out: Path) -> None:
    """A copy of a version's rows with one column's personal data masked (the reviewer's remedy)."""
    import duckdb

    def mask(value: str | None) -> str | None:
        if value is None:
            return None
        return screening.redact(value, [f for f in screening.screen(value) if f.kind in BLOCKING_KINDS])

    kind = schema[column_index]["type"]
    cols = []
    for i, _f in enumerate(schema):
        if i == column_index:
            cols.append(f"gk_mask(CAST({column(i)} AS VARCHAR)) AS {column(i)}")
        else:
            cols.append(column(i))
    if kind != "text":
        raise IngestError("bad_value", ["只能对文本字段做屏蔽处理；数值字段请删除该列后重新上传"])
    tmp_out = out.with_suffix(".tmp")
    con = duckdb.connect()
    try:
        con.create_function("gk_mask", mask, ["VARCHAR"], "VARCHAR", null_handling="special")
        con.execute(
            f"COPY (SELECT {', '.join(cols)} FROM read_parquet(?)) TO '{tmp_out}' (FORMAT parquet, COMPRESSION zstd)",
            [str(source)],
        )
    finally:
        con.close()
    os.replace(tmp_out, out)
