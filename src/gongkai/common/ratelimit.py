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


def hit(scope: str, ident: str, *, limit: int, window: int, now: float | None = None) -> bool:
    """Count one attempt of `ident` in `scope`; True when it is over `limit` in this window."""
    cache = counters()
    key = _key(scope, ident, window, time.time() if now is None else now)
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)  # atomic on Redis
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 60)
        count = 1
    return count > limit
