"""The public's questions: moderation, masking, idempotent submission through the portal form,
refusals that keep nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.common.errors import ActionRefused
from gongkai.interviews import actions
from gongkai.interviews.models import Moderation, Question

from .conftest import make_interview

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


def _ask(interview, key="q1", **overrides):
    data = {
        "body": "补贴什么时候发放？",
        "phone": PHONE,
        "display_name": "",
        "idempotency_key": key,
        **overrides,
    }
    return actions.submit_question(interview, **data)


def test_a_question_is_held_masked_and_keeps_the_phone(county, li_ming):
    interview = make_interview(li_ming, county.finance, state="collecting")
    question, created = _ask(
        interview, body="我叫张建军，电话13905395678，身份证370102199001011234，补贴少发了。"
    )
    assert created and question.moderation == Moderation.HELD
    assert "13905395678" not in question.masked_body and "370102199001011234" not in question.masked_body
    assert question.phone == PHONE and question.masked_phone != PHONE
    assert question.public_name == "网友"


def test_held_and_hidden_questions_never_reach_the_public_page(client, county, li_ming):
    interview = make_interview(li_ming, county.finance, state="collecting")
    held, _ = _ask(interview, "a", body="还在审核的问题")
    hidden, _ = _ask(interview, "b", body="不予显示的问题")
    shown, _ = _ask(interview, "c", body="审核通过的问题，电话13905395678")
    actions.moderate_question(li_ming, hidden, decision=Moderation.HIDDEN)
    actions.moderate_question(li_ming, shown, decision=Moderation.APPROVED)
    html = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "审核通过的问题" in html
    assert "还在审核的问题" not in html and "不予显示的问题" not in html
    assert "13905395678" not in html and PHONE not in html


def test_the_same_form_twice_is_one_question(county, li_ming):
    interview = make_interview(li_ming, county.finance, state="collecting")
    first, created = _ask(interview)
    again, created_again = _ask(interview)
    assert created and not created_again and again.pk == first.pk
    assert Question.objects.count() == 1


def test_back_and_resubmit_through_the_portal_gives_the_same_question(client, county, li_ming):
    interview = make_interview(li_ming, county.finance, state="collecting")
    url = reverse("interviews:ask", args=[interview.pk])
    page = client.get(url)
    key = page.context["form"].initial["idempotency_key"]
    data = {"body": "补贴什么时候发放？", "phone": PHONE, "display_name": "老农民", "idempotency_key": key}
    first = client.post(url, data)
    second = client.post(url, data)  # Back, then send the same form again
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Question.objects.count() == 1
    assert "补贴什么时候发放？" in client.get(first["Location"]).content.decode()
    # A reloaded form (a new key) with the same words is still the same question.
    fresh = client.get(url).context["form"].initial["idempotency_key"]
    assert fresh != key
    assert client.post(url, {**data, "idempotency_key": fresh})["Location"] == first["Location"]
    assert Question.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"body": "   "}, "请填写问题内容"),
        ({"body": "问" * 501}, "问题内容不能超过500字"),
        ({"phone": ""}, "请填写联系电话"),
        ({"phone": "12345"}, "电话"),
        ({"display_name": "名" * 21}, "显示名称不能超过20字"),
        ({"idempotency_key": ""}, "表单已过期"),
    ],
)
def test_bad_questions_are_refused_and_nothing_is_kept(county, li_ming, overrides, refusal):
    interview = make_interview(li_ming, county.finance, state="collecting")
    with pytest.raises(ActionRefused, match=refusal):
        _ask(interview, **overrides)
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("state", "accepted"), [("planned", False), ("collecting", True), ("live", True), ("finished", False)]
)
def test_questions_are_taken_while_collecting_and_live(county, li_ming, state, accepted, settings):
    interview = make_interview(li_ming, county.finance, state=state)
    if accepted:
        question, _ = _ask(interview)
        assert question.during_event is (state == "live")
    else:
        with pytest.raises(ActionRefused, match="不再征集问题"):
            _ask(interview)


def test_scripts_in_a_question_are_escaped_on_the_page(client, county, li_ming):
    interview = make_interview(li_ming, county.finance, state="collecting")
    question, _ = _ask(interview, body="<script>alert(1)</script>补贴？")
    actions.moderate_question(li_ming, question, decision=Moderation.APPROVED)
    html = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_honeypot_and_the_rate_limit_refuse_with_the_text_kept(client, county, li_ming, settings):
    interview = make_interview(li_ming, county.finance, state="collecting")
    url = reverse("interviews:ask", args=[interview.pk])
    key = client.get(url).context["form"].initial["idempotency_key"]
    data = {"body": "补贴什么时候发放？", "phone": PHONE, "idempotency_key": key, "website": "x"}
    page = client.post(url, data)
    assert "请勿填写此项" in page.content.decode() and "补贴什么时候发放？" in page.content.decode()
    settings.GONGKAI_MESSAGES_PER_PHONE_PER_DAY = 1
    for n in range(2):
        key = client.get(url).context["form"].initial["idempotency_key"]
        client.post(url, {"body": f"第{n}个问题", "phone": PHONE, "idempotency_key": key})
    refused = client.post(url, {"body": "第三个问题", "phone": PHONE, "idempotency_key": "other"})
    assert "同一联系电话一天内提问次数过多" in refused.content.decode()
    assert Question.objects.count() == 1
