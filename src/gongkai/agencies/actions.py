"""Every write to agencies and staff."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import credit_code_problem, phone_problem
from gongkai.common.numbering import number_pattern_problem

from .models import Agency, Kind, Level, Role, Staff, StaffRole
from .twofactor import RECOVERY_CODE_COUNT, totp_for

AGENCY_FIELDS = [
    "name",
    "short_name",
    "parent",
    "level",
    "kind",
    "credit_code",
    "doc_prefixes",
    "site_code",
    "supervises",
    "address",
    "phone",
    "notice_number_pattern",
]


def _check_agency_fields(*, name: str, level: str, kind: str, credit_code: str, site_code: str) -> None:
    if not name.strip():
        raise ActionRefused("机关全称不能为空", field="name")
    if level not in Level.values:
        raise ActionRefused(f"未知的机关层级：{level}", field="level")
    if kind not in Kind.values:
        raise ActionRefused(f"未知的机关类型：{kind}", field="kind")
    problem = credit_code_problem(credit_code)
    if problem:
        raise ActionRefused(problem, field="credit_code")
    if site_code and (len(site_code) != 10 or not site_code.isdigit()):
        raise ActionRefused("网站标识码应为10位数字", field="site_code")


def _clean_prefixes(doc_prefixes: Iterable[str]) -> list[str]:
    return [p.strip() for p in doc_prefixes if p and p.strip()]


@transaction.atomic
def create_agency(
    actor: Staff | None,
    *,
    name: str,
    level: str,
    kind: str,
    credit_code: str,
    parent: Agency | None = None,
    short_name: str = "",
    doc_prefixes: Iterable[str] = (),
    site_code: str = "",
    supervises: Agency | None = None,
    sort_order: int = 0,
    is_active: bool = True,
    address: str = "",
    phone: str = "",
    notice_number_pattern: str = "",
) -> Agency:
    credit_code = credit_code.strip().upper()
    _check_contact(phone=phone, notice_number_pattern=notice_number_pattern)
    _check_agency_fields(name=name, level=level, kind=kind, credit_code=credit_code, site_code=site_code)
    if Agency.objects.filter(credit_code=credit_code).exists():
        raise ActionRefused(f"统一社会信用代码 {credit_code} 已被其他机关使用", field="credit_code")
    if Agency.objects.filter(name=name.strip()).exists():
        raise ActionRefused(f"机关“{name}”已存在", field="name")
    agency = Agency.objects.create(
        name=name.strip(),
        short_name=short_name.strip(),
        parent=parent,
        level=level,
        kind=kind,
        credit_code=credit_code,
        doc_prefixes=_clean_prefixes(doc_prefixes),
        site_code=site_code,
        supervises=supervises,
        sort_order=sort_order,
        is_active=is_active,
        address=address.strip(),
        phone=phone.strip(),
        notice_number_pattern=notice_number_pattern.strip(),
    )
    agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.save(update_fields=["path"])
    record_audit(
        actor=actor,
        action="agencies.agency.create",
        target=agency,
        agency=agency,
        after=snapshot(agency, AGENCY_FIELDS),
    )
    return agency


def _check_contact(*, phone: str, notice_number_pattern: str) -> None:
    if phone and phone_problem(phone):
        raise ActionRefused(phone_problem(phone), field="phone")
    if notice_number_pattern and number_pattern_problem(notice_number_pattern):
        raise ActionRefused(number_pattern_problem(notice_number_pattern), field="notice_number_pattern")


@transaction.atomic
def update_agency(actor: Staff | None, agency: Agency, **changes) -> Agency:
    """Change an agency's fields; moving it under another parent moves its whole subtree."""
    unknown = set(changes) - set(AGENCY_FIELDS) - {"sort_order", "is_active"}
    if unknown:
        raise ActionRefused(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = snapshot(agency, AGENCY_FIELDS)
    if "doc_prefixes" in changes:
        changes["doc_prefixes"] = _clean_prefixes(changes["doc_prefixes"])
    if "credit_code" in changes:
        changes["credit_code"] = changes["credit_code"].strip().upper()
    for key in ("address", "phone", "notice_number_pattern"):
        if key in changes:
            changes[key] = (changes[key] or "").strip()
    _check_contact(
        phone=changes.get("phone", ""), notice_number_pattern=changes.get("notice_number_pattern", "")
    )
    for key, value in changes.items():
        setattr(agency, key, value)
    _check_agency_fields(
        name=agency.name,
        level=agency.level,
        kind=agency.kind,
        credit_code=agency.credit_code,
        site_code=agency.site_code,
    )
    if Agency.objects.exclude(pk=agency.pk).filter(credit_code=agency.credit_code).exists():
        raise ActionRefused(f"统一社会信用代码 {agency.credit_code} 已被其他机关使用", field="credit_code")
    old_path = agency.path
    if "parent" in changes:
        parent = changes["parent"]
        if parent is not None and parent.is_within(agency):
            raise ActionRefused("不能把机关移到它自己或它的下级机关之下", field="parent")
        agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.save()
    if agency.path != old_path:
        for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk):
            child.path = agency.path + child.path[len(old_path) :]
            child.save(update_fields=["path"])
    record_audit(
        actor=actor,
        action="agencies.agency.update",
        target=agency,
        agency=agency,
        before=before,
        after=snapshot(agency, AGENCY_FIELDS),
    )
    return agency


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ActionRefused(f"未知的角色：{'、'.join(unknown)}", field="roles")
    return roles


