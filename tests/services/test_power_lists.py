"""A power list is adjusted as a new version (a copy of the current one), reviewed through the
workflow table and published; the portal shows the current version with the diff to the previous."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.services import actions
from gongkai.services.models import ListState
from gongkai.services.workflow import POWER_LISTS
from tests.services.helpers import ITEM, finance_power_list

pytestmark = pytest.mark.django_db


def publish(clerk, reviewer, pl):
    actions.submit_power_list(clerk, pl)
    return actions.publish_power_list(reviewer, pl)


@pytest.fixture
def two_versions(li_ming, wang_fang):
    """第1版 with three items; 第2版 removes one, renames one and adds one."""
    v1 = finance_power_list(li_ming, items=3)
    publish(li_ming, wang_fang, v1)
    v2 = actions.start_power_list(li_ming, li_ming.agency, note="依据新修订的条例调整")
    items = {i.name: i for i in v2.items.all()}
    actions.remove_power_item(li_ming, items["财政权责测试事项1"])
    actions.update_power_item(
        li_ming,
        items["财政权责测试事项2"],
        **{**ITEM, "name": "财政权责测试事项2", "basis": "《条例》第九条"},
    )
    actions.add_power_item(li_ming, v2, **{**ITEM, "name": "新增的行政检查事项", "kind": "inspection"})
    publish(li_ming, wang_fang, v2)
    return v1, v2


def test_review_flow(li_ming, wang_fang):
    pl = finance_power_list(li_ming)
    assert [t.action for t in POWER_LISTS.available(li_ming, pl)] == ["submit"]
    actions.submit_power_list(li_ming, pl)
    with pytest.raises(ActionRefused, match="权责清单当前状态为“审核中”，不能添加|不能再调整事项"):
        actions.add_power_item(li_ming, pl, **ITEM)
    with pytest.raises(ActionRefused, match="审核通过并发布需要以下角色之一"):
        actions.publish_power_list(li_ming, pl)
    actions.return_power_list(wang_fang, pl, reason="设定依据不全")
    pl.refresh_from_db()
    assert (pl.state, pl.return_reason) == (ListState.DRAFT, "设定依据不全")
    pl = publish(li_ming, wang_fang, pl)
    assert pl.state == ListState.PUBLISHED and pl.published_on
    codes = list(
        AuditEntry.objects.filter(action__startswith="services.power_list").values_list("action", flat=True)
    )
    assert codes.count("services.power_list.submit") == 2 and "services.power_list.publish" in codes


def test_an_empty_list_cannot_be_submitted(li_ming):
    pl = actions.start_power_list(li_ming, li_ming.agency)
    with pytest.raises(ActionRefused, match="权责清单还没有任何事项"):
        actions.submit_power_list(li_ming, pl)


def test_one_adjustment_at_a_time(li_ming):
    finance_power_list(li_ming)
    with pytest.raises(ActionRefused, match="已有一个正在调整或审核中的权责清单版本"):
        actions.start_power_list(li_ming, li_ming.agency)


def test_other_agencies_cannot_adjust_or_review(li_ming, liu_yang, chen_jing, county):
    pl = finance_power_list(li_ming)
    with pytest.raises(ActionRefused, match="只有示范县财政局的经办人员"):
        actions.start_power_list(chen_jing, county.finance)
    with pytest.raises(ActionRefused, match="只有示范县财政局的经办人员"):
        actions.add_power_item(chen_jing, pl, **ITEM)
    actions.submit_power_list(li_ming, pl)
    with pytest.raises(ActionRefused, match="只有示范县财政局及其主管部门的工作人员可以审核通过并发布"):
        actions.publish_power_list(chen_jing, pl)


def test_bad_item_shows_a_message_and_adds_nothing(li_ming):
    pl = finance_power_list(li_ming, items=0)
    with pytest.raises(ActionRefused, match="类型“licence”无效"):
        actions.add_power_item(li_ming, pl, **{**ITEM, "kind": "licence"})
    with pytest.raises(ActionRefused, match="请填写设定依据"):
        actions.add_power_item(li_ming, pl, **{**ITEM, "basis": "  "})
    assert not pl.items.exists()


def test_a_new_version_copies_the_current_one(two_versions):
    v1, v2 = two_versions
    assert v2.version == 2
    assert {i.key for i in v1.items.all()} & {i.key for i in v2.items.all()}  # keys follow items
    assert v1.items.count() == 3 and v2.items.count() == 3  # v1 unchanged by v2's adjustment


def test_public_page_shows_the_current_version_and_the_diff(client, county, two_versions):
    url = reverse("services:power_list", args=[county.finance.pk])
    page = client.get(url).content.decode()
    assert "第2版" in page and "与第1版相比的调整" in page
    assert "新增1项，取消1项，变更1项，未变1项" in page
    assert "新增的行政检查事项" in page and "本版新增" in page
    assert "原：《中华人民共和国政府采购法》第十九条" in page and "现：《条例》第九条" in page
    old = client.get(url + "?v=1").content.decode()
    assert "此为历史版本" in old and "新增的行政检查事项" not in old
    listing = client.get(reverse("services:power_lists")).content.decode()
    assert "示范县财政局" in listing and "第2版 · 3项" in listing


def test_a_draft_is_not_public(client, county, li_ming):
    finance_power_list(li_ming)
    assert client.get(reverse("services:power_list", args=[county.finance.pk])).status_code == 404


def test_workflow_pages(client, li_ming, wang_fang):
    pl = finance_power_list(li_ming)
    client.force_login(li_ming)
    url = reverse("services_staff:power_list_act", args=[pl.pk, "submit"])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    client.force_login(wang_fang)
    page = client.get(reverse("services_staff:power_list", args=[pl.pk])).content.decode()
    assert "审核通过并发布" in page and "退回修改" in page
    client.post(reverse("services_staff:power_list_act", args=[pl.pk, "publish"]))
    pl.refresh_from_db()
    assert pl.state == ListState.PUBLISHED
