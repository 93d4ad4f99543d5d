"""需求征集: idempotent, rate-limited public form; answered by the chosen agency within its deadline;
the answer is public, the requester's name and contact never are."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.common.errors import ActionRefused
from gongkai.opendata import actions_access as actions
from gongkai.opendata.models import DataRequest
from tests.opendata.access_helpers import at

pytestmark = pytest.mark.django_db


def _form(client, county):
    page = client.get(reverse("opendata:request_new"))
    key = page.context["form"]["idempotency_key"].value()
    return {
        "agency": county.finance.pk,
        "title": "全县公交站点位置",
        "description": "希望开放公交站点坐标，联系人李四，电话13800138000。",
        "requester_name": "李四",
        "contact": "13800138000",
        "idempotency_key": key,
    }


def test_back_and_resubmit_gives_the_same_receipt(client, county):
    with at(date(2026, 3, 2)):
        data = _form(client, county)
        first = client.post(reverse("opendata:request_new"), data)
        again = client.post(reverse("opendata:request_new"), data)
        receipt = client.get(first["Location"]).content.decode()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    req = DataRequest.objects.get()
    assert req.due_on == date(2026, 3, 16)
    assert req.receipt_code in receipt


def test_every_error_at_once_and_nothing_saved(client, county):
    data = {**_form(client, county), "title": "", "contact": "", "agency": ""}
    page = client.post(reverse("opendata:request_new"), data).content.decode()
    assert all(m in page for m in ("请填写需求的数据", "请填写联系方式", "请选择数据提供单位"))
    assert not DataRequest.objects.exists()


def test_rate_limited_per_address(client, county, settings):
    settings.GONGKAI_OPENDATA_FORMS_PER_IP_PER_HOUR = 1
    with at(date(2026, 3, 2)):
        client.post(reverse("opendata:request_new"), _form(client, county))
        second = {**_form(client, county), "title": "另一个需求", "description": "别的内容"}
        page = client.post(reverse("opendata:request_new"), second).content.decode()
    assert "同一网络地址一小时内提交次数过多" in page
    assert DataRequest.objects.count() == 1


def test_the_answer_is_public_and_personal_data_is_not(client, county, li_ming, liu_yang):
    with at(date(2026, 3, 2)):
        client.post(reverse("opendata:request_new"), _form(client, county))
        req = DataRequest.objects.get()
        with pytest.raises(ActionRefused, match="只有县财政局的工作人员才能答复数据开放需求"):
            actions.answer_data_request(liu_yang, req, outcome="will_open", answer="好")
        actions.answer_data_request(li_ming, req, outcome="will_open", answer="将于6月开放，已告知李四。")
        with pytest.raises(ActionRefused, match="该需求已经答复"):
            actions.answer_data_request(li_ming, req, outcome="cannot", answer="再答一次")
    page = client.get(reverse("opendata:requests")).content.decode()
    assert "全县公交站点位置" in page and "将予开放" in page and "将于6月开放" in page
    assert "李四" not in page and "13800138000" not in page
    req.refresh_from_db()
    assert req.clock.state == "stopped"
