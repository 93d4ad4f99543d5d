"""Encryption at rest of citizens' personal data (applicants, message writers), and keyed lookups.

Personal data (name, identity number, phone, address, e-mail) is stored as Fernet tokens
(AES-128-CBC + HMAC-SHA256) made with a key derived from the deployment's `GONGKAI_DATA_KEY`.
Several keys may be given, comma-separated: the first encrypts, all decrypt (key rotation).
Lookups that must work without decrypting every row — the status lookup by receipt code and the
last four phone digits, the count of one applicant's applications in a month for fees — use an
HMAC with a second key derived from the first data key (so the first key must stay first until
those hashes are recomputed).

Settings are read at call time, never at import. The HKDF salt still says "applicants" because
the data stored before messages existed was encrypted with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "gk1:"


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"gongkai-applicants", info=purpose).derive(
        secret.encode("utf-8")
    )


@lru_cache(maxsize=4)
def _keys(raw: str) -> tuple[MultiFernet, bytes]:
    secrets = [part.strip() for part in raw.split(",") if part.strip()]
    if not secrets:
        raise RuntimeError("GONGKAI_DATA_KEY 未设置")
    fernets = [Fernet(base64.urlsafe_b64encode(_derive(s, b"encrypt"))) for s in secrets]
    return MultiFernet(fernets), _derive(secrets[0], b"lookup")


def _current() -> tuple[MultiFernet, bytes]:
    return _keys(settings.GONGKAI_DATA_KEY)


def encrypt(text: str) -> str:
    """A token for `text` ("" stays "" so that optional fields stay empty)."""
    if not text:
        return ""
    return PREFIX + _current()[0].encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token:
        return ""
    if not token.startswith(PREFIX):
        raise ValueError("不是加密数据")
    try:
        return _current()[0].decrypt(token[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError("无法解密：密钥不匹配或数据已损坏") from None


def lookup_hash(*parts: str) -> str:
    """A keyed hash of `parts` for equality lookups; not reversible without the key."""
    message = "\x1f".join(p.strip().upper() for p in parts).encode("utf-8")
    return hmac.new(_current()[1], message, hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- masking (pure)


def mask_name(name: str) -> str:
    """张* for 张三, 欧阳** for four characters or more keep two; organisations keep the first 2."""
    name = (name or "").strip()
    if not name:
        return ""
    keep = 2 if len(name) >= 4 else 1
    return name[:keep] + "*" * min(len(name) - keep, 6)


def mask_phone(phone: str) -> str:
    """138****5678; short numbers keep only the last two digits."""
    digits = (phone or "").strip()
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_identity(number: str) -> str:
    """3709**********1234."""
    number = (number or "").strip()
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_address(address: str) -> str:
    address = (address or "").strip()
    return address[:6] + "****" if address else ""


def mask_email(email: str) -> str:
    local, _, domain = (email or "").partition("@")
    if not domain:
        return mask_address(email)
    return (local[:1] or "") + "***@" + domain


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; Python code only ever sees the plain text."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value
