"""Applicant personal data is encrypted at rest; lists mask it; only handlers see it, audited."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.applications import actions, crypto
from gongkai.applications.models import Applicant
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import CITIZEN, ZHANG_SAN_ID, submit

pytestmark = pytest.mark.django_db


def _raw_row(applicant_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, identity_number, phone, address, email FROM applications_applicant WHERE id = %s",
            [applicant_id],
        )
        return cursor.fetchone()


def test_the_raw_columns_hold_no_plaintext(county):
    application = submit(county.finance)
    raw = _raw_row(application.applicant.pk)
    plain = [CITIZEN[k] for k in ("name", "identity_number", "phone", "address", "email")]
    for column, value in zip(raw, plain, strict=True):
        assert column.startswith(crypto.PREFIX)
        assert value not in column
        assert value[-4:] not in column
    # and the model reads it back in full
    applicant = Applicant.objects.get(pk=application.applicant.pk)
    assert applicant.identity_number == ZHANG_SAN_ID and applicant.name == "张三"


def test_a_wrong_key_cannot_read_the_data(county, settings):
    application = submit(county.finance)
    settings.GONGKAI_DATA_KEY = "another-key-entirely-another-key-entirely"
    with pytest.raises(ValueError, match="无法解密"):
        Applicant.objects.get(pk=application.applicant.pk)


def test_rotated_keys_still_decrypt(county, settings):
    application = submit(county.finance)
    settings.GONGKAI_DATA_KEY = "a-new-key-for-2027-a-new-key-for-2027," + settings.GONGKAI_DATA_KEY
    assert Applicant.objects.get(pk=application.applicant.pk).name == "张三"


@pytest.mark.parametrize(
    ("value", "masker", "expected"),
    [
        ("张三", crypto.mask_name, "张*"),
        ("欧阳明日", crypto.mask_name, "欧阳**"),
        ("13812345678", crypto.mask_phone, "138****5678"),
        ("37099919800101123X", crypto.mask_identity, "3709**********123X"),
        ("zhangsan@example.com", crypto.mask_email, "z***@example.com"),
    ],
)
def test_masks(value, masker, expected):
    assert masker(value) == expected


def test_reveal_is_for_handlers_only_and_audited(county, li_ming, zhao_qiang, liu_yang):
    application = submit(county.finance)
    applicant = actions.reveal_applicant(li_ming, application, reason="电话联系申请人确认")
    assert applicant.phone == CITIZEN["phone"]
    entry = AuditEntry.objects.filter(action="applications.applicant.reveal").get()
    assert entry.actor == li_ming and "电话联系申请人确认" in entry.note
    assert CITIZEN["phone"] not in str(entry.after) + entry.note
    for outsider in (zhao_qiang, liu_yang):
        with pytest.raises(ActionRefused, match="只有承办该申请的工作人员可以查看申请人的完整个人信息"):
            actions.reveal_applicant(outsider, application, reason="看看")
    assert application.reveals.count() == 1
