"""The SMS code of the phone rule: sent through the pluggable SMS backend (`common.sms`), kept as a
keyed hash in the shared counters cache for a few minutes, five tries at most.

The code is tied to the survey and the phone, so a code sent for one survey does not open another,
and the phone itself is never stored in clear (the cache key is the survey's voter key).
"""

from __future__ import annotations

import hmac
import secrets

from django.conf import settings

from gongkai.common import crypto, ratelimit, sms
from gongkai.common.identifiers import mobile_number

from .actions import ALREADY_ANSWERED, has_answered, voter_key
from .models import Rule, Survey

MAX_TRIES = 5
NOT_MOBILE = "请填写11位手机号码（验证码以短信发送）"
PHONE_LIMIT = "该手机号码一小时内获取验证码次数过多，请稍后再试。您填写的回答已保留。"
IP_LIMIT = "同一网络地址一小时内获取验证码次数过多，请稍后再试。您填写的回答已保留。"
WRONG_CODE = "短信验证码不正确或已过期，请重新获取。您填写的回答已保留。"
NO_CODE = "请填写短信验证码（先点击“获取验证码”）"


def _cache_key(voter: str) -> str:
    return f"gongkai:survey-code:{voter}"


def _hash(code: str) -> str:
    return crypto.lookup_hash("survey-code", code)


def send_code(survey: Survey, phone: str, ip: str) -> str | None:
    """Send a fresh code to `phone`; the refusal in Chinese, or None when sent."""
    phone = mobile_number(phone)
    if not phone:
        return NOT_MOBILE
    voter = voter_key(survey, Rule.PHONE, phone)
    if has_answered(survey, voter):
        return ALREADY_ANSWERED[Rule.PHONE]
    if ratelimit.hit("surveys.code.ip", ip, limit=settings.GONGKAI_SURVEY_CODES_PER_IP_PER_HOUR, window=3600):
        return IP_LIMIT
    if ratelimit.hit(
        "surveys.code.phone", phone, limit=settings.GONGKAI_SURVEY_CODES_PER_PHONE_PER_HOUR, window=3600
    ):
        return PHONE_LIMIT
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = settings.GONGKAI_SURVEY_CODE_MINUTES
    ratelimit.counters().set(_cache_key(voter), {"hash": _hash(code), "tries": 0}, timeout=minutes * 60)
    sms.queue_sms(
        phone,
        f"您正在参与网上调查“{survey.title[:20]}”，验证码{code}，{minutes}分钟内有效。如非本人操作请忽略。",
    )
    return None


def check_code(survey: Survey, phone: str, code: str) -> str | None:
    """The voter key of `phone` when `code` is its current code; None otherwise (a wrong try counts)."""
    phone = mobile_number(phone)
    code = (code or "").strip()
    if not phone or not code:
        return None
    voter = voter_key(survey, Rule.PHONE, phone)
    cache = ratelimit.counters()
    stored = cache.get(_cache_key(voter))
    if not stored or stored["tries"] >= MAX_TRIES:
        return None
    if not hmac.compare_digest(stored["hash"], _hash(code)):
        cache.set(
            _cache_key(voter),
            {**stored, "tries": stored["tries"] + 1},
            timeout=settings.GONGKAI_SURVEY_CODE_MINUTES * 60,
        )
        return None
    return voter


def forget_code(voter: str) -> None:
    ratelimit.counters().delete(_cache_key(voter))
