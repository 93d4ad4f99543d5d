"""办事指南: each required element left blank is shown as missing on the staff and public pages and
flagged for self-inspection (query and metric); published guides are searchable by name."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.services import actions, queries
from tests.services.helpers import finance_guide

pytestmark = pytest.mark.django_db

REQUIRED = {
    "name": "事项名称",
    "basis": "设定依据",
    "conditions": "申请条件",
    "materials": "办理材料",
    "location": "办理地点",
    "hours": "办理时间",
    "phone": "联系电话",
    "procedure": "办理流程",
}


@pytest.mark.parametrize("field", [f for f in REQUIRED if f != "name"])
def test_each_required_element_is_flagged_when_blank(li_ming, field):
    guide = finance_guide(li_ming, **{field: ""})
    assert guide.missing_elements() == [REQUIRED[field]]


def test_optional_elements_are_not_required(li_ming):
    guide = finance_guide(li_ming, fees="", time_limit="", faq="")
    assert guide.missing_elements() == []


def test_a_name_is_needed_to_save(li_ming):
    with pytest.raises(ActionRefused, match="请填写事项名称"):
        actions.create_service_guide(li_ming, agency=li_ming.agency, name=" ")


def test_self_inspection_query_and_metric(li_ming, liu_yang, county):
    incomplete = finance_guide(li_ming, phone="", procedure="")
    complete = actions.create_service_guide(
        None, agency=county.housing, name="住房公积金提取", **{f: "有" for f in REQUIRED if f != "name"}
    )
    assert queries.guides_missing_elements() == []  # drafts are not checked
    for guide in (incomplete, complete):
        actions.publish_service_guide(None, guide)
    found = queries.guides_missing_elements(county.government.subtree())
    assert [(f["guide"].name, f["missing"]) for f in found] == [
        ("财政票据领购测试指南", ["联系电话", "办理流程"])
    ]
    assert queries.guides_missing_elements([county.housing]) == []
    metric = registry.metrics()["services.guides.missing_elements"].fn
    assert metric(date(2026, 1, 1), date(2026, 12, 31)) == {county.finance.pk: 1}
    assert metric(date(2026, 1, 1), date(2026, 12, 31), [county.housing.pk]) == {}


def test_missing_elements_on_the_pages(client, li_ming):
    guide = finance_guide(li_ming, phone="")
    actions.publish_service_guide(li_ming, guide)
    public = client.get(reverse("services:guide", args=[guide.pk])).content.decode()
    assert "本指南缺少：联系电话" in public and "（缺少此项）" in public
    listing = client.get(reverse("services:guides")).content.decode()
    assert "财政票据领购测试指南" in listing and "（缺少联系电话）" in listing
    client.force_login(li_ming)
    staff = client.get(reverse("services_staff:guide", args=[guide.pk])).content.decode()
    assert "缺少必备要素：联系电话" in staff
    staff_list = client.get(reverse("services_staff:guides")).content.decode()
    assert "已发布的办事指南中有1篇缺少必备要素" in staff_list


def test_search_by_name_and_drafts_hidden(client, li_ming, county):
    actions.publish_service_guide(li_ming, finance_guide(li_ming))
    actions.create_service_guide(li_ming, agency=county.finance, name="未发布的草稿指南")
    page = client.get(reverse("services:guides"), {"q": "票据"}).content.decode()
    assert "“票据”：找到1项" in page and "财政票据领购测试指南" in page
    page = client.get(reverse("services:guides"), {"q": "公积金"}).content.decode()
    assert "没有找到名称含“公积金”的办事指南" in page
    assert "未发布的草稿指南" not in client.get(reverse("services:guides")).content.decode()


def test_staff_edit_page_saves_and_publishes(client, li_ming):
    guide = finance_guide(li_ming, phone="")
    client.force_login(li_ming)
    url = reverse("services_staff:guide", args=[guide.pk])
    data = {
        f: getattr(guide, f)
        for f in ("name", "theme", "basis", "conditions", "materials", "location", "hours", "procedure")
    }
    response = client.post(url, {**data, "phone": "0000-7654321", "do": "save"})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.phone == "0000-7654321" and guide.missing_elements() == []
    client.post(url, {"do": "publish"})
    guide.refresh_from_db()
    assert guide.state == "published"
