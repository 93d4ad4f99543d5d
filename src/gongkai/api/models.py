"""Integration tokens of the JSON API (接口令牌): per agency, named, with scopes and an expiry; only
the token's hash is kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scopes import scope_label


class TokenState(models.TextChoices):
    ACTIVE = "active", _("有效")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已吊销")


class ApiToken(models.Model):
    name = models.CharField(_("令牌名称"), max_length=60)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    scopes = models.JSONField(_("权限范围"), default=list)
    prefix = models.CharField(_("令牌前缀"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("签发人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("签发时间"))
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("吊销人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    def get_state(self, *, now=None) -> str:
        if self.revoked_at is not None:
            return TokenState.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return TokenState.EXPIRED
        return TokenState.ACTIVE

    def get_state_display(self) -> str:
        return str(TokenState(self.get_state()).label)

    def scope_labels(self) -> list[str]:
        return [scope_label(code) for code in self.scopes]
