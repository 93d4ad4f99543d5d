"""The demo county: a county government, its office as supervisor, departments and townships.

Credit codes are made with real GB 32100 / GB 11714 check characters (region 370999 is not a real
county, so no real organisation's code is reproduced).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp import user_has_device

from gongkai.agencies.actions import create_agency, create_staff, preset_two_factor
from gongkai.agencies.models import Agency, Kind, Level, Role, Staff
from gongkai.agencies.twofactor import key_from_base32, role_requires_two_factor
from gongkai.common.identifiers import make_credit_code, organisation_code_check_char

REGION = "370999"
DEMO_PASSWORD = "Gongkai2026demo"
# The demo accounts whose role requires two-factor login share this documented TOTP secret (README,
# bin/start): add it to an authenticator app, or print the current code with `gongkai demo --code`.
DEMO_TOTP_SECRET = "GONGKAIDEMOTOTPSECRETKEY234567AB"


def demo_credit_code(serial: int) -> str:
    body = f"{7000000 + serial * 137:08d}"[-8:]
    return make_credit_code("11" + REGION + body + organisation_code_check_char(body))


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    short_name: str
    level: str
    kind: str
    prefixes: tuple[str, ...]
    parent: str | None


COUNTY = [
    AgencySpec("xzf", "示范县人民政府", "县政府", Level.COUNTY, Kind.GOVERNMENT, ("示政发", "示政字"), None),
    AgencySpec(
        "xzfb",
        "示范县人民政府办公室",
        "县政府办",
        Level.COUNTY,
        Kind.DEPARTMENT,
        ("示政办发", "示政办字"),
        "xzf",
    ),
    AgencySpec("czj", "示范县财政局", "县财政局", Level.COUNTY, Kind.DEPARTMENT, ("示财发",), "xzf"),
    AgencySpec(
        "zjj", "示范县住房和城乡建设局", "县住建局", Level.COUNTY, Kind.DEPARTMENT, ("示建发",), "xzf"
    ),
    AgencySpec("jyj", "示范县教育局", "县教育局", Level.COUNTY, Kind.DEPARTMENT, ("示教发",), "xzf"),
    AgencySpec(
        "sthjj", "示范县生态环境局", "县生态环境局", Level.COUNTY, Kind.DEPARTMENT, ("示环发",), "xzf"
    ),
    AgencySpec(
        "scjgj", "示范县市场监督管理局", "县市场监管局", Level.COUNTY, Kind.DEPARTMENT, ("示市监发",), "xzf"
    ),
    AgencySpec("yjglj", "示范县应急管理局", "县应急局", Level.COUNTY, Kind.DEPARTMENT, ("示应急发",), "xzf"),
    AgencySpec("wjj", "示范县卫生健康局", "县卫健局", Level.COUNTY, Kind.DEPARTMENT, ("示卫健发",), "xzf"),
    AgencySpec("cgz", "示范县城关镇人民政府", "城关镇", Level.TOWNSHIP, Kind.GOVERNMENT, ("城政发",), "xzf"),
    AgencySpec("hkz", "示范县河口镇人民政府", "河口镇", Level.TOWNSHIP, Kind.GOVERNMENT, ("河政发",), "xzf"),
    AgencySpec(
        "dcjd", "示范县东城街道办事处", "东城街道", Level.TOWNSHIP, Kind.DISPATCHED, ("东街发",), "xzf"
    ),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "华",
    "平",
    "刚",
    "桂英",
]


def demo_name(i: int) -> str:
    """A different name for each i below 400: i = 20q + r takes surname r and given name r + q."""
    q, r = divmod(i, len(SURNAMES))
    return SURNAMES[r] + GIVEN[(r + q) % len(GIVEN)]


def demo_username(agency_key: str, role: str) -> str:
    return f"{agency_key}_{role}"


@transaction.atomic
def build_county(stdout=None) -> dict[str, Agency]:
    """Create the demo county's agencies and staff; whatever exists already is left as it is."""
    agencies: dict[str, Agency] = {}
    for serial, spec in enumerate(COUNTY, start=1):
        existing = Agency.objects.filter(name=spec.name).first()
        agencies[spec.key] = existing or create_agency(
            None,
            name=spec.name,
            short_name=spec.short_name,
            level=spec.level,
            kind=spec.kind,
            credit_code=demo_credit_code(serial),
            parent=agencies[spec.parent] if spec.parent else None,
            doc_prefixes=spec.prefixes,
            site_code="3709990001" if spec.key == "xzf" else "",
            supervises=agencies["xzf"] if spec.key == "xzfb" else None,
            sort_order=serial,
            address=f"示范县城关镇政务服务中心{serial}号楼",
            phone=f"0539-81{serial:05d}",
        )
    password_hash = make_password(DEMO_PASSWORD)
    existing_users = set(Staff.objects.values_list("username", flat=True))
    person = 0
    for spec in COUNTY:
        for role in Role.values:
            person += 1
            username = demo_username(spec.key, role)
            if username in existing_users:
                continue
            create_staff(
                None,
                username=username,
                password=None,
                password_hash=password_hash,
                agency=agencies[spec.key],
                full_name=demo_name(person),
                title=Role(role).label,
                roles=[role],
                is_superuser=(spec.key == "xzf" and role == Role.SYSADMIN),
            )
    enrol_demo_two_factor()
    return agencies


def enrol_demo_two_factor() -> int:
    """Give the demo accounts that must use two factors the documented secret (once)."""
    key = key_from_base32(DEMO_TOTP_SECRET)
    enrolled = 0
    for staff in Staff.objects.filter(username__contains="_").prefetch_related("roles"):
        if role_requires_two_factor(staff) and not user_has_device(staff):
            preset_two_factor(None, staff, key=key)
            enrolled += 1
    return enrolled
