"""Named people of a small county, built through the real actions.

县财政局: 李明 (clerk), 王芳 (reviewer), 张伟 (signer), 孙丽 (secrecy reviewer);
县住建局: 刘洋 (responder); 县政府办公室: 赵强 (supervisor, oversees the whole county);
邻县: 陈静 (clerk of another county — the outsider).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.agencies.actions import create_agency, create_staff
from gongkai.agencies.models import Agency, Kind, Level, Role, Staff
from gongkai.agencies.twofactor import needs_code_after_password
from gongkai.demo.county import demo_credit_code
from gongkai.portal.sites import clear_site_cache, site_table
from gongkai.workdays.services import clear_calendar_cache

PASSWORD = "Test2026pass"

# Playwright fixtures (browser, page, axe_check) for browser tests in any folder.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _force_login_gives_both_factors(monkeypatch):
    """`client.force_login(user)` stands for a finished login: for a user who must give a second
    factor it also binds a device (if none) and records it in the session, as the code step does.
    The two-factor tests (tests/security_auth) sign in through the real pages instead."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if needs_code_after_password(user):
            device = TOTPDevice.objects.filter(user=user).first()
            device = device or TOTPDevice.objects.create(user=user, name="测试")
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks run at once in tests; tests/common/test_tasks.py covers the database queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """Each test reads and writes its own audit checkpoints, never those of var/."""
    settings.GONGKAI_AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Tests roll calendar rows back without the actions' version bump: forget the cached calendar."""
    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.fixture(autouse=True)
def _fresh_sites(request):
    """Tests roll site rows back without the actions' version bump: forget the cached site table.

    A test with the database starts with the table loaded, as a running server has it, so that
    query counts measure the page and not the once-per-process load of the sites.
    """
    clear_site_cache()
    if "db" in request.fixturenames or (
        request.node.get_closest_marker("django_db") and "transactional_db" not in request.fixturenames
    ):
        marker = request.node.get_closest_marker("django_db")
        if not (marker and marker.kwargs.get("transaction")):
            request.getfixturevalue("db")
            site_table()
    yield
    clear_site_cache()


@dataclass
class County:
    government: Agency
    office: Agency
    finance: Agency
    housing: Agency
    township: Agency
    neighbour: Agency


@pytest.fixture
def county(db, _fast_hasher) -> County:
    gov = create_agency(
        None,
        name="示范县人民政府",
        level=Level.COUNTY,
        kind=Kind.GOVERNMENT,
        credit_code=demo_credit_code(1),
        doc_prefixes=["示政发"],
    )
    office = create_agency(
        None,
        name="示范县人民政府办公室",
        level=Level.COUNTY,
        kind=Kind.DEPARTMENT,
        credit_code=demo_credit_code(2),
        parent=gov,
        supervises=gov,
        doc_prefixes=["示政办发"],
    )
    finance = create_agency(
        None,
        name="示范县财政局",
        short_name="县财政局",
        level=Level.COUNTY,
        kind=Kind.DEPARTMENT,
        credit_code=demo_credit_code(3),
        parent=gov,
        doc_prefixes=["示财发"],
    )
    housing = create_agency(
        None,
        name="示范县住房和城乡建设局",
        short_name="县住建局",
        level=Level.COUNTY,
        kind=Kind.DEPARTMENT,
        credit_code=demo_credit_code(4),
        parent=gov,
    )
    township = create_agency(
        None,
        name="示范县城关镇人民政府",
        level=Level.TOWNSHIP,
        kind=Kind.GOVERNMENT,
        credit_code=demo_credit_code(5),
        parent=gov,
    )
    neighbour = create_agency(
        None,
        name="邻县人民政府",
        level=Level.COUNTY,
        kind=Kind.GOVERNMENT,
        credit_code=demo_credit_code(40),
    )
    return County(gov, office, finance, housing, township, neighbour)


def _person(username: str, full_name: str, agency: Agency, *roles: str) -> Staff:
    return create_staff(
        None, username=username, password=PASSWORD, agency=agency, full_name=full_name, roles=roles
    )


@pytest.fixture
def li_ming(county) -> Staff:
    return _person("liming", "李明", county.finance, Role.CLERK)


@pytest.fixture
def wang_fang(county) -> Staff:
    return _person("wangfang", "王芳", county.finance, Role.REVIEWER)


@pytest.fixture
def zhang_wei(county) -> Staff:
    return _person("zhangwei", "张伟", county.finance, Role.SIGNER)


@pytest.fixture
def sun_li(county) -> Staff:
    return _person("sunli", "孙丽", county.finance, Role.SECRECY_REVIEWER)


@pytest.fixture
def liu_yang(county) -> Staff:
    return _person("liuyang", "刘洋", county.housing, Role.RESPONDER)


@pytest.fixture
def zhao_qiang(county) -> Staff:
    return _person("zhaoqiang", "赵强", county.office, Role.SUPERVISOR)


@pytest.fixture
def chen_jing(county) -> Staff:
    return _person("chenjing", "陈静", county.neighbour, Role.CLERK, Role.SIGNER, Role.SUPERVISOR)
