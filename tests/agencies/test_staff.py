import pytest

from gongkai.agencies.actions import create_staff, set_staff_password, set_staff_roles, update_staff
from gongkai.agencies.models import Role, Staff
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused


@pytest.mark.parametrize(
    "password, message",
    [("short1", "太短"), ("onlyletterspassword", "字母和数字"), ("1234567890123", "只包含数字")],
)
def test_weak_passwords_are_refused(county, password, message):
    with pytest.raises(ActionRefused, match=message):
        create_staff(None, username="weak", password=password, agency=county.finance, full_name="弱密码")
    assert not Staff.objects.filter(username="weak").exists()


def test_unknown_role_is_refused(county):
    with pytest.raises(ActionRefused, match="未知的角色"):
        create_staff(
            None, username="x", password="Good2026pass", agency=county.finance, full_name="某", roles=["boss"]
        )


def test_roles_are_changed_and_audited(li_ming):
    assert li_ming.has_role(Role.CLERK)
    set_staff_roles(None, li_ming, [Role.CLERK, Role.REVIEWER])
    fresh = Staff.objects.get(pk=li_ming.pk)
    assert fresh.role_set == {Role.CLERK, Role.REVIEWER}
    entry = AuditEntry.objects.filter(action="agencies.staff.set_roles").latest("seq")
    assert entry.before == {"roles": ["clerk"]} and entry.after == {"roles": ["clerk", "reviewer"]}


def test_details_status_and_roles_are_changed_in_one_audited_update(li_ming, county):
    update_staff(None, li_ming, title="副科长", agency=county.housing, roles=[Role.CLERK, Role.SYSADMIN])
    fresh = Staff.objects.get(pk=li_ming.pk)
    assert fresh.title == "副科长" and fresh.agency == county.housing and fresh.is_staff
    (entry,) = AuditEntry.objects.filter(action="agencies.staff.update")
    assert entry.before["roles"] == ["clerk"] and entry.after["roles"] == ["clerk", "sysadmin"]
    assert entry.before["agency"] == county.finance.pk and entry.after["agency"] == county.housing.pk
    update_staff(None, fresh, title="副科长")  # nothing changed: no entry
    assert AuditEntry.objects.filter(action="agencies.staff.update").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agency": None}, "工作人员必须属于一个机关"),
        ({"roles": ["boss"]}, "未知的角色：boss"),
        ({"username": "someone"}, "不能修改这些字段：username"),
    ],
)
def test_update_refusals(li_ming, changes, message):
    with pytest.raises(ActionRefused, match=message):
        update_staff(None, li_ming, **changes)
    assert Staff.objects.get(pk=li_ming.pk).agency_id == li_ming.agency_id


def test_one_cannot_lock_oneself_out(county):
    root = create_staff(None, username="root", password="Good2026pass", agency=county.government,
                        full_name="周敏", roles=[Role.SYSADMIN], is_superuser=True)  # fmt: skip
    with pytest.raises(ActionRefused, match="不能停用自己的账号"):
        update_staff(root, root, is_active=False)
    with pytest.raises(ActionRefused, match="不能取消自己的超级管理员身份"):
        update_staff(root, root, is_superuser=False)


def test_a_new_password_is_checked_and_audited_without_itself(li_ming):
    with pytest.raises(ActionRefused, match="太短"):
        set_staff_password(None, li_ming, "short1")
    set_staff_password(None, li_ming, "Renewed2027pass")
    assert Staff.objects.get(pk=li_ming.pk).check_password("Renewed2027pass")
    entry = AuditEntry.objects.get(action="agencies.staff.set_password")
    assert entry.before is None and entry.after is None and "Renewed2027pass" not in entry.note
