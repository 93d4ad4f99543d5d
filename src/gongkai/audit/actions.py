"""Writing to and checking the audit trail."""

from __future__ import annotations

import datetime as dt
import decimal
import hmac
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from . import checkpoints, vocabulary
from .keys import keys, signing_key
from .models import AuditEntry, AuditHead


def _plain(value: Any) -> Any:
    """A JSON-native form of a field value that reads back identically from the database."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of `obj` as a dict for the before/after of an audit entry."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = _plain(getattr(obj, attname))
    return out


# Who acts when there is no staff member: an integration token of the JSON API names itself here,
# so the entries its calls write say which token (not just "系统").
_acting_as: ContextVar[str] = ContextVar("gongkai_audit_acting_as", default="")


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Entries recorded inside this block without a staff actor carry `name` as the actor's name."""
    reset = _acting_as.set(name)
    try:
        yield
    finally:
        _acting_as.reset(reset)


def record_audit(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    agency=None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to the chain. Call inside the action's transaction.

    `action` is a registered event type (`gongkai.common.registry.register_audit_events`); a legacy
    alias is written as its new code, an unregistered code is refused with ValueError.
    """
    action = vocabulary.normalise(action)
    if agency is None and target is not None:
        agency = getattr(target, "agency", None)
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get_or_create(pk=1)[0]
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=str(actor)[:150] if getattr(actor, "pk", None) else (_acting_as.get() or "系统")[:150],
            agency=agency if getattr(agency, "pk", None) else None,
            action=action,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            object_repr=str(target)[:200] if target is not None else "",
            before=_plain(before) if before is not None else None,
            after=_plain(after) if after is not None else None,
            note=note,
            prev_hash=head.hash,
        )
        entry.key_id, key = signing_key()
        entry.hash = entry.compute_hash(key)
        entry.save()
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def audited_update(
    actor,
    obj: models.Model,
    fields: Iterable[str],
    changes: dict[str, Any],
    *,
    action: str,
    check=None,
    save=None,
    agency=None,
) -> bool:
    """Apply `changes` to the locked `obj`, `check(obj)` it, save and audit before/after.

    The shape every `update_<noun>` action shares. Returns False (and writes nothing) when the
    changes leave the audited fields as they were. Call inside the action's transaction.
    """
    fields = list(fields)
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"unknown {obj._meta.model_name} fields: {sorted(unknown)}")
    before = snapshot(obj, fields)
    for key, value in changes.items():
        setattr(obj, key, value)
    if check is not None:
        check(obj)
    after = snapshot(obj, fields)
    if after == before:
        return False
    (save or (lambda o: o.save()))(obj)
    record_audit(actor=actor, action=action, target=obj, agency=agency, before=before, after=after)
    return True


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken_seq: int | None = None
    problem: str = ""
    unkeyed: int = 0  # rows from before the chain was keyed (plain SHA-256)
    checkpoint: checkpoints.Checkpoint | None = None  # the latest one the chain was compared with

    @property
    def ok(self) -> bool:
        return self.broken_seq is None and not self.problem


def _row_problem(entry: AuditEntry, keyset: dict[str, bytes], *, keyed_before: bool) -> str:
    if not entry.key_id:
        if keyed_before:
            # Rewriting a row as an "old" one would otherwise need no key at all.
            return f"第{entry.seq}条记录没有密钥签名，而此前的记录已有签名：记录已被改写"
        expected = entry.compute_hash()
    else:
        key = keyset.get(entry.key_id)
        if key is None:
            return (
                f"第{entry.seq}条记录由编号 {entry.key_id} 的密钥签名，该密钥不在 GONGKAI_AUDIT_KEY 中"
                "（轮换密钥时应保留旧密钥）"
            )
        expected = entry.compute_hash(key)
    if not hmac.compare_digest(expected, entry.hash):
        return f"第{entry.seq}条记录的内容与哈希不符：记录已被修改"
    return ""


def verify_chain(*, batch: int = 2000) -> VerifyResult:
    """Walk the whole chain in order; report the first entry changed, removed or out of place.

    Each row is checked by its own scheme (HMAC under the key it names, or plain SHA-256 for the
    rows from before the chain was keyed), and the chain is compared with the signed checkpoints
    kept outside the database: a row rewritten before a checkpoint, or a tail removed after one
    (even with the head adjusted to match), is reported.
    """
    keyset = keys()
    marks, problem = checkpoints.read_all(keyset)
    if problem:
        return VerifyResult(0, None, problem)
    latest = max(marks, key=lambda c: (c.seq, c.at), default=None)
    by_seq = {c.seq: c for c in marks}
    expected_prev = "0" * 64
    expected_seq = 1
    checked = unkeyed = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch):
        if entry.seq != expected_seq:
            return VerifyResult(checked, expected_seq, f"第{expected_seq}条记录缺失（已被删除）")
        if entry.prev_hash != expected_prev:
            return VerifyResult(
                checked, entry.seq, f"第{entry.seq}条记录的前序哈希不符：前一条记录已被修改或删除"
            )
        problem = _row_problem(entry, keyset, keyed_before=checked > unkeyed)
        if problem:
            return VerifyResult(checked, entry.seq, problem)
        mark = by_seq.get(entry.seq)
        if mark is not None and not hmac.compare_digest(mark.hash, entry.hash):
            return VerifyResult(
                checked, entry.seq, f"第{entry.seq}条记录与{mark.label}不符：该条及此前的记录已被改写"
            )
        unkeyed += not entry.key_id
        expected_prev = entry.hash
        expected_seq += 1
        checked += 1
    if latest is not None and latest.seq > checked:
        return VerifyResult(
            checked,
            checked + 1,
            f"{latest.label}时审计链有 {latest.seq} 条记录，现在只有 {checked} 条："
            f"第{checked + 1}至{latest.seq}条共 {latest.seq - checked} 条记录已被删除",
            unkeyed,
            latest,
        )
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, "0" * 64)
    if head_seq != checked or head_hash != expected_prev:
        return VerifyResult(
            checked,
            checked + 1 if head_seq > checked else None,
            "链尾记录与链头不符：末尾记录已被删除或链头被篡改",
            unkeyed,
            latest,
        )
    return VerifyResult(checked, unkeyed=unkeyed, checkpoint=latest)


def checkpoint_head(*, now: dt.datetime | None = None) -> checkpoints.Checkpoint:
    """Write a signed copy of the chain's head outside the database (and mail it, if configured)."""
    head = AuditHead.objects.get_or_create(pk=1)[0]
    kid, key = signing_key()
    mark = checkpoints.write(seq=head.seq, hash=head.hash, at=now or timezone.now(), key_id=kid, key=key)
    checkpoints.mail(mark)
    return mark
