"""The public form, the 回执, and the status lookup (no login; no leak; rate-limited)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import actions
from gongkai.applications.models import Application
from tests.applications.helpers import CITIZEN, ZHANG_SAN_PHONE, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(county, **change):
    data = {
        "agency": county.finance.pk,
        "applicant_kind": "natural",
        "name": CITIZEN["name"],
        "identity_number": CITIZEN["identity_number"],
        "phone": CITIZEN["phone"],
        "email": CITIZEN["email"],
        "address": CITIZEN["address"],
        "description": "2026年县财政局部门预算",
        "doc_number": "",
        "form_wanted": "paper",
        "delivery": "post",
        "idempotency_key": "form-key-1",
    }
    return data | change


def test_apply_twice_is_one_application_and_shows_the_code(client, county):
    first = client.post("/applications/apply/", form_data(county))
    second = client.post("/applications/apply/", form_data(county))
    assert Application.objects.count() == 1
    code = Application.objects.get().receipt_code
    assert first.status_code == second.status_code == 302
    page = client.get(second["Location"]).content.decode()
    assert code in page
    receipt = client.get(f"/applications/submitted/{code}/receipt/").content.decode()
    assert code in receipt and "张三" not in receipt and ZHANG_SAN_PHONE not in receipt


def test_another_browser_cannot_open_the_receipt(client, county):
    app = submit(county.finance)
    assert client.get(f"/applications/submitted/{app.receipt_code}/").status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"identity_number": "370999198001011231"}, "校验位"),
        ({"applicant_kind": "business"}, "统一社会信用代码"),
        ({"description": ""}, "必填"),
        ({"delivery": "post", "address": ""}, "请填写通信地址"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, county, change, message):
    response = client.post("/applications/apply/", form_data(county, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Application.objects.count() == 0
    assert CITIZEN["name"] in response.content.decode()  # what was typed is kept


def test_executables_are_refused_by_content(client, county):
    exe = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    response = client.post("/applications/apply/", form_data(county) | {"attachments": [exe]})
    assert "可执行程序" in response.content.decode() and Application.objects.count() == 0


def test_oversized_attachments_are_refused(client, county, settings):
    settings.GONGKAI_APPLICATION_ATTACHMENT_MAX_MB = 1
    big = SimpleUploadedFile("id.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    response = client.post("/applications/apply/", form_data(county) | {"attachments": [big]})
    assert "超过1MB" in response.content.decode() and Application.objects.count() == 0


def test_a_pdf_attachment_is_kept(client, county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("id.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post("/applications/apply/", form_data(county) | {"attachments": [pdf]})
    assert Application.objects.get().attachments.get().name == "id.pdf"


def test_status_with_code_and_phone_digits(client, county, li_ming):
    app = submit(county.finance)
    actions.confirm_application(li_ming, app)
    page = client.post(
        "/applications/status/", {"receipt_code": app.receipt_code.lower(), "phone_last4": "5678"}
    )
    text = page.content.decode()
    assert "已受理" in text and "答复期限" in text
    assert "张" not in text.split("查询结果")[1] and ZHANG_SAN_PHONE not in text


def test_wrong_phone_and_unknown_code_get_the_same_answer(client, county):
    app = submit(county.finance)
    wrong_phone = client.post(
        "/applications/status/", {"receipt_code": app.receipt_code, "phone_last4": "0000"}
    )
    unknown = client.post(
        "/applications/status/", {"receipt_code": "YS2026-AAAA-BBBB", "phone_last4": "5678"}
    )

    def strip(response):
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return text.replace("YS2026-AAAA-BBBB", "").replace(app.receipt_code, "")

    assert strip(wrong_phone).replace("0000", "5678") == strip(unknown)
    assert "查询码或联系电话后四位不正确" in strip(unknown)


def test_status_lookups_are_rate_limited(client, county, settings):
    settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR = 3
    app = submit(county.finance)
    for _ in range(3):
        client.post("/applications/status/", {"receipt_code": "YS2026-AAAA-BBBB", "phone_last4": "1234"})
    right = client.post("/applications/status/", {"receipt_code": app.receipt_code, "phone_last4": "5678"})
    assert "查询次数过多" in right.content.decode() and "查询结果" not in right.content.decode()
