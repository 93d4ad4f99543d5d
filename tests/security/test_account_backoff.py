"""Per account, across all addresses: a slower, doubling back-off, and the agency's sysadmin is told."""

import time

import pytest

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.common import lockout
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/workbench/login/"


@pytest.fixture
def policy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.GONGKAI_ACCOUNT_FAILURE_LIMIT = 8
    settings.GONGKAI_ACCOUNT_BACKOFF_SECONDS = 60
    settings.GONGKAI_ACCOUNT_BACKOFF_MAX_SECONDS = 3600


@pytest.fixture
def finance_admin(county):
    return create_staff(
        None,
        username="caizheng_admin",
        password=PASSWORD,
        agency=county.finance,
        full_name="周敏",
        roles=[Role.SYSADMIN],
        email="zhoumin@example.gov.cn",
    )


def attempt(client, username, password, citizen):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=citizen,
    )


def test_a_spread_attack_puts_the_account_in_back_off_and_tells_its_sysadmin(
    client, policy, li_ming, finance_admin, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(7):  # one guess from each of eight addresses: axes alone never locks
        assert attempt(client, "liming", "wrong-guess", f"203.0.113.{n}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert attempt(client, "liming", "wrong-guess", "203.0.113.7").status_code == 429
    response = attempt(client, "liming", PASSWORD, "198.51.100.1")  # the right password, too late
    assert response.status_code == 429
    assert "请 1 分钟后再试，系统管理员已收到通知" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mailoutbox] == [["zhoumin@example.gov.cn"]]
    assert "liming" in mailoutbox[0].subject and "连续登录失败 8 次" in mailoutbox[0].body
    assert "203.0.113.7" in mailoutbox[0].body


def test_anyone_behind_the_proxy_is_not_locked_by_one_citizen(client, policy, li_ming):
    for _ in range(5):
        attempt(client, "liming", "wrong-guess", "203.0.113.66")
    assert attempt(client, "liming", PASSWORD, "203.0.113.66").status_code != 302  # axes: this address
    assert attempt(client, "liming", PASSWORD, "198.51.100.1").status_code == 302  # the clerk at work


def test_the_wait_doubles_and_is_capped(policy):
    now = 1_000_000.0
    waits = [lockout.record_failure("wangfang", now=now + 10_000 * n) for n in range(14)]
    assert waits == [0] * 7 + [60, 120, 240, 480, 960, 1920, 3600]


def test_attempts_during_a_wait_are_not_counted(policy):
    now = 1_000_000.0
    for _ in range(8):
        lockout.record_failure("wangfang", now=now)
    assert lockout.record_failure("wangfang", now=now + 30) == 30  # still the first wait
    assert lockout.record_failure("wangfang", now=now + 61) == 120


def test_after_the_wait_the_right_password_logs_in_and_clears_the_count(client, policy, li_ming):
    for _ in range(8):
        lockout.record_failure("liming", now=time.time() - 3600)
    assert lockout.wait_seconds("liming") == 0
    assert attempt(client, "liming", PASSWORD, "198.51.100.1").status_code == 302
    assert lockout._state("liming")["failures"] == 0


def test_a_guessed_username_mails_nobody(
    client, policy, county, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(9):
            attempt(client, "nobody_here", "x", f"203.0.113.{n}")
    assert mailoutbox == []
    assert lockout.wait_seconds("nobody_here") > 0
