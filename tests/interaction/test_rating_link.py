"""The signed rating link of the reply's text message: rates without the code, expires, and a
tampered or superseded link opens nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import signing

from gongkai.common import sms
from gongkai.interaction import links
from gongkai.interaction.models import Rating, RatingVia
from tests.interaction.conftest import answer


@pytest.fixture(autouse=True)
def _outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def answered(message, county, zhou_min, wu_lei, wang_fang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return answer(message, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)


def _path(message) -> str:
    return links.rating_url(message).split("127.0.0.1:8000", 1)[-1]


def test_the_reply_text_carries_the_link_and_it_rates(client, answered, settings):
    [text] = [m.text for m in sms.outbox if m.phone == "13812345678"]
    assert "/messages/rate/" in text
    path = text[text.index("/messages/rate/") :].split()[0].rstrip("。")
    page = client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "道路已安排维修。" in page.content.decode()
    assert client.post(path, {"value": "basically"}).status_code == 302
    assert Rating.objects.get().via == RatingVia.SMS_LINK
    assert "您对本次答复的评价：<strong>基本满意</strong>" in client.get(path).content.decode()


def test_a_tampered_link_opens_nothing(client, answered):
    path = _path(answered)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    forged = signing.dumps({"m": answered.pk, "r": answered.round}, salt="another-salt")
    for bad in (token[:-2] + "xx", forged):
        response = client.get(f"/messages/rate/{bad}/")
        assert response.status_code == 404
        assert "评价链接无效" in response.content.decode()
    assert client.post(f"/messages/rate/{token[:-2]}xx/", {"value": "satisfied"}).status_code == 404
    assert Rating.objects.count() == 0


def test_an_expired_link_opens_nothing(client, answered, settings):
    path = _path(answered)
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=settings.GONGKAI_MESSAGE_RATING_LINK_DAYS + 1)
    with time_machine.travel(later, tick=False):
        response = client.post(path, {"value": "satisfied"})
    assert response.status_code == 404
    assert "评价链接已过期（有效期15天）" in response.content.decode()
    assert Rating.objects.count() == 0


def test_a_link_of_an_earlier_round_opens_nothing(client, answered):
    path = _path(answered)
    client.post(path, {"value": "dissatisfied", "reopen": "on"})
    answered.refresh_from_db()
    assert answered.round == 2
    response = client.get(path)
    assert response.status_code == 404
    assert "已重新办理" in response.content.decode()
