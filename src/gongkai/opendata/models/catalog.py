"""The data resource catalog (数据资源目录): datasets, their fields and their resource files."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Openness(models.TextChoices):
    OPEN = "open", _("无条件开放")
    CONDITIONAL = "conditional", _("有条件开放")
    CLOSED = "closed", _("不予开放")


class Dataset(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("提供单位"), on_delete=models.PROTECT, related_name="datasets"
    )
    title = models.CharField(_("数据集名称"), max_length=200)
    summary = models.TextField(_("摘要"), blank=True)
    theme = models.CharField(_("主题分类"), max_length=40, blank=True)
    industry = models.CharField(_("行业分类"), max_length=40, blank=True)
    frequency = models.CharField(_("更新频率"), max_length=20, blank=True)
    openness = models.CharField(_("开放属性"), max_length=12, choices=Openness.choices, default=Openness.OPEN)
    openness_reason = models.TextField(_("有条件开放或不予开放的理由"), blank=True)
    licence = models.CharField(_("开放许可"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    state = models.CharField(_("状态"), max_length=12, default="draft")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据集")
        verbose_name_plural = _("数据集")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title
