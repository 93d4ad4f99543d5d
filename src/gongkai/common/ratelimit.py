"""Counting attempts per client in the shared "counters" cache (Redis, or a database table).

Counters live outside the worker process, so four workers do not allow four times the limit and a
restart does not reset them. Windows are fixed (the clock hour for a one-hour window).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import caches


def counters():
    return caches["counters"]


def _key(scope: str, ident: str, window: int, now: float) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"gongkai:rl:{scope}:{digest}:{int(now // window)}"


def increment(key: str, *, timeout: int) -> int:
    """Add one to the counter `key` (created at 0 with `timeout`) and return it; atomic on Redis
    (INCR), so two servers counting at the same instant never both read the same value."""
    cache = counters()
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def hit(scope: str, ident: str, *, limit: int, window: int, now: float | None = None) -> bool:
    """Count one attempt of `ident` in `scope`; True when it is over `limit` in this window."""
    key = _key(scope, ident, window, time.time() if now is None else now)
    return increment(key, timeout=window + 60) > limit
