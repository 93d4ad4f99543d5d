"""Two-factor login of staff, through the real pages and the real enforcement (no force_login for
the person signing in): password, then a TOTP code or a recovery code; enrolment; reset."""

from __future__ import annotations

import importlib
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies import actions
from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.agencies.twofactor import PENDING_KEY_SESSION_KEY, current_code, totp_for
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from tests.conftest import PASSWORD

LOGIN = "/workbench/login/"
CODE = "/workbench/login/code/"
ENROL = "/workbench/two-factor/enrol/"
HOME = "/workbench/"


def password_step(client, username: str, next_url: str = ""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def enrolled(staff) -> TOTPDevice:
    """Bind a device through the real action with the code an app would show."""
    key = "3132333435363738393031323334353637383930"  # RFC 6238's test secret
    device, _ = actions.enrol_two_factor(staff, staff, key=key, token=current_code(key))
    device.last_t -= 1  # as if the enrolment was one step ago, so the current code works once more
    device.save(update_fields=["last_t"])
    return device


def _wrong_code(device: TOTPDevice) -> str:
    """Six digits that no step within the tolerance accepts."""
    totp = totp_for(device.key)
    near = set()
    for step in (-1, 0, 1):
        totp.time = time.time() + step * device.step
        near.add(f"{totp.token():06d}")
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in near)


@pytest.fixture
def sysadmin(county):
    return create_staff(
        None, username="zhoumin", password=PASSWORD, agency=county.government, full_name="周敏",
        roles=[Role.SYSADMIN], is_superuser=True,
    )  # fmt: skip


@pytest.fixture
def no_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


# --- who is asked ------------------------------------------------------------------------------


def test_a_supervisor_without_a_device_goes_to_enrolment_and_nowhere_else(client, zhao_qiang):
    response = password_step(client, "zhaoqiang")
    assert response.status_code == 302
    assert response.url.startswith(ENROL)
    for url in (HOME, reverse("applications_staff:list"), reverse("agencies:list"), "/admin/"):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked.url.startswith(ENROL), url
    page = client.get(ENROL)
    assert page.status_code == 200
    assert b"<svg" in page.content and "须输入动态验证码" in page.content.decode()
    assert 'class="site-nav"' not in page.content.decode()  # no menu before the second factor


def test_a_clerk_without_a_device_signs_in_with_the_password_alone(client, li_ming):
    response = password_step(client, "liming")
    assert response.url == HOME
    assert client.get(HOME).status_code == 200


def test_a_clerk_who_enrolled_is_asked_for_the_code(client, li_ming):
    enrolled(li_ming)
    response = password_step(client, "liming")
    assert response.url.startswith(CODE)
    assert client.get(HOME).url.startswith(CODE)


def test_the_setting_decides_which_roles_must_enrol(client, settings, li_ming, zhao_qiang):
    settings.GONGKAI_2FA_ROLES = frozenset({"clerk"})
    assert password_step(client, "liming").url.startswith(ENROL)
    client.logout()
    assert password_step(client, "zhaoqiang").url == HOME


def test_every_2fa_role_name_in_settings_is_a_role():
    module = importlib.import_module("gongkai.settings")
    assert module._KNOWN_ROLES - {"*", "none"} == set(Role.values)


def test_a_sysadmin_is_kept_out_of_admin_until_the_code(client, sysadmin):
    enrolled(sysadmin)
    password_step(client, "zhoumin")
    response = client.get("/admin/agencies/staff/")
    assert response.status_code == 302 and response.url.startswith(CODE)
    device = TOTPDevice.objects.get(user=sysadmin)
    client.post(CODE, {"token": current_code(device.key)})
    assert client.get("/admin/agencies/staff/").status_code == 200


def test_the_admin_login_page_is_the_workbench_login(client):
    response = client.get("/admin/login/?next=/admin/agencies/")
    assert response.status_code == 302
    assert response.url == "/workbench/login/?next=%2Fadmin%2Fagencies%2F"


# --- the code step -----------------------------------------------------------------------------


def test_the_current_code_signs_in_and_returns_to_next(client, zhao_qiang, no_throttle):
    device = enrolled(zhao_qiang)
    password_step(client, "zhaoqiang", next_url="/workbench/agencies/")
    wrong = client.post(CODE, {"token": _wrong_code(device)})
    assert "验证码或恢复码不正确" in wrong.content.decode()
    assert client.get(HOME).url.startswith(CODE)
    response = client.post(CODE, {"token": current_code(device.key), "next": "/workbench/agencies/"})
    assert response.status_code == 302 and response.url == "/workbench/agencies/"
    assert client.get(HOME).status_code == 200


def test_a_code_is_accepted_once(client, zhao_qiang, no_throttle):
    device = enrolled(zhao_qiang)
    code = current_code(device.key)
    password_step(client, "zhaoqiang")
    assert client.post(CODE, {"token": code}).url == HOME
    client.logout()
    password_step(client, "zhaoqiang")
    replay = client.post(CODE, {"token": code})
    assert "验证码或恢复码不正确" in replay.content.decode()
    assert client.get(HOME).url.startswith(CODE)


