"""Who sees what: staff see the surveys of their agency (a supervisor: its subtree); 陈静 of the
neighbouring county gets 404 on every staff page of a 县财政局 survey. Key list pages keep their
query counts whatever the number of surveys."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.surveys import actions
from gongkai.surveys.models import Answer, Review

from .conftest import answer_directly, build_survey

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff_urls(survey) -> list[str]:
    question = survey.questions.first()
    base = f"/workbench/surveys/{survey.pk}"
    return [
        f"{base}/",
        f"{base}/edit/",
        f"{base}/questions/new/",
        f"{base}/questions/{question.pk}/edit/",
        f"{base}/review/",
        f"{base}/export.csv",
        f"{base}/export.xlsx",
        f"{base}/act/close/",
    ]


def test_the_outsider_sees_nothing(phone_survey, chen_jing, li_ming, zhao_qiang, liu_yang):
    answer_directly(phone_survey, "v", "k")
    outsider = _client(chen_jing)
    for url in _staff_urls(phone_survey):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(f"/workbench/surveys/{phone_survey.pk}/act/close/").status_code == 404
    assert phone_survey.title not in outsider.get("/workbench/surveys/").content.decode()
    for person in (li_ming, zhao_qiang):  # its agency; the county's supervisor
        client = _client(person)
        assert phone_survey.title in client.get("/workbench/surveys/").content.decode()
        assert all(client.get(url).status_code == 200 for url in _staff_urls(phone_survey))
    # 刘洋 of 县住建局 manages surveys too, of his own agency only.
    assert _client(liu_yang).get(f"/workbench/surveys/{phone_survey.pk}/").status_code == 404


def test_a_survey_cannot_be_made_for_an_agency_out_of_sight(county, chen_jing, li_ming):
    from gongkai.common.errors import ActionRefused

    with pytest.raises(ActionRefused, match="该机关不在您的工作范围内"):
        build_survey(chen_jing, county.finance)
    page = _client(li_ming).get("/workbench/surveys/new/").content.decode()
    assert county.finance.name in page and county.housing.name not in page


def _many(county, li_ming, n: int) -> None:
    for i in range(n):
        survey = build_survey(li_ming, county.finance, title=f"调查{i}")
        actions.open_survey(li_ming, survey)
        answer_directly(survey, f"v{i}", f"k{i}", text=f"建议{i}")


@pytest.mark.parametrize("n", [1, 6])
def test_list_query_counts(county, li_ming, wang_fang, django_assert_max_num_queries, n):
    _many(county, li_ming, n)
    staff = _client(li_ming)
    staff.get("/workbench/surveys/")  # warm the session and site caches
    with django_assert_max_num_queries(12):
        assert staff.get("/workbench/surveys/").status_code == 200
    public = Client()
    with django_assert_max_num_queries(6):
        assert public.get("/surveys/").status_code == 200


def test_results_query_count_does_not_grow_with_questions_or_answers(
    phone_survey, li_ming, wang_fang, django_assert_max_num_queries
):
    for i in range(20):
        answer_directly(phone_survey, f"v{i}", f"k{i}", text=f"建议{i}")
    actions.close_survey(li_ming, phone_survey)
    for answer in Answer.objects.filter(review=Review.PENDING):
        actions.review_answer(li_ming, answer, approve=True)
    actions.publish_results(wang_fang, phone_survey)
    with django_assert_max_num_queries(12):
        assert Client().get(f"/surveys/{phone_survey.pk}/results/").status_code == 200
    staff = _client(li_ming)
    staff.get(f"/workbench/surveys/{phone_survey.pk}/")
    with django_assert_max_num_queries(20):
        assert staff.get(f"/workbench/surveys/{phone_survey.pk}/").status_code == 200
