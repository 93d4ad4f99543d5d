from django.urls import reverse


def test_home_lists_agencies(client, county):
    page = client.get(reverse("portal:home")).content.decode()
    assert "示范县人民政府" in page and 'lang="zh-CN"' in page and "网站标识码" in page


def test_agency_page(client, county):
    response = client.get(reverse("publishing:openness", args=[county.finance.pk]))
    assert response.status_code == 200 and county.finance.credit_code in response.content.decode()


def test_inactive_agency_is_not_public(client, county):
    from gongkai.agencies.actions import update_agency

    update_agency(None, county.housing, is_active=False)
    assert client.get(reverse("publishing:openness", args=[county.housing.pk])).status_code == 404


def test_login_throttling_locks_after_repeated_failures(client, li_ming, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("workbench:login"), {"username": "liming", "password": "wrong-1234"})
    response = client.post(reverse("workbench:login"), {"username": "liming", "password": "Test2026pass"})
    assert "暂时锁定" in response.content.decode()
