"""One response per person, by the survey's rule: a verified phone (SMS code) or one browser with a
limit per client address. Answering twice gives a clear message and saves nothing; Back + resubmit
gives the first response again, never a second one."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from gongkai.common.errors import ActionRefused
from gongkai.surveys import actions
from gongkai.surveys.models import Answer, Response, Rule

from .conftest import LI_SI, ZHANG_SAN, answer_directly, fields
from .portal_helpers import answer_by_phone, ask_code, form_key, submit

pytestmark = pytest.mark.django_db

PHONE_TWICE = "该手机号码已经参与过本次调查，每个手机号码只能参与一次"
BROWSER_TWICE = "您在本浏览器上已经参与过本次调查，每个浏览器只能参与一次"


# ---------------------------------------------------------------- the phone rule

PHONE_CASES = [
    # (case, second phone, second client is a new browser, second response saved, message on the page)
    ("same phone, same browser", ZHANG_SAN, False, False, PHONE_TWICE),
    ("same phone, another browser", ZHANG_SAN, True, False, PHONE_TWICE),
    ("same phone written with +86 and spaces", "+86 138 1234 5678", True, False, PHONE_TWICE),
    ("another phone, same browser", LI_SI, False, True, ""),
]


@pytest.mark.parametrize(
    ("case", "phone", "new_browser", "saved", "message"), PHONE_CASES, ids=[c[0] for c in PHONE_CASES]
)
def test_phone_rule(
    phone_survey, django_capture_on_commit_callbacks, case, phone, new_browser, saved, message
):
    first = Client()
    response = answer_by_phone(
        first, phone_survey, ZHANG_SAN, fields(phone_survey), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302 and response["Location"] == f"/surveys/{phone_survey.pk}/thanks/"
    second = Client() if new_browser else first
    # A code is refused at once for a phone that has answered; the submit is refused too. (The
    # first browser's form page now says it has answered: its second form gets a key of its own.)
    key = form_key(second, phone_survey) if new_browser else "second-form-key"
    code = ask_code(second, phone_survey, phone, fields(phone_survey), django_capture_on_commit_callbacks)
    assert bool(code) == saved
    response = submit(
        second, phone_survey, fields(phone_survey, single=1), key=key, phone=phone, code=code or "123456"
    )
    assert Response.objects.count() == (2 if saved else 1)
    if message:
        assert response.status_code == 200 and message in response.content.decode()


def test_the_phone_is_stored_only_as_a_keyed_hash_unique_per_survey(
    phone_survey, django_capture_on_commit_callbacks
):
    answer_by_phone(
        Client(), phone_survey, ZHANG_SAN, fields(phone_survey), django_capture_on_commit_callbacks
    )
    response = Response.objects.get()
    assert ZHANG_SAN not in response.voter and len(response.voter) == 64
    assert response.voter == actions.voter_key(phone_survey, Rule.PHONE, ZHANG_SAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            survey=phone_survey, voter=response.voter, rule=Rule.PHONE, submission_key="x"
        )


def test_a_wrong_code_is_refused_and_keeps_the_answers(phone_survey, django_capture_on_commit_callbacks):
    client = Client()
    key = form_key(client, phone_survey)
    code = ask_code(client, phone_survey, ZHANG_SAN, fields(phone_survey), django_capture_on_commit_callbacks)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = submit(client, phone_survey, fields(phone_survey), key=key, phone=ZHANG_SAN, code=wrong)
    page = response.content.decode()
    assert "短信验证码不正确或已过期，请重新获取" in page and "希望延长窗口办理时间。</textarea>" in page
    assert Response.objects.count() == 0


def test_a_code_of_one_survey_does_not_open_another(
    phone_survey, county, li_ming, django_capture_on_commit_callbacks
):
    from .conftest import build_survey

    other = actions.open_survey(li_ming, build_survey(li_ming, county.finance, title="另一项调查"))
    client = Client()
    code = ask_code(client, phone_survey, ZHANG_SAN, fields(phone_survey), django_capture_on_commit_callbacks)
    response = submit(client, other, fields(other), key=form_key(client, other), phone=ZHANG_SAN, code=code)
    assert "短信验证码不正确或已过期" in response.content.decode()
    assert Response.objects.count() == 0


def test_codes_per_phone_are_limited(phone_survey, settings, django_capture_on_commit_callbacks):
    settings.GONGKAI_SURVEY_CODES_PER_PHONE_PER_HOUR = 2
    client = Client()
    sent = [
        ask_code(client, phone_survey, ZHANG_SAN, {}, django_capture_on_commit_callbacks) for _ in range(3)
    ]
    assert [bool(c) for c in sent] == [True, True, False]
    page = client.post(
        f"/surveys/{phone_survey.pk}/", {"phone": ZHANG_SAN, "send_code": "1"}
    ).content.decode()
    assert "该手机号码一小时内获取验证码次数过多" in page


# ---------------------------------------------------------------- the browser rule


def test_same_browser_twice_is_refused(browser_survey):
    client = Client()
    assert (
        submit(
            client, browser_survey, fields(browser_survey), key=form_key(client, browser_survey)
        ).status_code
        == 302
    )
    # The form page now says so; a posted form (a stale tab) is refused with the message.
    assert "您已经参与过本次调查" in client.get(f"/surveys/{browser_survey.pk}/").content.decode()
    response = submit(client, browser_survey, fields(browser_survey, single=2), key="another-form-key")
    assert BROWSER_TWICE in response.content.decode()
    assert Response.objects.count() == 1


def test_the_signed_cookie_alone_identifies_the_browser(browser_survey):
    """A browser that lost its session but kept its cookie is still the same browser."""
    client = Client()
    submit(client, browser_survey, fields(browser_survey), key=form_key(client, browser_survey))
    cookie = client.cookies["gk_survey_browser"].value
    again = Client()
    again.cookies["gk_survey_browser"] = cookie
    response = submit(again, browser_survey, fields(browser_survey), key=form_key(again, browser_survey))
    assert BROWSER_TWICE in response.content.decode()
    assert Response.objects.count() == 1


def test_a_forged_cookie_is_a_new_browser_not_someone_else(browser_survey):
    client = Client()
    client.cookies["gk_survey_browser"] = "0" * 32  # unsigned: ignored
    assert (
        submit(
            client, browser_survey, fields(browser_survey), key=form_key(client, browser_survey)
        ).status_code
        == 302
    )
    assert client.cookies["gk_survey_browser"].value != "0" * 32


IP_CASES = [
    # (limit, new browsers from one address, responses saved)
    (3, 3, 3),
    (3, 5, 3),
    (1, 2, 1),
]


@pytest.mark.parametrize(("limit", "browsers", "saved"), IP_CASES)
def test_new_browsers_beyond_the_address_limit_are_refused(browser_survey, settings, limit, browsers, saved):
    settings.GONGKAI_SURVEY_RESPONSES_PER_IP_PER_HOUR = limit
    pages = []
    for _ in range(browsers):
        client = Client(REMOTE_ADDR="203.0.113.9")
        pages.append(
            submit(client, browser_survey, fields(browser_survey), key=form_key(client, browser_survey))
        )
    assert Response.objects.count() == saved
    refused = [p for p in pages if p.status_code == 200]
    assert len(refused) == browsers - saved
    assert all("同一网络地址一小时内提交的答卷过多" in p.content.decode() for p in refused)
    # Another address is not held back.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert (
        submit(other, browser_survey, fields(browser_survey), key=form_key(other, browser_survey)).status_code
        == 302
    )


# ---------------------------------------------------------------- Back + resubmit


def test_back_and_resubmit_gives_the_same_response(browser_survey):
    client = Client()
    key = form_key(client, browser_survey)
    first = submit(client, browser_survey, fields(browser_survey), key=key)
    again = submit(client, browser_survey, fields(browser_survey), key=key)  # Back, then 提交 again
    assert first["Location"] == again["Location"] == f"/surveys/{browser_survey.pk}/thanks/"
    assert Response.objects.count() == 1 and Answer.objects.filter(question__kind="single").count() == 1


def test_resubmit_by_phone_gives_the_same_response(phone_survey, django_capture_on_commit_callbacks):
    client = Client()
    key = form_key(client, phone_survey)
    code = ask_code(client, phone_survey, ZHANG_SAN, fields(phone_survey), django_capture_on_commit_callbacks)
    for _ in range(2):
        response = submit(client, phone_survey, fields(phone_survey), key=key, phone=ZHANG_SAN, code=code)
        assert response["Location"] == f"/surveys/{phone_survey.pk}/thanks/"
    assert Response.objects.count() == 1
    assert "答卷已提交" in client.get(response["Location"]).content.decode()


def test_the_action_returns_the_first_response_for_the_same_key(phone_survey):
    first, created = answer_directly(phone_survey, "voter-a", "key-1")
    again, created_again = answer_directly(phone_survey, "voter-a", "key-1", single=2)
    assert (created, created_again, again) == (True, False, first)
    with pytest.raises(ActionRefused, match=PHONE_TWICE):
        answer_directly(phone_survey, "voter-a", "key-2")
    assert Response.objects.count() == 1
