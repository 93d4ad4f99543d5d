"""Reading a CSV of case progress (办件进度) into rows for `actions.import_case_progress`.

Pure parsing: encoding detected (GBK files from approval systems are common), headers matched by
their Chinese names, each row's date checked. Any problem refuses the whole file with the line.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from gongkai.common.errors import ActionRefused

COLUMNS = {
    "办件编号": "number",
    "事项名称": "service_name",
    "手机号": "phone",
    "手机号后四位": "phone",
    "环节": "step",
    "状态": "status",
    "办理时间": "happened_at",
    "说明": "note",
    "受理日期": "received_on",
}
REQUIRED = ("number", "service_name", "phone", "step", "status", "happened_at")
MAX_ROWS = 20_000
LABELS = {v: k for k, v in COLUMNS.items() if k != "手机号后四位"}


def _parse_time(text: str) -> datetime | None:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def read_cases(data: bytes) -> list[dict]:
    from gongkai.ingest.readers import UnreadableFile, decode_text

    try:
        text, _, _ = decode_text(data)
    except UnreadableFile as exc:
        raise ActionRefused(str(exc), field="file") from None
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    fields = [COLUMNS.get(h) for h in header]
    missing = [LABELS[f] for f in REQUIRED if f not in fields]
    if missing:
        raise ActionRefused(f"文件缺少以下列：{'、'.join(missing)}（第1行应为列名）", field="file")
    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise ActionRefused(
                f"第{line}行有{len(values)}列，列名行有{len(header)}列，整个文件未导入", field="file"
            )
        if len(rows) >= MAX_ROWS:
            raise ActionRefused(f"一次最多导入{MAX_ROWS}行", field="file")
        row: dict = {"line": line}
        for name, value in zip(fields, values, strict=True):
            if name:
                row[name] = value.strip()
        happened = _parse_time(row["happened_at"])
        if happened is None:
            raise ActionRefused(
                f"第{line}行：办理时间“{row['happened_at']}”无法识别（应如 2026-05-08 14:30）", field="file"
            )
        row["happened_at"] = happened
        received = row.get("received_on", "")
        parsed = _parse_time(received) if received else None
        if received and parsed is None:
            raise ActionRefused(f"第{line}行：受理日期“{received}”无法识别", field="file")
        row["received_on"] = parsed.date() if parsed else None
        rows.append(row)
    if not rows:
        raise ActionRefused("文件中没有办件记录", field="file")
    return rows
