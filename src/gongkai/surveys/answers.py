"""Checking what a respondent sent against the survey's questions: one rule set, used by the form
(every error at once, beside its question) and by the action (which refuses on any).

`check_answers(questions, data)` takes the questions (options prefetched) and the posted values as
`{field_name: [values]}` (a `QueryDict`'s lists, so that a tampered form sending two values to a
single-choice question is seen), and returns the clean answers and the errors per field name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gongkai.common.identifiers import clean_text

from .models import RATING_MAX, RATING_MIN, Question, QuestionKind

TEXT_MAX = 1000
# Markup in a plain-text answer: "<script", "</b", "<img", "<!--"; "<5人" or "a < b" are text.
_MARKUP = re.compile(r"</?[a-zA-Z!]")


@dataclass
class Checked:
    """Clean answers per question pk: a list of option pks, an int rating, or a text ("" = none)."""

    answers: dict[int, list[int] | int | str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    typed: dict[str, list[str]] = field(default_factory=dict)  # what was sent, to show again

    @property
    def ok(self) -> bool:
        return not self.errors


def check_answers(questions: Iterable[Question], data: Mapping[str, list[str]]) -> Checked:
    out = Checked()
    for q in questions:
        name = q.field_name
        values = [v.strip() if isinstance(v, str) else "" for v in data.get(name, [])]
        values = [v for v in values if v]
        out.typed[name] = values
        error, value = _check_one(q, values)
        if error:
            out.errors[name] = error
        elif value not in (None, [], ""):
            out.answers[q.pk] = value
    return out


def _check_one(q: Question, values: list[str]) -> tuple[str | None, object]:
    if not values:
        return ("本题为必答题，请作答" if q.required else None), None
    if q.kind == QuestionKind.TEXT:
        text = clean_text("\n".join(values)).strip()
        if len(text) > TEXT_MAX:
            return f"回答不能超过{TEXT_MAX}字（现有{len(text)}字）", None
        if _MARKUP.search(text):
            return "回答中不能包含网页代码或脚本（如“<script>”），请只填写文字", None
        if not text and q.required:
            return "本题为必答题，请作答", None
        return None, text
    if q.kind == QuestionKind.RATING:
        if len(values) > 1:
            return "评分题只能选择一个分值", None
        try:
            rating = int(values[0])
        except ValueError:
            rating = None
        if rating is None or not RATING_MIN <= rating <= RATING_MAX:
            return f"评分应为{RATING_MIN}至{RATING_MAX}分之间的整数", None
        return None, rating
    allowed = {str(o.pk): o.pk for o in q.options.all()}
    if any(v not in allowed for v in values):
        return "所选选项不在本题的选项中，请重新选择", None
    chosen = list(dict.fromkeys(allowed[v] for v in values))
    if q.kind == QuestionKind.SINGLE and len(chosen) > 1:
        return "本题为单选题，只能选择一项", None
    return None, chosen
