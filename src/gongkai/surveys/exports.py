"""A survey's responses as CSV (UTF-8 with BOM, so that Excel opens Chinese right) and XLSX (a
汇总 sheet of per-option totals and an 答卷 sheet of every response), for staff.

One row per response; a multiple-choice answer lists its options joined by "；". Free-text answers
are exported in their masked form (the export leaves the workbench; what the respondent typed is
seen on the review page). Every cell a spreadsheet could read as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from django.utils import timezone

from .models import Answer, QuestionKind, Response, Survey
from .queries import Results, questions_of

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float:
    """A cell as a spreadsheet should show it: text starting like a formula gets a leading '."""
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def response_rows(survey: Survey) -> list[list]:
    questions = questions_of(survey)
    header = ["答卷编号", "提交时间", *(f"{i}. {q.text}" for i, q in enumerate(questions, 1))]
    cells: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for response_id, question_id, label, rating, text in (
        Answer.objects.filter(question__survey=survey)
        .order_by("response_id", "option__order", "pk")
        .values_list("response_id", "question_id", "option__label", "rating", "text_public")
    ):
        cells[response_id][question_id].append(
            label if label is not None else rating if rating is not None else text
        )
    rows = [header]
    for pk, submitted_at in (
        Response.objects.filter(survey=survey).order_by("pk").values_list("pk", "submitted_at")
    ):
        row = [pk, timezone.localtime(submitted_at).strftime("%Y-%m-%d %H:%M:%S")]
        for q in questions:
            values = cells[pk].get(q.pk, [])
            if q.kind == QuestionKind.RATING and values:
                row.append(values[0])
            else:
                row.append("；".join(str(v) for v in values))
        rows.append(row)
    return rows


def summary_rows(results: Results) -> list[list]:
    rows = [["题目", "题型", "选项或分值", "人次", "占本题作答人数比例（%）"]]
    for r in results.questions:
        kind = r.question.get_kind_display()
        if r.options:
            rows.extend([r.question.text, kind, o.label, o.count, o.percent] for o in r.options)
            if r.average is not None:
                rows.append([r.question.text, kind, "平均分", r.average, ""])
        else:
            rows.append([r.question.text, kind, "作答人数", r.answered, ""])
    rows.append(["答卷总数", "", "", results.responses, ""])
    return rows


def survey_csv(survey: Survey) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in response_rows(survey):
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def survey_xlsx(survey: Survey, results: Results) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append([survey.title])
    for row in summary_rows(results):
        sheet.append([safe_cell(v) for v in row])
    answers = book.create_sheet("答卷")
    for row in response_rows(survey):
        answers.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
