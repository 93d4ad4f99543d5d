"""A per-account login back-off, across every address, beside django-axes' per-address lockout.

django-axes locks a username *from one address* after AXES_FAILURE_LIMIT failures: a spread attack
from many addresses is not slowed, and with a per-username lock anyone behind the same proxy could
lock any staff account. So, per account and whatever the address: after
GONGKAI_ACCOUNT_FAILURE_LIMIT failures every further attempt waits GONGKAI_ACCOUNT_BACKOFF_SECONDS,
doubling with each failure after it up to GONGKAI_ACCOUNT_BACKOFF_MAX_SECONDS, and the sysadmins of
the account's agency (else the installation's superusers) are mailed once when it starts. Attempts
during a wait are refused without checking the password and are not counted; a successful login
clears the count. State lives in the shared "counters" cache, and the failure count is an atomic
increment there: guesses sent in parallel to several app servers are each counted (a read-modify-write
of one value would let concurrent guesses overwrite each other's count).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from .mail import queue_mail
from .net import client_ip
from .ratelimit import counters, increment

log = logging.getLogger(__name__)

SYSADMIN_ROLE = "sysadmin"  # agencies.Role.SYSADMIN; the core names no domain module


def _key(username: str, part: str) -> str:
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return f"gongkai:login:account:{digest}:{part}"


def _state(username: str) -> dict:
    found = counters().get_many([_key(username, "failures"), _key(username, "until")])
    return {
        "failures": int(found.get(_key(username, "failures")) or 0),
        "until": float(found.get(_key(username, "until")) or 0.0),
    }


def wait_seconds(username: str, *, now: float | None = None) -> int:
    """How long `username` must still wait before its next attempt is checked (0: not waiting)."""
    now = time.time() if now is None else now
    return max(0, math.ceil(_state(username)["until"] - now))


def record_failure(username: str, *, request=None, now: float | None = None) -> int:
    """Count a failed login of `username`; returns the wait it now has (0: none yet)."""
    now = time.time() if now is None else now
    until = _state(username)["until"]
    if until > now:
        return math.ceil(until - now)
    # Kept a day past the longest wait: a slow guesser does not start again from zero.
    keep = settings.GONGKAI_ACCOUNT_BACKOFF_MAX_SECONDS + 86400
    failures = increment(_key(username, "failures"), timeout=keep)
    over = failures - settings.GONGKAI_ACCOUNT_FAILURE_LIMIT
    if over < 0:
        return 0
    wait = min(
        settings.GONGKAI_ACCOUNT_BACKOFF_SECONDS * 2**over, settings.GONGKAI_ACCOUNT_BACKOFF_MAX_SECONDS
    )
    counters().set(_key(username, "until"), now + wait, timeout=keep)
    if over == 0:  # exactly one request sees the count reach the limit, on whichever server
        _notify(username, failures, wait, client_ip(request) if request is not None else "")
    return wait


def clear(username: str) -> None:
    counters().delete_many([_key(username, "failures"), _key(username, "until")])


def _notify(username: str, failures: int, wait: int, address: str) -> None:
    Staff = get_user_model()
    account = Staff.objects.filter(username=username).select_related("agency").first()
    log.warning("login back-off for account %r after %s failures (last from %s)", username, failures, address)
    if account is None:
        return  # a guessed name: nobody to tell, and no sign to the guesser that it does not exist
    admins = Staff.objects.filter(is_active=True).exclude(email="")
    recipients = (
        list(
            admins.filter(agency=account.agency_id, roles__role=SYSADMIN_ROLE).values_list("email", flat=True)
        )
        if account.agency_id
        else []
    )
    if not recipients:
        recipients = list(admins.filter(is_superuser=True).values_list("email", flat=True))
    agency = f"（{account.agency}）" if account.agency_id else ""
    queue_mail(
        f"账号 {username} 登录失败次数过多，已暂停登录",
        f"工作人员账号 {username}{agency}已连续登录失败 {failures} 次（最近一次来自 {address or '未知地址'}），"
        f"系统已暂停该账号登录 {math.ceil(wait / 60)} 分钟，此后每再失败一次等待时间加倍。\n"
        "如非本人操作，可能有人在猜测密码，请核实并视情况为该账号重设密码。",
        sorted(set(recipients)),
    )


class AccountBackoffBackend:
    """Refuses, before any password is checked, an account that is waiting (place after axes)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username:
            wait = wait_seconds(username)
            if wait:
                if request is not None:
                    request.gongkai_account_wait = wait
                raise PermissionDenied
        return None

    # No get_user: this backend never logs anyone in, so a session never names it (and the test
    # client's force_login, which takes the first backend with get_user, passes it by).


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username")
    if not username or request is None:
        return
    if getattr(request, "gongkai_account_wait", 0) or getattr(request, "axes_locked_out", False):
        return  # refused without a password check: not a guess
    wait = record_failure(username, request=request)
    if wait:
        request.gongkai_account_wait = wait


def on_logged_in(sender, request, user, **kwargs) -> None:
    clear(user.get_username())
