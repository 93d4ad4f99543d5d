"""The public form reports every error in one round, and keeps no invisible characters."""

from __future__ import annotations

import pytest

from gongkai.applications.models import Applicant, Application
from tests.applications.test_portal_intake import form_data

pytestmark = pytest.mark.django_db


def test_check_digit_is_reported_with_the_other_errors(client, county):
    response = client.post(
        "/applications/apply/",
        form_data(
            county,
            identity_number="370999198001011231",  # wrong check digit
            phone="1381234567",  # 10 digits
            description="",
            address="",  # delivery is post
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 0
    for message in ("身份证号码校验位错误", "11位手机号码", "此项必须填写", "请填写通信地址"):
        assert message in page, message


def test_a_credit_code_error_comes_with_the_other_errors(client, county):
    response = client.post(
        "/applications/apply/", form_data(county, applicant_kind="business", email="not-an-address")
    )
    page = response.content.decode()
    assert "统一社会信用代码校验位错误" in page and "请填写有效的电子邮箱地址" in page
    assert Application.objects.count() == 0


def test_invisible_characters_are_removed_from_what_is_stored(client, county):
    response = client.post(
        "/applications/apply/",
        form_data(
            county,
            name="张\u200b三\u202e",
            description="2026年\u200d县财政局\u2066部门预算，含说明",
            identity_number="３７０９９９１９８００１０１１２３\u200b"
            + form_data(county)["identity_number"][-1],
        ),
    )
    assert response.status_code == 302, response.content.decode()
    app = Application.objects.get()
    assert app.description == "2026年县财政局部门预算，含说明"  # Chinese punctuation kept (no NFKC)
    applicant = Applicant.objects.get(application=app)
    assert applicant.name == "张三"
    assert applicant.identity_number == form_data(county)["identity_number"]


def test_a_wrong_check_digit_shows_even_before_the_applicant_kind_is_chosen(client, county):
    page = client.post(
        "/applications/apply/",
        {"name": "张三", "identity_number": "370999198001011234", "phone": "1381234567"},
    ).content.decode()
    for message in ("身份证号码校验位错误", "11位手机号码", "此项必须填写"):
        assert message in page, message