def _check_password(password: str | None, staff: Staff) -> None:
    try:
        validate_password(password or "", staff)
    except ValidationError as exc:
        raise ActionRefused("；".join(exc.messages), field="password") from None


@transaction.atomic
def create_staff(
    actor: Staff | None,
    *,
    username: str,
    password: str | None,
    agency: Agency | None,
    full_name: str,
    roles: Iterable[str] = (),
    title: str = "",
    email: str = "",
    is_superuser: bool = False,
    password_hash: str = "",
) -> Staff:
    """Create a staff user. `password_hash` (instead of `password`) takes an already-hashed
    password, as when accounts are migrated from an earlier system."""
    roles = _check_roles(roles)
    if not username.strip():
        raise ActionRefused("用户名不能为空", field="username")
    if Staff.objects.filter(username=username).exists():
        raise ActionRefused(f"用户名 {username} 已存在", field="username")
    if agency is None and not is_superuser:
        raise ActionRefused("工作人员必须属于一个机关", field="agency")
    staff = Staff(username=username, agency=agency, full_name=full_name, title=title, email=email.strip())
    staff.is_staff = is_superuser or Role.SYSADMIN in roles
    staff.is_superuser = is_superuser
    if password_hash:
        staff.password = password_hash
    else:
        _check_password(password, staff)
        staff.set_password(password)
    staff.save()
    StaffRole.objects.bulk_create([StaffRole(staff=staff, role=r) for r in roles])
    record_audit(
        actor=actor,
        action="agencies.staff.create",
        target=staff,
        agency=agency,
        after={
            "username": username,
            "full_name": full_name,
            "agency": agency.pk if agency else None,
            "roles": roles,
        },
    )
    return staff


@transaction.atomic
def set_staff_roles(actor: Staff | None, staff: Staff, roles: Iterable[str]) -> Staff:
    roles = _check_roles(roles)
    before = sorted(staff.roles.values_list("role", flat=True))
    staff.roles.exclude(role__in=roles).delete()
    StaffRole.objects.bulk_create([StaffRole(staff=staff, role=r) for r in roles], ignore_conflicts=True)
    staff.is_staff = staff.is_superuser or Role.SYSADMIN in roles
    staff.save(update_fields=["is_staff"])
    staff.__dict__.pop("role_set", None)
    record_audit(
        actor=actor,
        action="agencies.staff.set_roles",
        target=staff,
        agency=staff.agency,
        before={"roles": before},
        after={"roles": sorted(roles)},
    )
    return staff


STAFF_FIELDS = ["full_name", "title", "agency", "email", "is_active", "is_superuser"]


def _staff_snapshot(staff: Staff, roles: Iterable[str]) -> dict:
    return snapshot(staff, STAFF_FIELDS) | {"roles": sorted(roles)}


