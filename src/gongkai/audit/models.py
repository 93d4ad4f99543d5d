"""The append-only, hash-chained audit trail.

Each entry stores who did what to which object, with the values before and after, and the hash of
the previous entry. `seq` is gap-free (assigned under a lock from `AuditHead`), so a deleted row
shows as a gap, a changed row as a hash mismatch, and a removed tail as a head mismatch.

The hash is an HMAC-SHA256 under `GONGKAI_AUDIT_KEY`, a key held outside the database, so that
write access to the database is not enough to rewrite a row and recompute the chain. `key_id` names
the key that signed a row; rows written before the chain was keyed have none and were hashed with
plain SHA-256 — they verify as they were written and are never rewritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .vocabulary import label_of


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("审计日志只能追加，不能修改")

    def delete(self):
        raise AppendOnly("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), null=True, blank=True, on_delete=models.PROTECT
    )
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=60, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=40, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # The id of the audit key whose HMAC is `hash`; empty for the rows hashed with plain SHA-256.
    key_id = models.CharField(max_length=16, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计日志")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action_label} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("审计日志只能追加，不能删除")

    @property
    def action_label(self) -> str:
        """What happened, in Chinese (old rows keep their old code and display through its alias)."""
        return label_of(self.action, self.object_type)

    action_label.fget.short_description = _("操作")  # the admin's column title

    def payload(self) -> dict:
        """The fields the hash covers, in a form that survives a database round trip."""
        return {
            "seq": self.seq,
            "at": self.at.astimezone(dt.UTC).isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "agency": self.agency_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "note": self.note,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self, key: bytes | None = None) -> str:
        """HMAC-SHA256 of the payload under `key`; plain SHA-256 (the old rows' scheme) without one."""
        blob = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        if key is None:
            return hashlib.sha256(blob).hexdigest()
        return hmac.new(key, blob, hashlib.sha256).hexdigest()


class AuditHead(models.Model):
    """A single row: the last entry's seq and hash. Locked while an entry is appended."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.seq}"
