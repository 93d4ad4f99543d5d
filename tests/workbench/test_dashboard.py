"""督查看板: the domains' panels, shown by role, hidden when their context is None."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.scope import visible_agencies
from gongkai.common import registry


def _panel(request):
    return {"names": sorted(a.name for a in visible_agencies(request.user))}


@pytest.fixture
def panels(settings, tmp_path):
    (tmp_path / "panel.html").write_text("<ul>{% for n in names %}<li>{{ n }}</li>{% endfor %}</ul>")
    # A new TEMPLATES value (not an in-place change) sends setting_changed, which resets the engines.
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    with registry.restoring():
        registry.register_dashboard_panel(
            "fake_due", "测试面板：超期事项", template="panel.html", context=_panel
        )
        registry.register_dashboard_panel(
            "fake_hidden", "不应显示的面板", template="panel.html", context=lambda request: None, order=1
        )
        yield


def test_supervisor_sees_registered_panels_in_scope(client, panels, zhao_qiang, county):
    client.force_login(zhao_qiang)
    page = client.get(reverse("workbench:dashboard")).content.decode()
    assert "测试面板：超期事项" in page
    assert county.finance.name in page
    assert county.neighbour.name not in page
    assert "不应显示的面板" not in page


def test_clerk_cannot_open_the_dashboard(client, panels, li_ming):
    client.force_login(li_ming)
    assert client.get(reverse("workbench:dashboard")).status_code == 403


def test_menu_shows_dashboard_to_supervisors_only(client, zhao_qiang, li_ming):
    client.force_login(zhao_qiang)
    assert "督查看板" in client.get(reverse("workbench:home")).content.decode()
    client.force_login(li_ming)
    assert "督查看板" not in client.get(reverse("workbench:home")).content.decode()