@transaction.atomic
def update_staff(
    actor: Staff | None,
    staff: Staff,
    *,
    roles: Iterable[str] | None = None,
    password: str = "",
    **changes,
) -> Staff:
    """Change a staff member's details, status and roles; a new `password` is set by
    `set_staff_password` (its own audit entry, never the password itself)."""
    unknown = set(changes) - set(STAFF_FIELDS)
    if unknown:
        raise ActionRefused(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    staff = Staff.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    old_roles = set(staff.roles.values_list("role", flat=True))
    new_roles = set(_check_roles(roles)) if roles is not None else old_roles
    before = _staff_snapshot(staff, old_roles)
    for key, value in changes.items():
        setattr(staff, key, value.strip() if isinstance(value, str) else value)
    if staff.agency is None and not staff.is_superuser:
        raise ActionRefused("工作人员必须属于一个机关", field="agency")
    if getattr(actor, "pk", None) == staff.pk:
        if not staff.is_active:
            raise ActionRefused("不能停用自己的账号", field="is_active")
        if before["is_superuser"] and not staff.is_superuser:
            raise ActionRefused("不能取消自己的超级管理员身份", field="is_superuser")
    staff.is_staff = staff.is_superuser or Role.SYSADMIN in new_roles
    after = _staff_snapshot(staff, new_roles)
    if after != before:
        staff.save()
        staff.roles.exclude(role__in=new_roles).delete()
        StaffRole.objects.bulk_create(
            [StaffRole(staff=staff, role=r) for r in new_roles - old_roles], ignore_conflicts=True
        )
        staff.__dict__.pop("role_set", None)
        record_audit(
            actor=actor, action="agencies.staff.update", target=staff, agency=staff.agency,
            before=before, after=after,
        )  # fmt: skip
    if password:
        set_staff_password(actor, staff, password)
    return staff


@transaction.atomic
def set_staff_password(actor: Staff | None, staff: Staff, password: str) -> Staff:
    """Give a staff member a new password (checked by the deployment's password rules)."""
    staff = Staff.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    _check_password(password, staff)
    staff.set_password(password)
    staff.save(update_fields=["password"])
    record_audit(
        actor=actor,
        action="agencies.staff.set_password",
        target=staff,
        agency=staff.agency,
        note="重设登录密码",
    )
    return staff


# --- two-factor login (双因素认证) ------------------------------------------------------------------


def _new_recovery_codes(staff: Staff) -> list[str]:
    """Replace the staff member's recovery codes (django-otp static tokens) with fresh ones."""
    StaticDevice.objects.filter(user=staff).delete()
    device = StaticDevice.objects.create(user=staff, name="恢复码")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _create_totp_device(staff: Staff, key: str, *, last_t: int = -1):
    return TOTPDevice.objects.create(user=staff, name="动态口令", key=key, confirmed=True, last_t=last_t)


@transaction.atomic
def enrol_two_factor(actor: Staff, staff: Staff, *, key: str, token: str) -> tuple[object, list[str]]:
    """Bind an authenticator app to `staff`: `token` proves the app holds `key`. Returns the
    device and the new recovery codes, which are shown once and never again."""
    staff = Staff.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    if user_has_device(staff):
        raise ActionRefused("已绑定动态口令；如需更换，请联系系统管理员重置", field="token")
    cleaned = "".join(str(token).split())
    totp = totp_for(key)
    if not (cleaned.isdigit() and len(cleaned) == 6 and totp.verify(int(cleaned), tolerance=1)):
        raise ActionRefused("验证码不正确，请输入验证器应用中当前显示的6位数字", field="token")
    device = _create_totp_device(staff, key, last_t=totp.t())  # this code cannot be used again
    codes = _new_recovery_codes(staff)
    record_audit(
        actor=actor, action="agencies.two_factor.enrol", target=staff, agency=staff.agency,
        note="绑定动态口令并生成恢复码",
    )  # fmt: skip
    return device, codes


@transaction.atomic
def preset_two_factor(actor: Staff | None, staff: Staff, *, key: str) -> tuple[object, list[str]]:
    """Bind a known secret without a code (the demo's documented accounts; migrating tokens from an
    earlier system). Not reachable from any page."""
    staff = Staff.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    TOTPDevice.objects.filter(user=staff).delete()
    device = _create_totp_device(staff, key)
    codes = _new_recovery_codes(staff)
    record_audit(
        actor=actor, action="agencies.two_factor.enrol", target=staff, agency=staff.agency,
        note="预置动态口令密钥并生成恢复码",
    )  # fmt: skip
    return device, codes


@transaction.atomic
def verify_login_code(staff: Staff, token: str):
    """Check the second factor of a login: a 6-digit TOTP code or a recovery code (used up).

    Returns the device that accepted it, or None. django-otp's throttling slows repeated failures.
    """
    cleaned = "".join(str(token).split()).replace("-", "").lower()
    if not cleaned or len(cleaned) > 16:
        return None
    # Six digits is an authenticator code; anything else a recovery code (8 base32 characters).
    model = TOTPDevice if cleaned.isdigit() and len(cleaned) == 6 else StaticDevice
    for device in model.objects.select_for_update(of=("self",)).filter(user=staff, confirmed=True):
        if device.verify_token(cleaned):
            if model is StaticDevice:
                left = device.token_set.count()
                record_audit(
                    actor=staff, action="agencies.recovery_code.use", target=staff, agency=staff.agency,
                    note=f"使用恢复码登录，剩余 {left} 个",
                )  # fmt: skip
            return device
    return None


@transaction.atomic
def reset_two_factor(actor: Staff | None, staff: Staff) -> Staff:
    """Remove a staff member's authenticator and recovery codes (a lost phone). If the role
    requires two factors, the next login goes straight to enrolment."""
    if actor is not None and not (actor.is_superuser or actor.has_role(Role.SYSADMIN)):
        raise ActionRefused("只有系统管理员可以重置双因素认证")
    staff = Staff.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    removed = (
        TOTPDevice.objects.filter(user=staff).delete()[0]
        + StaticDevice.objects.filter(user=staff).delete()[0]
    )
    if not removed:
        raise ActionRefused(f"{staff} 尚未绑定双因素认证，无需重置")
    record_audit(
        actor=actor, action="agencies.two_factor.reset", target=staff, agency=staff.agency,
        note="重置双因素认证（动态口令和恢复码已作废）",
    )  # fmt: skip
    return staff


@transaction.atomic
def renew_recovery_codes(actor: Staff, staff: Staff) -> list[str]:
    """New recovery codes for a staff member with an authenticator; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=staff, confirmed=True).exists():
        raise ActionRefused("请先绑定动态口令")
    codes = _new_recovery_codes(staff)
    record_audit(
        actor=actor, action="agencies.recovery_code.renew", target=staff, agency=staff.agency,
        note="重新生成恢复码（旧恢复码已作废）",
    )  # fmt: skip
    return codes
