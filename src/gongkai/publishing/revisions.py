"""A readable difference between two saved versions of a document (difflib, line by line)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from .bodies import html_to_text

# The order and Chinese names of the fields shown in a diff.
FIELD_LABELS = {
    "title": "信息名称",
    "doc_number": "文号",
    "summary": "内容概述",
    "made_on": "生成日期",
    "written_on": "成文日期",
    "publishers": "发布机构",
    "subject": "主题分类",
    "genre": "文种",
    "keywords": "主题词",
    "validity": "有效性",
    "validity_changed_on": "有效性变更日期",
    "disclosure": "公开属性",
    "withheld_category": "不主动公开的理由类别",
    "withheld_reason": "不主动公开的理由说明",
    "column": "栏目",
    "topics": "专题",
    "is_normative": "行政规范性文件",
    "is_regulation": "规章",
    "attachment_names": "附件说明",
}


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "remove", "same", "hunk"
    text: str


def as_lines(data: Mapping) -> list[str]:
    lines = []
    for name, label in FIELD_LABELS.items():
        value = data.get(name)
        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        if value in (None, ""):
            value = "—"
        lines.append(f"【{label}】{value}")
    lines.append("【正文】")
    lines.extend(html_to_text(data.get("body", "")).split("\n"))
    return lines


def diff(old: Mapping, new: Mapping, *, context: int = 2) -> list[DiffLine]:
    out = []
    for line in difflib.unified_diff(as_lines(old), as_lines(new), lineterm="", n=context):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            out.append(DiffLine("hunk", "……"))
        elif line.startswith("+"):
            out.append(DiffLine("add", line[1:]))
        elif line.startswith("-"):
            out.append(DiffLine("remove", line[1:]))
        else:
            out.append(DiffLine("same", line[1:]))
    return out
