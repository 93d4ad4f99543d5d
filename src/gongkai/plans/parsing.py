"""Read the tasks out of the text of a 政务公开工作要点 (no Django: plain functions on strings).

A 工作要点 is written in numbered levels: chapter headings 一、二、 (sections), then items （一）（二）
and 1. 2. Each numbered item is one task; an item （一） followed by its own 1. 2. items is a
sub-heading and its children are the tasks. The responsible agency is written in parentheses at the
end of an item — （牵头单位：县财政局；配合单位：县住建局；完成时限：2026年6月底前） — and deadlines
appear in the text as 2026年6月底前, 6月30日前, 上半年, 年底前, 第三季度.

`parse_plan(text, year=)` returns a `ParsedPlan`; a text without any numbered item raises
`NoItems` (a ValueError whose message is Chinese, for the clerk). `match_agency(name, agencies)`
finds an agency by its full or short name.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

CN_DIGITS = "零一二三四五六七八九十"
_CN = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.]\s*(.+)$")
PAREN_ITEM_RE = re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*(.*)$")
# "1." "2、" "3．" but not "1.5亿元" or "2026年".
DIGIT_ITEM_RE = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(.+)$")
CLOSING_DATE_RE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
CLAUSE_PUNCT_RE = re.compile(r"[。；;，,：:）)！？]")
# The parenthesised attribute block, usually at the end of an item.
ATTR_BLOCK_RE = re.compile(r"[（(]([^（()）]*?(?:单位|部门|时限|时间|责任人|标准)\s*[:：][^（()）]*)[）)]")
AGENCY_KEYS = ("牵头单位", "责任单位", "牵头部门", "责任部门", "主办单位", "负责单位", "承办单位")
PARTNER_KEYS = ("配合单位", "协办单位", "参与单位", "配合部门")
DEADLINE_KEYS = ("完成时限", "完成时间", "时限")
PERSON_KEYS = ("责任人",)
CRITERION_KEYS = ("完成标准", "验收标准", "完成标志")
NAME_SPLIT_RE = re.compile(r"[、，,；;／/\s]+|(?:及|和)(?=[县市区省镇乡])")

# Deadlines, most specific first. Each yields (year or None, month, day or None=end of month).
_Y = r"(?:(\d{4})\s*年\s*)?"
DEADLINE_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(_Y + r"(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:前|之前|以前)"), "day"),
    (re.compile(_Y + r"(\d{1,2})\s*月(?:底|末)(?:前|之前)?"), "month_end"),
    (re.compile(_Y + r"(\d{1,2})\s*月(?:份)?(?:前|之前)"), "month_start"),
    (re.compile(_Y + r"第?\s*([一二三四1-4])\s*季度(?:末|底)?(?:前)?"), "quarter"),
    (re.compile(_Y + r"上半年"), "half"),
    (re.compile(_Y + r"(?:年底|年末|年内|全年|底前)"), "year_end"),
]


class NoItems(ValueError):
    """The text has no numbered item a task could be read from."""


@dataclass
class ParsedTask:
    section: str  # the chapter heading (and sub-heading) the item belongs to
    number: str  # as written: "（三）", "2."
    content: str  # the item's text without the attribute parentheses
    agency_names: list[str] = field(default_factory=list)  # the lead first
    partner_names: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str = ""
    person: str = ""
    criterion: str = ""


@dataclass
class ParsedPlan:
    title: str
    sections: list[str]
    tasks: list[ParsedTask]


def cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if "十" not in text:
        return CN_DIGITS.index(text)
    tens, _, units = text.partition("十")
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(units) if units else 0)


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, year: int) -> tuple[date | None, str]:
    """The first deadline written in `text` and the words that said it; (None, "") if none.

    `year` is the plan's year, used where the text gives a month without one."""
    for pattern, kind in DEADLINE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        y = int(m.group(1)) if m.group(1) else year
        try:
            if kind == "day":
                found = date(y, int(m.group(2)), int(m.group(3)))
            elif kind == "month_end":
                found = _end_of_month(y, int(m.group(2)))
            elif kind == "month_start":  # "6月前": before June, i.e. by the end of May
                month = int(m.group(2))
                found = _end_of_month(y, month - 1) if month > 1 else date(y - 1, 12, 31)
            elif kind == "quarter":
                q = m.group(2)
                q = int(q) if q.isdigit() else cn_number(q)
                found = _end_of_month(y, q * 3)
            elif kind == "half":
                found = date(y, 6, 30)
            else:
                found = date(y, 12, 31)
        except ValueError:  # 2月30日: not a date; look for another
            continue
        return found, m.group(0).strip()
    return None, ""


