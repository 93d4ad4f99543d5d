"""System administrators manage agencies in the Chinese admin; saves go through the actions."""

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Agency, Role
from gongkai.audit.models import AuditEntry
from gongkai.demo.county import demo_credit_code
from tests.conftest import PASSWORD


def _admin(county):
    return create_staff(
        None,
        username="root",
        password=PASSWORD,
        agency=county.government,
        full_name="管理员",
        roles=[Role.SYSADMIN],
        is_superuser=True,
    )


def _form(county, **overrides):
    data = {
        "name": "示范县统计局",
        "short_name": "县统计局",
        "parent": county.government.pk,
        "level": "county",
        "kind": "department",
        "credit_code": demo_credit_code(77),
        "site_code": "",
        "supervises": "",
        "sort_order": 9,
        "is_active": "on",
        "doc_prefixes_text": "示统发，示统字",
    }
    data.update(overrides)
    return data


def test_admin_is_chinese(client, county):
    client.force_login(_admin(county))
    page = client.get("/admin/agencies/agency/").content.decode()
    assert "机关" in page and "系统管理" in page


def test_admin_creates_agency_through_the_action(client, county):
    client.force_login(_admin(county))
    response = client.post("/admin/agencies/agency/add/", _form(county))
    assert response.status_code == 302
    agency = Agency.objects.get(name="示范县统计局")
    assert agency.doc_prefixes == ["示统发", "示统字"] and agency.is_within(county.government)
    assert AuditEntry.objects.filter(action="agencies.agency.create", object_id=str(agency.pk)).exists()


def test_admin_refuses_a_wrong_credit_code(client, county):
    client.force_login(_admin(county))
    response = client.post("/admin/agencies/agency/add/", _form(county, credit_code="11441700007280420X"))
    assert response.status_code == 200 and "校验位错误" in response.content.decode()
    assert not Agency.objects.filter(name="示范县统计局").exists()


def test_admin_changes_an_agency_through_the_action_or_shows_its_refusal(client, county):
    client.force_login(_admin(county))
    url = f"/admin/agencies/agency/{county.housing.pk}/change/"
    data = _form(
        county,
        name=county.housing.name,
        short_name="县住建局",
        credit_code=county.housing.credit_code,
        doc_prefixes_text="示建发",
    )
    refused = client.post(url, data | {"credit_code": "11441700007280420X"})
    assert refused.status_code == 200 and "校验位错误" in refused.content.decode()
    assert Agency.objects.get(pk=county.housing.pk).credit_code == county.housing.credit_code
    assert not AuditEntry.objects.filter(action="agencies.agency.update").exists()

    assert client.post(url, data).status_code == 302
    assert Agency.objects.get(pk=county.housing.pk).doc_prefixes == ["示建发"]
    assert (
        AuditEntry.objects.filter(action="agencies.agency.update", object_id=str(county.housing.pk)).count()
        == 1
    )
