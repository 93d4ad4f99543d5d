"""办件查询: progress recorded idempotently on case number + step (pushed or imported from CSV, all
or nothing); the public lookup answers the same for an unknown number and a wrong phone tail, and
is rate-limited."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.services import actions, importing
from gongkai.services.models import CaseStep, ServiceCase
from gongkai.services.public_views import NOT_FOUND
from tests.services.helpers import finance_case

pytestmark = pytest.mark.django_db


def push(clerk, **extra):
    fields = {
        "number": "CZ2026000123",
        "service_name": "财政票据领购",
        "phone": "13800004321",
        "step": "审查",
        "status": "审查中",
        "happened_at": datetime(2026, 5, 9, 10, 0),
        **extra,
    }
    return actions.record_case_progress(clerk, agency=clerk.agency, **fields)


def test_the_same_step_twice_changes_nothing(li_ming):
    finance_case(li_ming)
    _, changed = push(li_ming)
    assert changed
    audits = AuditEntry.objects.filter(action="services.case.record").count()
    _, changed = push(li_ming)
    assert not changed
    assert AuditEntry.objects.filter(action="services.case.record").count() == audits
    _, changed = push(li_ming, status="审查通过")  # a corrected step replaces the earlier one
    assert changed
    assert list(CaseStep.objects.values_list("step", "status")) == [("受理", "已受理"), ("审查", "审查通过")]


def test_refusals(li_ming, liu_yang, county):
    finance_case(li_ming)
    with pytest.raises(ActionRefused, match="手机号后四位与已记录的不一致"):
        push(li_ming, phone="1111")
    with pytest.raises(ActionRefused, match="至少要有4位数字"):
        push(li_ming, phone="12")
    other = actions.record_case_progress
    with pytest.raises(ActionRefused, match="已被其他机关使用"):
        other(None, agency=county.housing, number="CZ2026000123", service_name="x", phone="4321",
              step="受理", status="已受理", happened_at=datetime(2026, 5, 8, 9, 0))  # fmt: skip


def lookup(client, number, tail):
    return client.post(
        reverse("services:case_lookup"), {"number": number, "phone_tail": tail}
    ).content.decode()


def test_lookup(client, li_ming):
    finance_case(li_ming)
    page = lookup(client, "CZ2026000123", "4321")
    assert "财政票据领购" in page and "已受理" in page
    wrong = lookup(client, "CZ2026000123", "0000")
    unknown = lookup(client, "CZ2099999999", "4321")
    assert NOT_FOUND in wrong and NOT_FOUND in unknown
    assert "已受理" not in wrong
    assert "请输入4位数字" in lookup(client, "CZ2026000123", "43a1")


def test_lookup_is_rate_limited(client, li_ming, settings):
    settings.GONGKAI_CASE_LOOKUPS_PER_IP_PER_HOUR = 2
    finance_case(li_ming)
    lookup(client, "CZ2099999999", "0000")
    lookup(client, "CZ2099999998", "0000")
    page = lookup(client, "CZ2026000123", "4321")
    assert "查询过于频繁，请一小时后再试" in page and "已受理" not in page


CSV = (
    "办件编号,事项名称,手机号,环节,状态,办理时间,说明\n"
    "CZ001,财政票据领购,13800001111,受理,已受理,2026-05-08 09:30,\n"
    "CZ001,财政票据领购,13800001111,办结,已办结,2026-05-10 16:00,可到窗口领取\n"
    "CZ002,政府采购代理机构登记,13900002222,受理,已受理,2026/05/09 10:00,\n"
)


def test_csv_import_gbk(li_ming):
    rows = importing.read_cases(CSV.encode("gbk"))
    counts = actions.import_case_progress(li_ming, agency=li_ming.agency, rows=rows, source_name="cases.csv")
    assert counts == {"rows": 3, "changed": 3}
    assert ServiceCase.objects.count() == 2
    counts = actions.import_case_progress(
        li_ming, agency=li_ming.agency, rows=importing.read_cases(CSV.encode())
    )
    assert counts == {"rows": 3, "changed": 0}  # the same file again


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("办件编号,事项名称,环节\nCZ1,x,受理\n", "文件缺少以下列：手机号、状态、办理时间"),
        (CSV + "CZ003,x,13800003333,受理,已受理\n", "第5行有5列，列名行有7列"),
        (CSV + "CZ003,x,13800003333,受理,已受理,昨天,\n", "第5行：办理时间“昨天”无法识别"),
        (
            CSV + "CZ003,x,12,受理,已受理,2026-05-08,\n",
            "第5行：申请人手机号（或其后四位）至少要有4位数字，整个文件未导入",
        ),
    ],
)
def test_bad_csv_imports_nothing(li_ming, text, message):
    with pytest.raises(ActionRefused, match=message):
        rows = importing.read_cases(text.encode())
        actions.import_case_progress(li_ming, agency=li_ming.agency, rows=rows)
    assert not ServiceCase.objects.exists()


def test_import_page(client, li_ming):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(li_ming)
    upload = SimpleUploadedFile("cases.csv", CSV.encode("gbk"), content_type="text/csv")
    response = client.post(
        reverse("services_staff:case_import"), {"agency": li_ming.agency_id, "file": upload}
    )
    assert response.status_code == 302
    page = client.get(reverse("services_staff:cases")).content.decode()
    assert "CZ001" in page and "政府采购代理机构登记" in page
