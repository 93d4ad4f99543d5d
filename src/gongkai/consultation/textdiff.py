"""The changes between a consultation's draft and the text finally adopted, paragraph by paragraph.

Pure: difflib and rjieba, no Django. Both texts come as lists of paragraphs (`drafts.split_draft`).
Adopted texts renumber their articles whenever one is added or removed (第三条 becomes 第四条), so
paragraphs are aligned on their content without the 第X条 label: `SequenceMatcher` over the
paragraphs finds the unchanged runs; inside a run that differs, a draft paragraph is paired with the
next final paragraph that is similar enough (or carries the same 条 number and is at least a little
similar) and shown as changed, with its in-line changes word by word (rjieba's precise cut, which
keeps every character); what stays unpaired is removed or added. Each row keeps both 条 labels, so
the report can say "第三条（修改后为第四条）".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

import rjieba

ARTICLE = re.compile(r"^\s*(第[零〇一二三四五六七八九十百千万0-9０-９]+条)[\s\u3000]*")
PAIR_RATIO = 0.5  # content similarity that makes two paragraphs one changed paragraph
SAME_NUMBER_RATIO = 0.2  # enough when both carry the same 条 number


class Kind:
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


KIND_LABELS = {Kind.SAME: "未修改", Kind.CHANGED: "修改", Kind.ADDED: "新增", Kind.REMOVED: "删除"}


@dataclass(frozen=True)
class Piece:
    op: str  # "equal", "insert", "delete"
    text: str


@dataclass(frozen=True)
class Row:
    kind: str
    draft: str = ""
    final: str = ""
    draft_label: str = ""  # 第三条 (empty for a paragraph that is not an article)
    final_label: str = ""
    pieces: tuple[Piece, ...] = ()  # the in-line changes of a changed paragraph

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def label(self) -> str:
        """How the report names the paragraph: 第三条, 第三条（修改后为第四条）, 新增第五条."""
        if self.kind == Kind.ADDED:
            return f"新增{self.final_label}" if self.final_label else "新增段落"
        if self.draft_label and self.final_label and self.draft_label != self.final_label:
            return f"{self.draft_label}（修改后为{self.final_label}）"
        return self.draft_label or self.final_label


def article_label(paragraph: str) -> str:
    match = ARTICLE.match(paragraph)
    return match.group(1) if match else ""


def _content(paragraph: str) -> str:
    return re.sub(r"\s+", "", ARTICLE.sub("", paragraph, count=1))


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def inline(draft: str, final: str) -> tuple[Piece, ...]:
    """Word-level changes turning `draft` into `final` (adjacent pieces of one kind merged)."""
    a, b = rjieba.cut(draft), rjieba.cut(final)
    pieces: list[Piece] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return tuple(pieces)


def _row(kind: str, draft: str = "", final: str = "") -> Row:
    return Row(
        kind,
        draft,
        final,
        article_label(draft),
        article_label(final),
        inline(draft, final) if kind == Kind.CHANGED else (),
    )


def _pair_block(draft: list[str], final: list[str]) -> list[Row]:
    """A run where the two texts differ: pair what is similar, in order; the rest is removed/added."""
    rows: list[Row] = []
    j = 0
    for d in draft:
        match = None
        for k in range(j, len(final)):
            ratio = _ratio(_content(d), _content(final[k]))
            same_number = article_label(d) and article_label(d) == article_label(final[k])
            if ratio >= PAIR_RATIO or (same_number and ratio >= SAME_NUMBER_RATIO):
                match = k
                break
        if match is None:
            rows.append(_row(Kind.REMOVED, d))
            continue
        rows.extend(_row(Kind.ADDED, final=f) for f in final[j:match])
        same = _content(d) == _content(final[match])
        rows.append(_row(Kind.SAME if same else Kind.CHANGED, d, final[match]))
        j = match + 1
    rows.extend(_row(Kind.ADDED, final=f) for f in final[j:])
    return rows


def diff_paragraphs(draft: list[str], final: list[str]) -> list[Row]:
    """Every paragraph of either text once, in reading order, with what happened to it."""
    draft = [p.strip() for p in draft if p.strip()]
    final = [p.strip() for p in final if p.strip()]
    matcher = SequenceMatcher(
        None, [_content(p) for p in draft], [_content(p) for p in final], autojunk=False
    )
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(_row(Kind.SAME, d, f) for d, f in zip(draft[i1:i2], final[j1:j2], strict=True))
        else:
            rows.extend(_pair_block(draft[i1:i2], final[j1:j2]))
    return rows


def counts(rows: list[Row]) -> dict[str, int]:
    """How many paragraphs were changed, added, removed and left alone."""
    found = Counter(row.kind for row in rows)
    return {kind: found.get(kind, 0) for kind in (Kind.CHANGED, Kind.ADDED, Kind.REMOVED, Kind.SAME)}


def as_lines(rows: list[Row]) -> list[str]:
    """The changes as plain lines (the .docx): unchanged paragraphs left out."""
    lines = []
    for row in rows:
        if row.kind == Kind.SAME:
            continue
        name = row.label or "段落"
        if row.kind == Kind.ADDED:
            lines.append(f"{name}：{row.final}")
        elif row.kind == Kind.REMOVED:
            lines.append(f"删除{name}：{row.draft}")
        else:
            lines.append(f"修改{name}：")
            lines.append(f"征求意见稿：{row.draft}")
            lines.append(f"修改后：{row.final}")
    return lines
