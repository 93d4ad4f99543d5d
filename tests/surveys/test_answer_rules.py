"""What a respondent may send: required questions, options of the question only, one option on a
single-choice question, ratings 1–5, text within its limit and without markup. Every error shows
beside its question, all at once; what was typed stays; nothing is saved."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.surveys.answers import TEXT_MAX, check_answers
from gongkai.surveys.models import Response

from .conftest import fields, questions
from .portal_helpers import form_key, submit

pytestmark = pytest.mark.django_db


def _tamper(survey, kind: str, values: list[str]) -> dict:
    data = fields(survey)
    data[questions(survey)[kind].field_name] = values
    return data


def _other_option(survey) -> str:
    """An option of another question of the same survey: a real option pk, just not of this one."""
    return str(questions(survey)["multiple"].options.first().pk)


CASES = [
    # (case, kind, values (callable of the survey), error)
    ("required single missing", "single", lambda s: [], "本题为必答题，请作答"),
    ("required rating missing", "rating", lambda s: [], "本题为必答题，请作答"),
    (
        "option of another question",
        "single",
        lambda s: [_other_option(s)],
        "所选选项不在本题的选项中，请重新选择",
    ),
    ("option that does not exist", "multiple", lambda s: ["999999"], "所选选项不在本题的选项中，请重新选择"),
    ("not a number", "single", lambda s: ["abc"], "所选选项不在本题的选项中，请重新选择"),
    (
        "two options on a single choice",
        "single",
        lambda s: [str(o.pk) for o in questions(s)["single"].options.all()[:2]],
        "本题为单选题，只能选择一项",
    ),
    ("rating 0", "rating", lambda s: ["0"], "评分应为1至5分之间的整数"),
    ("rating 6", "rating", lambda s: ["6"], "评分应为1至5分之间的整数"),
    ("rating 3.5", "rating", lambda s: ["3.5"], "评分应为1至5分之间的整数"),
    ("two ratings", "rating", lambda s: ["3", "4"], "评分题只能选择一个分值"),
    (
        "text too long",
        "text",
        lambda s: ["好" * (TEXT_MAX + 1)],
        f"回答不能超过{TEXT_MAX}字（现有{TEXT_MAX + 1}字）",
    ),
    ("script", "text", lambda s: ["<script>alert(1)</script>"], "回答中不能包含网页代码或脚本"),
    ("image tag", "text", lambda s: ['<img src=x onerror="alert(1)">'], "回答中不能包含网页代码或脚本"),
]


@pytest.mark.parametrize(("case", "kind", "values", "error"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_answer_is_refused_beside_its_question(phone_survey, case, kind, values, error):
    q = questions(phone_survey)
    checked = check_answers(q.values(), _tamper(phone_survey, kind, values(phone_survey)))
    assert list(checked.errors) == [q[kind].field_name]
    assert checked.errors[q[kind].field_name].startswith(error)


ACCEPTED = [
    ("optional text left empty", "text", []),
    ("text with a less-than sign", "text", ["希望办理时间<5天，a < b"]),
    ("text at the limit", "text", ["好" * TEXT_MAX]),
    ("rating 1", "rating", ["1"]),
    ("rating 5", "rating", ["5"]),
    ("several options on a multiple choice", "multiple", None),
]


@pytest.mark.parametrize(("case", "kind", "values"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_good_answers_pass(phone_survey, case, kind, values):
    q = questions(phone_survey)
    if values is None:
        values = [str(o.pk) for o in q["multiple"].options.all()]
    checked = check_answers(q.values(), _tamper(phone_survey, kind, values))
    assert checked.ok, checked.errors


def test_the_portal_shows_every_error_at_once_keeps_what_was_typed_and_saves_nothing(browser_survey):
    client = Client()
    q = questions(browser_survey)
    data = fields(browser_survey, single=None, rating="9", text="<script>alert(1)</script>我的建议")
    response = submit(client, browser_survey, data, key=form_key(client, browser_survey))
    page = response.content.decode()
    assert response.status_code == 200
    assert "有3道题需要修改" in page
    assert f'id="{q["single"].field_name}-error">本题为必答题，请作答' in page
    assert f'id="{q["rating"].field_name}-error">评分应为1至5分之间的整数' in page
    assert f'id="{q["text"].field_name}-error">回答中不能包含网页代码或脚本' in page
    # What was typed is still there (escaped), the multiple-choice ticks too.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;我的建议</textarea>" in page
    assert "<script>alert(1)" not in page
    for option in list(q["multiple"].options.all())[:1]:
        assert f'value="{option.pk}" checked' in page
    assert Response.objects.count() == 0
