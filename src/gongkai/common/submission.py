"""What a public form needs so that nothing a citizen submits is lost or duplicated.

- The form's idempotency key, kept in the session: the same on reload and after Back, so a resent
  form (a second click, Back + resubmit) finds the record the first one made. A new key is issued
  once a submission succeeds. The key is stored only as a keyed hash (`stored_key`).
- A content fingerprint remembered for a few minutes in the counters cache: the same content typed
  again into a reloaded form (which carries a new key) finds the first record too.
- Rate limits per client address and per phone, counted in the shared counters (`ratelimit.hit`).

Used by messages (interaction) and consultation comments; each passes its own names.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from gongkai.common import crypto, ratelimit
from gongkai.common.net import client_ip


def remember(request, session_key: str, value, keep: int = 10) -> None:
    """Add `value` to the session's list `session_key` (the last `keep` values)."""
    seen = request.session.get(session_key, [])
    if value not in seen:
        request.session[session_key] = [*seen[-(keep - 1) :], value]


def form_key(request, session_key: str) -> str:
    """The key of the form this session is filling in: the same on reload and after Back."""
    key = request.session.get(session_key)
    if not key:
        key = request.session[session_key] = uuid.uuid4().hex
    return key


def next_form_key(request, session_key: str) -> None:
    """After a success: the next form is a new submission; a resent copy of the old form still
    carries the old key and finds the old record."""
    request.session[session_key] = uuid.uuid4().hex


def stored_key(scope: str, idempotency_key: str) -> str:
    """What the database keeps of a form's key: a keyed hash, never the key itself."""
    return crypto.lookup_hash(scope, idempotency_key)


def fingerprint(salt: str, *parts: str) -> str:
    """A keyed hash of the parts with their whitespace removed: equal for the same form typed again."""
    joined = "\x1f".join("".join(str(p).split()) for p in parts)
    return salted_hmac(salt, joined).hexdigest()


def recall(prefix: str, fp: str) -> str | None:
    """The value `keep` stored for this fingerprint, if still remembered."""
    return ratelimit.counters().get(f"gongkai:{prefix}:{fp}")


def keep(prefix: str, fp: str, value: str, *, minutes: int) -> None:
    if minutes:
        ratelimit.counters().set(f"gongkai:{prefix}:{fp}", value, timeout=minutes * 60)


@dataclass(frozen=True)
class Limit:
    scope: str
    ident: str
    limit: int
    window: int  # seconds
    refusal: str


def ip_limit(request, scope: str, *, limit: int, refusal: str, window: int = 3600) -> Limit:
    return Limit(scope, client_ip(request), limit, window, refusal)


def over_limits(*limits: Limit) -> str | None:
    """Count one submission against each limit in turn; the first refusal, or None."""
    for lim in limits:
        if ratelimit.hit(lim.scope, lim.ident, limit=lim.limit, window=lim.window):
            return lim.refusal
    return None
