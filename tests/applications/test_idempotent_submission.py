"""A form submitted twice (double click, retry, resend) creates one application."""

from __future__ import annotations

import pytest

from gongkai.applications import actions
from gongkai.applications.models import Applicant, Application
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import CITIZEN, REQUEST

pytestmark = pytest.mark.django_db


def test_same_key_twice_is_one_application(county):
    first, created = actions.submit_application(
        agency=county.finance, applicant=CITIZEN, request=REQUEST, idempotency_key="k-1"
    )
    again, created_again = actions.submit_application(
        agency=county.finance, applicant=CITIZEN, request=REQUEST, idempotency_key="k-1"
    )
    assert created and not created_again
    assert again.pk == first.pk and again.receipt_code == first.receipt_code
    assert Application.objects.count() == 1 and Applicant.objects.count() == 1


def test_different_requests_are_different_applications(county):
    a, _ = actions.submit_application(
        agency=county.finance, applicant=CITIZEN, request=REQUEST, idempotency_key="a"
    )
    b, _ = actions.submit_application(
        agency=county.finance,
        applicant=CITIZEN,
        request=REQUEST | {"description": "2025年示范县财政局部门决算"},
        idempotency_key="b",
    )
    assert a.receipt_code != b.receipt_code


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"identity_number": "370999198001011231"}, "identity_number", "身份证号码校验位错误"),
        ({"name": " "}, "name", "请填写申请人姓名或名称"),
        ({"phone": "12"}, "phone", "联系电话应为11位手机号码，或带区号的固定电话"),
        # an ID number is not a credit code
        ({"kind": "business"}, "identity_number", "统一社会信用代码"),
    ],
)
def test_bad_applicant_saves_nothing(county, change, field, message):
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.submit_application(
            agency=county.finance, applicant=CITIZEN | change, request=REQUEST, idempotency_key="x"
        )
    assert refused.value.field == field
    assert Application.objects.count() == 0 and Applicant.objects.count() == 0


def test_missing_description_is_refused(county):
    with pytest.raises(ActionRefused, match="条例第二十九条"):
        actions.submit_application(
            agency=county.finance,
            applicant=CITIZEN,
            request=REQUEST | {"description": ""},
            idempotency_key="y",
        )
    assert Application.objects.count() == 0
