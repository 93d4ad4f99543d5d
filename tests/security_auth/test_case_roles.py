"""Least privilege: only the roles that handle applications and the supervising office open
依申请公开 case pages; a responder, an opinion analyst, a spokesperson, a secrecy reviewer and a
system administrator get the Chinese 403 page on every one of them, even in their own agency."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.common import registry
from tests.conftest import PASSWORD
from tests.scope_registry import STAFF_URLS

CASE_URLS = sorted(name for name in STAFF_URLS if name.startswith("applications_staff:"))
REFUSAL = "此功能需要以下角色之一：信息公开工作人员、审核人、审发人、主管部门"


@pytest.fixture
def people(li_ming, zhao_qiang, chen_jing):
    return {"owner": li_ming, "supervisor": zhao_qiang, "outsider": chen_jing}


def test_every_case_url_is_covered():
    assert len(CASE_URLS) == 9  # list, register, report, detail, act, reveal, notice, two downloads


@pytest.mark.parametrize("name", CASE_URLS)
def test_the_responder_gets_403_on_every_case_page(client, county, people, liu_yang, name):
    kwargs, _ = STAFF_URLS[name](county, people)
    client.force_login(liu_yang)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    assert REFUSAL in response.content.decode() or (
        name == "applications_staff:register" and "信息公开工作人员、主管部门" in response.content.decode()
    )


@pytest.mark.parametrize(
    "role", [Role.RESPONDER, Role.OPINION_ANALYST, Role.SPOKESPERSON, Role.SECRECY_REVIEWER, Role.SYSADMIN]
)
@pytest.mark.parametrize(
    "name",
    [
        "applications_staff:list",
        "applications_staff:detail",
        "applications_staff:act",
        "applications_staff:reveal",
    ],
)
def test_other_roles_of_the_same_agency_get_403(client, county, people, role, name):
    """The case is 县财政局's own: the refusal is the role, not the scope."""
    kwargs, _ = STAFF_URLS[name](county, people)
    colleague = create_staff(
        None,
        username=f"finance_{role}",
        password=PASSWORD,
        agency=county.finance,
        full_name="同事",
        roles=[role],
    )
    client.force_login(colleague)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403 and REFUSAL in response.content.decode()


@pytest.mark.parametrize("name", ["applications_staff:list", "applications_staff:detail"])
@pytest.mark.parametrize("person", ["li_ming", "wang_fang", "zhang_wei", "zhao_qiang"])
def test_the_handling_roles_and_the_supervisor_get_in(client, county, people, request, person, name):
    kwargs, _ = STAFF_URLS[name](county, people)
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


def test_the_menu_entry_is_shown_to_the_handling_roles_only(liu_yang, li_ming, zhao_qiang):
    entry = next(e for e in registry.menu("workbench") if e.key == "applications")
    assert not entry.shown_to(liu_yang)
    assert entry.shown_to(li_ming) and entry.shown_to(zhao_qiang)


def test_the_responders_workbench_has_no_applications_link(client, liu_yang):
    client.force_login(liu_yang)
    html = client.get(reverse("workbench:home")).content.decode()
    assert reverse("applications_staff:list") not in html
