"""The audit chain's keys, from `GONGKAI_AUDIT_KEY` (comma-separated: the first signs, all verify).

A key is named by a short id derived from it, stored on each row it signs, so that a rotated-out key
still verifies its rows while it stays in the list, and a row names the key it needs.
"""

from __future__ import annotations

import hashlib

from django.conf import settings


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"gongkai-audit-key-id:" + key).hexdigest()[:16]


def keys() -> dict[str, bytes]:
    """Every configured key by id, the signing key first."""
    out: dict[str, bytes] = {}
    for raw in settings.GONGKAI_AUDIT_KEY.split(","):
        if raw.strip():
            key = raw.strip().encode()
            out.setdefault(key_id(key), key)
    if not out:
        raise RuntimeError("GONGKAI_AUDIT_KEY 未设置")
    return out


def signing_key() -> tuple[str, bytes]:
    return next(iter(keys().items()))