def _names(value: str) -> list[str]:
    out = []
    for part in NAME_SPLIT_RE.split(value):
        part = part.strip().removesuffix("牵头").removesuffix("负责").removesuffix("等").strip("。.")
        if part and part not in out:
            out.append(part)
    return out


def _attributes(content: str, task: ParsedTask) -> str:
    """Move the attribute parentheses of `content` into `task`; the content without them."""

    def take(m: re.Match) -> str:
        for part in re.split(r"[；;]", m.group(1)):
            key, _, value = part.replace("：", ":").partition(":")
            key, value = key.strip(), value.strip()
            if not value:
                continue
            if key in AGENCY_KEYS:
                task.agency_names += [n for n in _names(value) if n not in task.agency_names]
            elif key in PARTNER_KEYS:
                task.partner_names += [n for n in _names(value) if n not in task.partner_names]
            elif key in DEADLINE_KEYS:
                task.deadline_text = value
            elif key in PERSON_KEYS:
                task.person = value
            elif key in CRITERION_KEYS:
                task.criterion = value
        return ""

    return ATTR_BLOCK_RE.sub(take, content).strip()


@dataclass
class _Item:
    section: str
    number: str
    level: int  # 1: （一）, 2: 1.
    lines: list[str]


def _is_closing(line: str) -> bool:
    """A date line, or a short line without punctuation (an office's name under the text)."""
    return bool(CLOSING_DATE_RE.fullmatch(line)) or (len(line) <= 25 and not CLAUSE_PUNCT_RE.search(line))


def _items(lines: Iterable[str]) -> tuple[str, list[str], list[_Item]]:
    title, sections, items = "", [], []
    section = ""
    current: _Item | None = None
    for raw in lines:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if m := SECTION_RE.match(line):
            section = m.group(2).strip().rstrip("。")
            sections.append(section)
            current = None
        elif m := PAREN_ITEM_RE.match(line):
            current = _Item(section, f"（{m.group(1)}）", 1, [m.group(2)])
            items.append(current)
        elif m := DIGIT_ITEM_RE.match(line):
            current = _Item(section, f"{m.group(1)}.", 2, [m.group(2)])
            items.append(current)
        elif not title and not sections and not items:
            title = line
        elif _is_closing(line):
            current = None  # the 落款 (issuing office, date) after the last item
        elif current is not None:
            current.lines.append(line)  # a paragraph of the item that Word broke off
    return title, sections, items


def _heading_of(text: str) -> str:
    """A sub-heading as a section label: its first sentence, without the full stop."""
    return re.split(r"[。；;]", text, maxsplit=1)[0].strip()


def parse_plan(text: str, *, year: int) -> ParsedPlan:
    """The tasks of a 工作要点's text, in order."""
    title, sections, items = _items(text.splitlines())
    tasks: list[ParsedTask] = []
    subheading = ""
    for i, item in enumerate(items):
        following = items[i + 1] if i + 1 < len(items) else None
        body = "".join(item.lines).strip()
        if item.level == 1:
            has_children = (
                following is not None and following.level == 2 and following.section == item.section
            )
            if has_children:
                subheading = _heading_of(body)
                continue
            subheading = ""
        section = f"{item.section} · {subheading}" if item.level == 2 and subheading else item.section
        task = ParsedTask(section=section, number=item.number, content="")
        task.content = _attributes(body, task)
        task.deadline, found = parse_deadline(task.deadline_text or task.content, year)
        task.deadline_text = task.deadline_text or found
        if task.content:
            tasks.append(task)
    if not tasks:
        raise NoItems(
            "文件中没有找到编号的工作任务。请确认工作要点按“一、”“（一）”或“1.”编号逐条列出任务后再导入，"
            "或在工作台中逐条录入。"
        )
    return ParsedPlan(title=title, sections=sections, tasks=tasks)


def match_agency(name: str, agencies: Iterable[tuple[int, str, str]]) -> int | None:
    """The id of the one agency (id, full name, short name) that `name` names, or None.

    Exact full or short name first; then a full name ending with `name` (县财政局 → 示范县财政局) or
    `name` without its leading 县/市/区 (财政局 → 县财政局). Two candidates: None (the clerk chooses)."""
    name = name.strip()
    if not name:
        return None
    agencies = list(agencies)
    exact = [pk for pk, full, short in agencies if name in (full, short)]
    if len(exact) == 1:
        return exact[0]
    if len(name) < 3:
        return None
    bare = name[1:] if name[0] in "县市区省" else name
    near = {
        pk
        for pk, full, short in agencies
        if full.endswith(name) or (len(bare) >= 3 and (full.endswith(bare) or short.endswith(bare)))
    }
    return near.pop() if len(near) == 1 else None
