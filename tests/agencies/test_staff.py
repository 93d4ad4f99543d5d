import pytest

from gongkai.agencies.actions import create_staff, set_staff_roles
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
