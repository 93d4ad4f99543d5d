from django.test import override_settings
from django.urls import reverse


@override_settings(DEBUG=False)
def test_404_is_chinese(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_403_names_the_missing_role(client, li_ming):
    client.force_login(li_ming)
    response = client.get(reverse("audit:log"))
    assert response.status_code == 403 and "此功能需要以下角色之一" in response.content.decode()
