"""A new domain plugs in from its AppConfig.ready() and appears in the workbench: its menu entry, its
待办, its workflow (served by the one generic action view) and its audit events — without any shell
template being edited."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from gongkai.audit.actions import record_audit
from gongkai.audit.models import AuditEntry
from gongkai.common import registry
from tests.fakedomain.workflow import WIDGETS, Widget


@pytest.fixture
def fake_domain():
    with (
        registry.restoring(),
        override_settings(
            INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.fakedomain"],
            ROOT_URLCONF="tests.fakedomain.root_urls",
        ),
    ):
        yield


def test_the_fake_domain_appears_in_the_workbench(client, county, li_ming, zhang_wei, fake_domain):
    client.force_login(li_ming)
    page = client.get(reverse("workbench:home")).content.decode()
    assert '<a href="/workbench/fake/">测试业务</a>' in page
    assert '<tr class="due-soon"><td><a href="/workbench/fake/">待擦亮的小部件：一号</a>' in page

    record_audit(actor=li_ming, action="fakedomain.widget.polish", agency=county.finance)
    client.force_login(zhang_wei)
    page = client.get(reverse("audit:log"), {"app": "fakedomain"}).content.decode()
    assert '<option value="fakedomain" selected>测试业务</option>' in page
    assert "<td>擦亮小部件</td>" in page and "fakedomain.widget.polish" not in page


def test_the_registry_forgets_the_fake_domain_afterwards(client, county, li_ming):
    with (
        registry.restoring(),
        override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.fakedomain"]),
    ):
        assert "fakedomain" in {entry.key for entry in registry.menu("workbench")}
    assert "fakedomain" not in {entry.key for entry in registry.menu("workbench")}
    assert all(provider.__module__ != "tests.fakedomain.views" for provider in registry.todo_providers())
    with pytest.raises(ValueError, match="unregistered audit event 'fakedomain.widget.polish'"):
        record_audit(actor=li_ming, action="fakedomain.widget.polish", agency=county.finance)


@pytest.fixture
def widget(county, fake_domain):
    WIDGETS[1] = Widget(1, "一号小部件", county.finance)
    yield WIDGETS[1]
    WIDGETS.clear()


def test_the_fake_workflow_runs_through_the_generic_view(client, li_ming, widget):
    url = reverse("fakedomain:act", args=[widget.pk, "polish"])
    assert registry.workflow("fakedomain.widget").label("polish") == "擦亮"
    client.force_login(li_ming)
    page = client.get(url).content.decode()
    assert "<h1>擦亮</h1>" in page and "擦亮说明" in page and 'aria-current="page">测试业务' in page
    invalid = client.post(url, {"note": ""}).content.decode()
    assert "此项必须填写" in invalid and widget.state == "dusty"
    response = client.post(url, {"note": "用软布擦"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("fakedomain:home") and widget.state == "shiny"
    entry = AuditEntry.objects.get(action="fakedomain.widget.polish")
    assert entry.actor == li_ming and entry.note == "用软布擦"
    again = client.post(url, {"note": "再擦一次"}).content.decode()
    assert "小部件当前状态为“锃亮”，不能擦亮（仅在蒙尘时可以）" in again
    assert AuditEntry.objects.filter(action="fakedomain.widget.polish").count() == 1


def test_the_fake_workflow_refuses_by_the_table(client, wang_fang, liu_yang, widget):
    url = reverse("fakedomain:act", args=[widget.pk, "polish"])
    client.force_login(wang_fang)  # 县财政局 reviewer: not a clerk
    page = client.post(url, {"note": "擦"}).content.decode()
    assert "擦亮需要以下角色之一：信息公开工作人员" in page and widget.state == "dusty"
    client.force_login(liu_yang)  # another agency: the widget does not exist for them
    assert client.get(url).status_code == 404
    assert client.get(reverse("fakedomain:act", args=[widget.pk, "rust"])).status_code == 404
