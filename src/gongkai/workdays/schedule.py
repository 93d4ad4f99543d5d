"""Reading a yearly holiday schedule (国务院办公厅关于某年部分节假日安排的通知) from a file.

Pure Python, no Django. Two formats, both with one entry per day:

YAML (``.yaml``/``.yml``)::

    year: 2027                 # required: the year the schedule is for
    note: 国办发明电〔2026〕N号  # optional: where the data comes from
    days:
      - {date: 2027-01-01, kind: holiday, name: 元旦}
      - {date: 2027-02-20, kind: workday, name: 春节}   # 调休上班 for 春节

CSV (``.csv``, UTF-8, header ``date,kind,name``); the year is declared on a comment line
``# year: 2027`` before the header (or passed by the caller); other ``#`` lines are comments::

    # year: 2027
    date,kind,name
    2027-01-01,holiday,元旦

``kind`` is ``holiday`` (放假, every day off including the weekend days inside a holiday run) or
``workday`` (调休上班, a Saturday or Sunday that becomes a working day; ``name`` is the festival it
makes up for). Everything is checked before anything is used; a problem raises ActionRefused naming
the line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from gongkai.common.errors import ActionRefused

KINDS = {
    "holiday": "holiday",
    "放假": "holiday",
    "workday": "workday",
    "调休上班": "workday",
    "上班": "workday",
}
_YEAR_COMMENT = re.compile(r"^#\s*year\s*[:=]\s*(\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ScheduleEntry:
    line: int
    date: date
    kind: str  # "holiday" | "workday"
    name: str


@dataclass(frozen=True)
class Schedule:
    year: int
    entries: list[ScheduleEntry]
    note: str = ""

    @property
    def holidays(self) -> list[ScheduleEntry]:
        return [e for e in self.entries if e.kind == "holiday"]

    @property
    def workdays(self) -> list[ScheduleEntry]:
        return [e for e in self.entries if e.kind == "workday"]


def parse_schedule(text: str, *, fmt: str, year: int | None = None) -> Schedule:
    """Parse and validate a schedule; `fmt` is "yaml" or "csv"."""
    if fmt == "yaml":
        declared, raw, note = _read_yaml(text)
    elif fmt == "csv":
        declared, raw, note = _read_csv(text)
    else:
        raise ActionRefused(f"不支持的文件格式：{fmt}（应为 YAML 或 CSV）")
    if declared is not None and year is not None and declared != year:
        raise ActionRefused(f"文件声明的年份 {declared} 与指定的年份 {year} 不一致")
    year = declared if declared is not None else year
    if year is None:
        raise ActionRefused("文件未声明年份（YAML 写 year: 2027，CSV 在表头前写 # year: 2027）")
    if not 2000 <= year <= 2100:
        raise ActionRefused(f"年份 {year} 不在 2000—2100 之间")
    entries = _validate(raw, year)
    return Schedule(year=year, entries=entries, note=note)


def _read_yaml(text: str) -> tuple[int | None, list[tuple[int, dict]], str]:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else ""
        raise ActionRefused(f"YAML 格式错误{where}：{getattr(exc, 'problem', None) or exc}") from None
    except ValueError as exc:  # e.g. 2027-13-01 fails in PyYAML's timestamp constructor
        raise ActionRefused(f"YAML 中有无法识别的日期：{exc}") from None
    if not isinstance(data, dict):
        raise ActionRefused("YAML 文件应为含 year 和 days 的映射")
    unknown = set(data) - {"year", "note", "days"}
    if unknown:
        raise ActionRefused(f"YAML 文件含未知的键：{'、'.join(sorted(map(str, unknown)))}")
    declared = data.get("year")
    if declared is not None and (not isinstance(declared, int) or isinstance(declared, bool)):
        raise ActionRefused(f"year 应为四位数年份，而不是“{declared}”")
    days = data.get("days")
    if not isinstance(days, list):
        raise ActionRefused("YAML 文件缺少 days 列表")
    days_node = next(v for k, v in root.value if k.value == "days")
    rows = []
    for item, node in zip(days, days_node.value, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            raise ActionRefused(f"第{line}行：每一项应写成 {{date: …, kind: …, name: …}}")
        rows.append((line, item))
    return declared, rows, str(data.get("note") or "")


def _read_csv(text: str) -> tuple[int | None, list[tuple[int, dict]], str]:
    declared = None
    body: list[tuple[int, str]] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            match = _YEAR_COMMENT.match(stripped)
            if match:
                declared = int(match.group(1))
            continue
        body.append((number, line))
    if not body:
        raise ActionRefused("CSV 文件没有表头和数据")
    header_line, header = body[0]
    columns = [c.strip().lower() for c in next(csv.reader([header]))]
    if columns != ["date", "kind", "name"]:
        raise ActionRefused(f"第{header_line}行：表头应为 date,kind,name，实际为 {header.strip()}")
    rows = []
    for number, line in body[1:]:
        cells = next(csv.reader(io.StringIO(line)))
        if len(cells) != 3:
            raise ActionRefused(f"第{number}行：应有3列（date,kind,name），实际为{len(cells)}列")
        rows.append((number, dict(zip(columns, (c.strip() for c in cells), strict=True))))
    return declared, rows, ""


def _validate(rows: list[tuple[int, dict]], year: int) -> list[ScheduleEntry]:
    if not rows:
        raise ActionRefused("文件未列出任何日期")
    entries: list[ScheduleEntry] = []
    seen: dict[date, int] = {}
    for line, item in rows:
        unknown = set(item) - {"date", "kind", "name"}
        if unknown:
            raise ActionRefused(f"第{line}行：未知的字段 {'、'.join(sorted(map(str, unknown)))}")
        day = _parse_date(item.get("date"), line)
        if day.year != year:
            raise ActionRefused(f"第{line}行：日期 {day.isoformat()} 不在声明的 {year} 年内")
        kind = KINDS.get(str(item.get("kind") or "").strip().lower())
        if kind is None:
            raise ActionRefused(f"第{line}行：未知的类型“{item.get('kind')}”（应为 holiday 或 workday）")
        name = str(item.get("name") or "").strip()
        if not name:
            raise ActionRefused(f"第{line}行：缺少名称（节日名称）")
        if len(name) > 100:
            raise ActionRefused(f"第{line}行：名称过长")
        if kind == "workday" and day.weekday() < 5:
            raise ActionRefused(f"第{line}行：{day.isoformat()} 不是周末，不需要调休上班")
        if day in seen:
            raise ActionRefused(f"第{line}行：日期 {day.isoformat()} 与第{seen[day]}行重复")
        seen[day] = line
        entries.append(ScheduleEntry(line=line, date=day, kind=kind, name=name))
    return sorted(entries, key=lambda e: e.date)


def _parse_date(value: object, line: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ActionRefused(f"第{line}行：无法识别的日期“{value}”（应为 YYYY-MM-DD）") from None