def test_failed_codes_slow_down_the_next_try(client, zhao_qiang):
    device = enrolled(zhao_qiang)
    password_step(client, "zhaoqiang")
    client.post(CODE, {"token": _wrong_code(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    # Right after a failure even the right code waits (django-otp's exponential back-off).
    refused = client.post(CODE, {"token": current_code(device.key)})
    assert "验证码或恢复码不正确" in refused.content.decode()


def test_a_recovery_code_signs_in_once_and_is_audited(client, zhao_qiang, no_throttle):
    enrolled(zhao_qiang)
    codes = list(StaticToken.objects.filter(device__user=zhao_qiang).values_list("token", flat=True))
    assert len(codes) == 10
    password_step(client, "zhaoqiang")
    response = client.post(CODE, {"token": codes[0].upper()}, follow=True)
    assert "已使用恢复码登录，还剩 9 个恢复码" in response.content.decode()
    entry = AuditEntry.objects.get(action="agencies.recovery_code.use")
    assert entry.actor == zhao_qiang and "剩余 9 个" in entry.note
    client.logout()
    password_step(client, "zhaoqiang")
    assert "验证码或恢复码不正确" in client.post(CODE, {"token": codes[0]}).content.decode()


# --- enrolment ---------------------------------------------------------------------------------


def test_enrolment_confirms_with_one_code_and_shows_the_recovery_codes_once(client, zhao_qiang):
    password_step(client, "zhaoqiang")
    page = client.get(ENROL).content.decode()
    key = client.session[PENDING_KEY_SESSION_KEY]
    assert client.get(ENROL).content.decode().count("<svg") == 1
    assert client.session[PENDING_KEY_SESSION_KEY] == key  # reloading keeps the same secret
    assert "密钥" in page

    wrong = client.post(ENROL, {"token": "12"})
    assert "验证码不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=zhao_qiang).exists()

    response = client.post(ENROL, {"token": current_code(key)}, follow=True)
    html = response.content.decode()
    assert "恢复码（只显示这一次）" in html
    codes = StaticToken.objects.filter(device__user=zhao_qiang).values_list("token", flat=True)
    assert all(code in html for code in codes)
    assert TOTPDevice.objects.get(user=zhao_qiang).confirmed
    assert AuditEntry.objects.filter(
        action="agencies.two_factor.enrol", object_id=str(zhao_qiang.pk)
    ).exists()
    again = client.get(reverse("workbench:two_factor")).content.decode()
    assert "只显示这一次" not in again and "剩余恢复码 10 个" in again
    assert client.get(HOME).status_code == 200


def test_enrolment_is_refused_when_a_device_is_bound(zhao_qiang):
    enrolled(zhao_qiang)
    with pytest.raises(ActionRefused, match="已绑定动态口令；如需更换，请联系系统管理员重置"):
        actions.enrol_two_factor(zhao_qiang, zhao_qiang, key="00" * 20, token="123456")


def test_renewing_recovery_codes_voids_the_old_ones(client, li_ming):
    enrolled(li_ming)
    old = set(StaticToken.objects.filter(device__user=li_ming).values_list("token", flat=True))
    client.force_login(li_ming)
    response = client.post(reverse("workbench:two_factor"), follow=True)
    new = set(StaticToken.objects.filter(device__user=li_ming).values_list("token", flat=True))
    assert len(new) == 10 and not old & new
    assert all(code in response.content.decode() for code in new)
    assert AuditEntry.objects.filter(action="agencies.recovery_code.renew").count() == 1


# --- reset -------------------------------------------------------------------------------------


def test_a_sysadmin_resets_a_lost_device_and_the_next_login_enrols_again(client, sysadmin, zhao_qiang):
    enrolled(zhao_qiang)
    actions.reset_two_factor(sysadmin, zhao_qiang)
    assert not TOTPDevice.objects.filter(user=zhao_qiang).exists()
    assert not StaticToken.objects.filter(device__user=zhao_qiang).exists()
    entry = AuditEntry.objects.get(action="agencies.two_factor.reset")
    assert entry.actor == sysadmin and entry.object_id == str(zhao_qiang.pk)
    assert password_step(client, "zhaoqiang").url.startswith(ENROL)


def test_only_a_sysadmin_may_reset(li_ming, zhao_qiang):
    enrolled(zhao_qiang)
    with pytest.raises(ActionRefused, match="只有系统管理员可以重置双因素认证"):
        actions.reset_two_factor(li_ming, zhao_qiang)
    assert TOTPDevice.objects.filter(user=zhao_qiang).exists()


def test_the_admin_staff_list_resets_through_the_action(client, sysadmin, zhao_qiang):
    enrolled(zhao_qiang)
    client.force_login(sysadmin)
    response = client.post(
        "/admin/agencies/staff/",
        {"action": "reset_two_factor", "_selected_action": [zhao_qiang.pk]},
        follow=True,
    )
    assert "已重置双因素认证：赵强" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=zhao_qiang).exists()
    assert AuditEntry.objects.filter(action="agencies.two_factor.reset", actor=sysadmin).exists()


def test_the_demo_accounts_that_need_two_factors_get_the_documented_secret(db):
    from gongkai.demo import county

    county.build_county()
    device = TOTPDevice.objects.get(user__username=county.demo_username("xzfb", Role.SUPERVISOR))
    assert device.key == "".join(f"{b:02x}" for b in __import__("base64").b32decode(county.DEMO_TOTP_SECRET))
    assert not TOTPDevice.objects.filter(user__username=county.demo_username("czj", Role.CLERK)).exists()
    before = TOTPDevice.objects.count()
    county.build_county()
    assert TOTPDevice.objects.count() == before  # rerunning the demo changes nothing
