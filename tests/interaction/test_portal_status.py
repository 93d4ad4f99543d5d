"""The writer's status page: code + last four phone digits, rate-limited, one answer for every
miss; the rating form (满意/基本满意/不满意, 重办 once) and its refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.interaction.models import Rating, RatingVia, State
from gongkai.interaction.portal_views import LOOKUP_REFUSAL, NOT_FOUND
from tests.interaction.conftest import answer

STATUS = "/messages/status/"


def look_up(client, code, last4="5678", **extra):
    return client.post(STATUS, {"receipt_code": code, "phone_last4": last4}, **extra)


def _error_box(response) -> str:
    text = response.content.decode()
    start = text.index('<div class="error" role="alert">')
    return text[start : text.index("</div>", start)]


def test_wrong_code_and_wrong_phone_get_the_same_answer(client, message):
    wrong_phone = look_up(client, message.receipt_code, "0000")
    wrong_code = look_up(client, "LY2026-AAAA-BBBB", "5678")
    assert NOT_FOUND in wrong_phone.content.decode()
    assert _error_box(wrong_phone) == _error_box(wrong_code)
    assert wrong_phone.status_code == wrong_code.status_code == 200


def test_the_right_pair_opens_the_status_for_this_session_only(client, message):
    response = look_up(client, message.receipt_code.lower().replace("-", "- "), "5678")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page["Cache-Control"] == "no-store"
    text = page.content.decode()
    assert "待交办" in text and message.subject in text
    assert "留言答复后，您可以在此评价答复。" in text
    assert Client().get(response["Location"]).status_code == 404


def test_lookups_are_rate_limited(client, message, settings):
    settings.GONGKAI_MESSAGE_LOOKUPS_PER_HOUR = 3
    for _ in range(3):
        look_up(client, "LY2026-AAAA-BBBB")
    refused = look_up(client, message.receipt_code)  # even the right pair, this hour
    assert LOOKUP_REFUSAL in refused.content.decode()
    assert refused.status_code == 200


@pytest.fixture
def answered(message, county, zhou_min, wu_lei, wang_fang):
    return answer(message, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)


def _opened(client, message) -> str:
    return look_up(client, message.receipt_code)["Location"]


def test_rating_an_unanswered_message_is_refused(client, message):
    url = _opened(client, message)
    response = client.post(url, {"value": "satisfied"})
    assert "留言尚未答复，不能评价" in response.content.decode()
    assert Rating.objects.count() == 0


def test_rate_satisfied_then_a_second_rating_is_refused(client, answered):
    url = _opened(client, answered)
    page = client.get(url).content.decode()
    assert "道路已安排维修。" in page and "基本满意" in page
    assert client.post(url, {"value": "satisfied", "comment": "很及时"}).status_code == 302
    rating = Rating.objects.get()
    assert (rating.value, rating.via, rating.comment) == ("satisfied", RatingVia.STATUS_PAGE, "很及时")
    assert "您对本次答复的评价：<strong>满意</strong>" in client.get(url).content.decode()
    again = client.post(url, {"value": "dissatisfied"})
    assert "本次答复已评价，不能重复评价" in again.content.decode()
    assert Rating.objects.count() == 1


def test_reopen_only_with_dissatisfied(client, answered):
    url = _opened(client, answered)
    response = client.post(url, {"value": "satisfied", "reopen": "on"})
    assert "只有对答复不满意时可以要求重办" in response.content.decode()
    assert Rating.objects.count() == 0


def test_dissatisfied_reopens_once(client, answered, county, zhou_min, wu_lei, wang_fang):
    url = _opened(client, answered)
    client.post(url, {"value": "dissatisfied", "comment": "路还没修", "reopen": "on"})
    answered.refresh_from_db()
    assert (answered.round, answered.reopen_count) == (2, 1)
    assert answered.state != State.CLOSED
    assert "（重办）" not in client.get(url).content.decode()

    answer(
        answered, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang, body="已修复。"
    )
    page = client.get(url).content.decode()
    assert "第2次答复（重办）" in page
    assert "本留言已重新办理过一次，不能再次要求重办。" in page
    assert 'name="reopen"' not in page
    # A forged second 重办 is not taken: the rating is recorded, the case closes.
    client.post(url, {"value": "dissatisfied", "reopen": "on"})
    answered.refresh_from_db()
    assert (answered.round, answered.reopen_count, answered.state) == (2, 1, State.CLOSED)
    assert list(Rating.objects.order_by("round").values_list("value", flat=True)) == [
        "dissatisfied",
        "dissatisfied",
    ]
