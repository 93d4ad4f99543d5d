"""Every identity document a natural person may show, each checked by its own format; phones."""

from __future__ import annotations

import pytest

from gongkai.applications import actions
from gongkai.applications.models import Applicant, Application
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import (
    IdType,
    identity_document_problem,
    make_resident_id,
    phone_problem,
)
from tests.applications.helpers import CITIZEN, COMPANY, REQUEST

HK_RESIDENCE = make_resident_id("81000019900101123")
TW_RESIDENCE = make_resident_id("83000019851231002")
FOREIGNER_2023 = make_resident_id("93315619900101001")


def _bad_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.mark.parametrize(
    ("id_type", "number", "problem"),
    [
        (IdType.RESIDENT_ID, CITIZEN["identity_number"], None),
        (IdType.RESIDENT_ID, "370999198001011231", "校验位"),
        (IdType.HK_MACAO_PERMIT, "H12345678", None),
        (IdType.HK_MACAO_PERMIT, "m87654321", None),  # typed in lower case
        (IdType.HK_MACAO_PERMIT, "H1234567890", None),  # the booklet before 2013
        (IdType.HK_MACAO_PERMIT, "C12345678", "H或M"),
        (IdType.HK_MACAO_PERMIT, "H1234567", "H或M"),
        (IdType.TAIWAN_PERMIT, "12345678", None),
        (IdType.TAIWAN_PERMIT, "0123456789", None),
        (IdType.TAIWAN_PERMIT, "1234567B90", None),
        (IdType.TAIWAN_PERMIT, "1234567", "8位数字"),
        (IdType.TAIWAN_PERMIT, "ABCDEFGHIJ", "8位数字"),
        (IdType.RESIDENCE_PERMIT, HK_RESIDENCE, None),
        (IdType.RESIDENCE_PERMIT, TW_RESIDENCE, None),
        (IdType.RESIDENCE_PERMIT, _bad_check(HK_RESIDENCE), "校验位"),
        (IdType.RESIDENCE_PERMIT, CITIZEN["identity_number"], "810000"),  # a mainland 身份证
        (IdType.FOREIGNER_PERMANENT, "USA310012345678", None),  # 2017: 3 letters + 12 digits
        (IdType.FOREIGNER_PERMANENT, FOREIGNER_2023, None),  # 2023: 18 digits from 9
        (IdType.FOREIGNER_PERMANENT, _bad_check(FOREIGNER_2023), "校验位"),
        (IdType.FOREIGNER_PERMANENT, "US3100123456789", "15位"),
        (IdType.PASSPORT, "E12345678", None),
        (IdType.PASSPORT, "AB123", None),
        (IdType.PASSPORT, "A123", "5至17位"),
        (IdType.PASSPORT, "E1234567!", "5至17位"),
        (IdType.PASSPORT, "A" * 18, "5至17位"),
        ("driving_licence", "12345678", "请选择身份证明文件类型"),
    ],
)
def test_each_document_has_its_own_format(id_type, number, problem):
    found = identity_document_problem(id_type, number)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("13812345678", True),
        ("138 1234 5678", True),
        ("+86 13812345678", True),
        ("0539-8123456", True),  # four-digit area code, 7 digits
        ("05398123456", True),
        ("010-88886666", True),  # Beijing: 010 + 8 digits
        ("021 6666 8888", True),
        ("1381234567", False),  # 10 digits: neither a mobile nor a landline
        ("12812345678", False),  # no mobile number starts 12
        ("8123456", False),  # landline without area code
        ("010-8888666", False),  # Beijing takes 8 digits
        ("138123456789", False),
    ],
)
def test_phones(phone, ok):
    assert (phone_problem(phone) is None) is ok


@pytest.mark.django_db
def test_a_hong_kong_resident_applies_with_the_permit(county):
    app, _ = actions.submit_application(
        agency=county.finance,
        applicant=CITIZEN | {"identity_type": IdType.HK_MACAO_PERMIT, "identity_number": "h 1234 5678"},
        request=REQUEST,
        idempotency_key="hk",
    )
    applicant = Applicant.objects.get(application=app)
    assert applicant.identity_type == IdType.HK_MACAO_PERMIT and applicant.identity_number == "H12345678"


@pytest.mark.django_db
def test_the_action_refuses_a_ten_digit_phone(county):
    with pytest.raises(ActionRefused, match="11位手机号码") as refused:
        actions.submit_application(
            agency=county.finance,
            applicant=CITIZEN | {"phone": "1381234567"},
            request=REQUEST,
            idempotency_key="p",
        )
    assert refused.value.field == "phone" and Application.objects.count() == 0


@pytest.mark.django_db
def test_staff_recognise_an_organisation_but_not_a_person(county):
    company, _ = actions.submit_application(
        agency=county.finance, applicant=COMPANY, request=REQUEST, idempotency_key="c"
    )
    person, _ = actions.submit_application(
        agency=county.finance, applicant=CITIZEN, request=REQUEST, idempotency_key="n"
    )
    org = Applicant.objects.get(application=company)
    assert org.masked_name == "示范县恒达建材有限公司"
    assert org.masked()["identity_number"] == COMPANY["identity_number"]
    assert org.masked()["phone"] != COMPANY["phone"]  # the contact phone is still personal data
    someone = Applicant.objects.get(application=person)
    assert someone.masked_name == "张*" and CITIZEN["identity_number"] not in someone.masked().values()
