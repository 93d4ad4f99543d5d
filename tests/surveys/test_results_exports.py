"""The results after closing: per-option totals and percentages with server-drawn SVG charts,
rating averages and the approved free text on the portal; CSV and XLSX exports whose numbers equal
the records, with spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.test import Client
from openpyxl import load_workbook

from gongkai.surveys import actions
from gongkai.surveys.exports import safe_cell
from gongkai.surveys.models import Answer, Response, Review

from .conftest import answer_directly, questions

pytestmark = pytest.mark.django_db

# (single option index, multiple option indexes, rating, text)
SHEETS = [
    (0, (0, 1), "5", "窗口服务很好。"),
    (0, (1,), "4", '=HYPERLINK("http://example.com","点击")'),
    (1, (0, 1, 2), "3", ""),
    (2, (3,), "5", "请公开联系人李四的电话13987654321。"),
    (0, (), "2", "-2+3"),
]


@pytest.fixture
def published(phone_survey, li_ming, wang_fang):
    for i, (single, multiple, rating, text) in enumerate(SHEETS):
        answer_directly(
            phone_survey, f"voter-{i}", f"key-{i}", single=single, multiple=multiple, rating=rating, text=text
        )
    actions.close_survey(li_ming, phone_survey)
    for answer in Answer.objects.filter(review=Review.PENDING).order_by("pk"):
        actions.review_answer(li_ming, answer, approve="HYPERLINK" not in answer.text)
    return actions.publish_results(wang_fang, phone_survey)


def test_the_public_results_page(published):
    q = questions(published)
    page = Client().get(f"/surveys/{published.pk}/results/").content.decode()
    assert '共收到答卷 <strong id="response-total">5</strong> 份' in page
    assert page.count('<svg class="chart"') == 3  # single, multiple, rating
    # 预算 chosen by 3 of 5; 网站 by 2 of the 4 who answered the multiple choice.
    assert '<th scope="row">预算</th><td>3</td><td>60.0%</td>' in page
    assert '<th scope="row">网站</th><td>2</td><td>50.0%</td>' in page
    assert "平均分 <strong>3.8</strong>" in page
    assert "窗口服务很好。" in page and "-2+3" in page
    assert "HYPERLINK" not in page  # hidden by the reviewer
    assert "13987654321" not in page and "李四" not in page  # masked
    assert q["text"].text in page


def test_results_are_not_public_before_publication(phone_survey, li_ming):
    answer_directly(phone_survey, "v", "k")
    assert Client().get(f"/surveys/{phone_survey.pk}/results/").status_code == 404
    actions.close_survey(li_ming, phone_survey)
    assert Client().get(f"/surveys/{phone_survey.pk}/results/").status_code == 404


def _csv(client, survey) -> list[list[str]]:
    response = client.get(f"/workbench/surveys/{survey.pk}/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_equals_the_records(published, li_ming):
    client = Client()
    client.force_login(li_ming)
    rows = _csv(client, published)
    header, body = rows[0], rows[1:]
    assert len(body) == Response.objects.filter(survey=published).count() == len(SHEETS)
    q = questions(published)
    single_col = header.index(f"1. {q['single'].text}")
    multiple_col = header.index(f"2. {q['multiple'].text}")
    tally = Counter(row[single_col] for row in body)
    for option in q["single"].options.all():
        assert tally[option.label] == Answer.objects.filter(option=option).count()
    multi = Counter(label for row in body for label in row[multiple_col].split("；") if label)
    for option in q["multiple"].options.all():
        assert multi[option.label] == Answer.objects.filter(option=option).count()
    texts = [row[-1] for row in body]
    assert '\'=HYPERLINK("http://example.com","点击")' in texts and "'-2+3" in texts
    assert "13987654321" not in "".join(texts)


def test_the_xlsx_has_the_totals_and_every_response(published, li_ming):
    client = Client()
    client.force_login(li_ming)
    response = client.get(f"/workbench/surveys/{published.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["汇总", "答卷"]
    totals = {(row[0], row[2]): row[3] for row in book["汇总"].iter_rows(min_row=3, values_only=True)}
    q = questions(published)
    for option in q["single"].options.all():
        assert totals[(q["single"].text, option.label)] == Answer.objects.filter(option=option).count()
    assert totals[(q["rating"].text, "平均分")] == 3.8
    assert totals[("答卷总数", None)] == 5  # an empty cell reads as None
    assert book["答卷"].max_row == 1 + len(SHEETS)


CELLS = [
    ("=1+1", "'=1+1"),
    ("+86", "'+86"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("普通文字", "普通文字"),
    (5, 5),
    ("", ""),
]


@pytest.mark.parametrize(("value", "expected"), CELLS)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
