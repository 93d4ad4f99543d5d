"""The workbench's token page: a system administrator or supervisor issues (shown once) and revokes;
others are refused; an agency sees only its own tokens."""

from __future__ import annotations

from gongkai.api.models import ApiToken

from .helpers import issue


def test_an_administrator_issues_a_token_shown_once(client, he_jing, county):
    client.force_login(he_jing)
    response = client.post(
        "/workbench/api/",
        {"name": "本局OA系统对接", "scopes": ["messages:read", "applications:read"], "valid_days": "90"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    page = response.content.decode()
    assert "新令牌已签发：本局OA系统对接" in page and token.prefix in page
    assert token.scopes == ["messages:read", "applications:read"] and token.agency == county.finance
    again = client.get("/workbench/api/").content.decode()
    assert "新令牌已签发" not in again and "本局OA系统对接" in again


def test_every_error_of_the_form_at_once(client, he_jing):
    client.force_login(he_jing)
    page = client.post("/workbench/api/", {"name": "", "valid_days": "7"}).content.decode()
    assert "这个字段是必填项" in page or "此字段为必填项" in page or "必填" in page
    assert "请至少选择一项权限范围" in page
    assert "有效期应为30、90、180或365天" in page
    assert not ApiToken.objects.exists()


def test_revoking_from_the_page(client, he_jing):
    token, _raw = issue(he_jing)
    client.force_login(he_jing)
    assert "确认吊销" in client.get(f"/workbench/api/{token.pk}/revoke/").content.decode()
    response = client.post(f"/workbench/api/{token.pk}/revoke/", follow=True)
    assert "已吊销" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_by == he_jing


def test_a_clerk_is_refused_and_another_agency_sees_nothing(client, li_ming, he_jing, gao_feng):
    token, _raw = issue(he_jing)
    client.force_login(li_ming)
    assert client.get("/workbench/api/").status_code == 403
    client.force_login(gao_feng)
    assert "本局OA系统对接" not in client.get("/workbench/api/").content.decode()
    assert client.get(f"/workbench/api/{token.pk}/revoke/").status_code == 404
