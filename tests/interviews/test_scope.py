"""Staff see the interviews of their agency subtree only: 陈静 of the neighbouring county gets 404
on every staff page of a 县财政局 interview, and cannot act on it."""

from __future__ import annotations

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.interviews import actions

from .conftest import make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_interview(county, li_ming):
    interview = make_interview(li_ming, county.finance, state="live")
    entry = actions.post_entry(li_ming, interview, body="欢迎收看。")
    question, _ = actions.submit_question(interview, body="问题", phone="13812345678", idempotency_key="k")
    return interview, entry, question


def _urls(interview, entry, question):
    base = f"/workbench/interviews/{interview.pk}"
    return [
        ("get", f"{base}/"),
        ("get", f"{base}/console/"),
        ("get", f"{base}/console/questions.json"),
        ("get", f"{base}/act/finish/"),
        ("post", f"{base}/guests/"),
        ("post", f"{base}/media/"),
        ("post", f"{base}/questions/{question.pk}/moderate/"),
        ("post", f"{base}/entries/{entry.pk}/withdraw/"),
    ]


def test_the_outsider_gets_404_everywhere(client, finance_interview, chen_jing):
    client.force_login(chen_jing)
    for method, url in _urls(*finance_interview):
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
    assert finance_interview[0].topic not in client.get("/workbench/interviews/").content.decode()


def test_the_agency_staff_and_the_county_supervisor_see_it(client, finance_interview, li_ming, zhao_qiang):
    interview = finance_interview[0]
    for person in (li_ming, zhao_qiang):
        client.force_login(person)
        assert client.get(f"/workbench/interviews/{interview.pk}/").status_code == 200
        assert interview.topic in client.get("/workbench/interviews/").content.decode()


def test_the_outsider_cannot_act_through_the_actions(finance_interview, chen_jing):
    interview, entry, question = finance_interview
    with pytest.raises(ActionRefused, match="不在您的管理范围内"):
        actions.post_entry(chen_jing, interview, body="冒充的文字")
    with pytest.raises(ActionRefused, match="不在您的管理范围内"):
        actions.finish_interview(chen_jing, interview)
    with pytest.raises(ActionRefused, match="不在您的管理范围内"):
        actions.moderate_question(chen_jing, question, decision="approved")


def test_the_list_page_query_count_does_not_grow(client, county, li_ming, django_assert_max_num_queries):
    for n in range(6):
        make_interview(li_ming, county.finance, topic=f"访谈{n}", state="collecting")
    client.force_login(li_ming)
    client.get("/workbench/interviews/")
    with django_assert_max_num_queries(12):
        page = client.get("/workbench/interviews/")
    assert page.content.decode().count("访谈") >= 6
