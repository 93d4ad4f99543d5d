"""The public comment form: Back + resubmit and a reloaded form give the same comment; rate limits;
refusals keep what was typed; after the close date the form is replaced by the contact channels."""

from datetime import date

import pytest

from gongkai.consultation.models import Comment

from .conftest import PHONE, at


def _form(client, consultation, p=None):
    url = f"/consultations/{consultation.pk}/comment/" + (f"?p={p}" if p else "")
    response = client.get(url)
    return response, response.context["form"].initial["idempotency_key"]


def _post(client, consultation, key, **data):
    data = {
        "body": "建议第二条明确适用于乡镇。",
        "phone": PHONE,
        "idempotency_key": key,
        "website": "",
    } | data
    return client.post(f"/consultations/{consultation.pk}/comment/", data)


def test_a_paragraph_link_opens_the_form_with_the_quoted_passage(client, consultation):
    response, _key = _form(client, consultation, p=3)
    page = response.content.decode()
    assert "您针对的条文：第3段（第二条）" in page and "本办法适用于本县各级政府" in page
    assert 'id="comment-form"' in page and 'name="paragraph" value="3"' in page


def test_submit_back_and_resubmit_give_one_comment(client, consultation):
    _response, key = _form(client, consultation, p=3)
    first = _post(client, consultation, key, paragraph=3)
    assert first.status_code == 302
    c = Comment.objects.get()
    assert first["Location"] == f"/consultations/{consultation.pk}/comment/{c.pk}/"
    assert "意见已提交" in client.get(first["Location"]).content.decode()
    again = _post(client, consultation, key, paragraph=3)  # Back + submit: the same key
    assert again["Location"] == first["Location"]
    # A reloaded form carries a new key; the same content typed again still finds the first comment.
    _response, new_key = _form(client, consultation, p=3)
    assert new_key != key
    third = _post(client, consultation, new_key, paragraph=3)
    assert third["Location"] == first["Location"]
    assert Comment.objects.count() == 1
    # Something else from the same browser is a new comment.
    assert _post(client, consultation, new_key, body="另一条不同的意见内容。").status_code == 302
    assert Comment.objects.count() == 2


def test_the_success_page_belongs_to_the_submitting_session(client, consultation, django_user_model):
    from django.test import Client

    _response, key = _form(client, consultation)
    location = _post(client, consultation, key)["Location"]
    assert Client().get(location).status_code == 404


def test_a_paragraph_that_does_not_exist(client, consultation):
    response, key = _form(client, consultation, p=42)
    assert response.status_code == 404
    assert "草案中没有第42段" in response.content.decode()
    posted = _post(client, consultation, key, paragraph=42)
    assert posted.status_code == 200 and "草案中没有第42段" in posted.content.decode()
    assert not Comment.objects.exists()


def test_refusals_keep_what_was_typed(client, consultation):
    _response, key = _form(client, consultation)
    response = _post(client, consultation, key, body="很" * 2001)
    page = response.content.decode()
    assert "意见内容不能超过2000字（现有2001字）" in page
    assert PHONE in page  # the typed phone stays in the form
    assert not Comment.objects.exists()


def test_honeypot(client, consultation):
    _response, key = _form(client, consultation)
    response = _post(client, consultation, key, website="http://x")
    assert "请勿填写此项" in response.content.decode() and not Comment.objects.exists()


@pytest.mark.parametrize(
    ("setting", "limit", "vary", "message"),
    [
        ("GONGKAI_CONSULTATION_COMMENTS_PER_IP_PER_HOUR", 3, "phone", "同一网络地址一小时内提交意见次数过多"),
        ("GONGKAI_CONSULTATION_COMMENTS_PER_PHONE_PER_DAY", 2, "ip", "同一联系电话一天内提交意见次数过多"),
    ],
)
def test_rate_limits(client, consultation, settings, setting, limit, vary, message):
    setattr(settings, setting, limit)
    for n in range(limit + 1):
        _response, key = _form(client, consultation)
        phone = f"1381234{n:04d}" if vary == "phone" else PHONE
        extra = {"REMOTE_ADDR": f"10.0.0.{n + 1}"} if vary == "ip" else {}
        data = {"body": f"第{n}条不同的意见内容。", "phone": phone, "idempotency_key": key, "website": ""}
        response = client.post(f"/consultations/{consultation.pk}/comment/", data, **extra)
    assert response.status_code == 200 and message in response.content.decode()
    assert Comment.objects.count() == limit


def test_after_closing_the_page_says_where_to_send_a_late_view(client, consultation):
    with at(date(2026, 6, 5)):
        page = client.get(f"/consultations/{consultation.pk}/").content.decode()
        assert "本次征求意见已于2026年06月04日截止" in page and "对第3段提意见" not in page
        form_page = client.get(f"/consultations/{consultation.pk}/comment/?p=3").content.decode()
        assert "电子邮件：czj@example.gov.cn" in form_page and "<textarea" not in form_page
        response = _post(client, consultation, "late-key")
        assert "网上不再接收意见" in response.content.decode()
    assert not Comment.objects.exists()
