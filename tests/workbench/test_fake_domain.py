"""A new domain plugs in from its AppConfig.ready() and appears in the workbench: its menu entry, its
待办 and its audit events — without any shell template being edited."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from gongkai.audit.actions import record_audit
from gongkai.common import registry


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
