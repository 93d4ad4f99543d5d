"""The core's own tables: only what every domain shares and no domain owns."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One run of one scheduled job in one time slot, taken as a lease by one machine.

    cron runs `gongkai scheduled frequent` on every worker machine; the unique (job, slot) row lets
    exactly one of them run each job of each slot (common/leases.py).
    """

    class Outcome(models.TextChoices):
        RUNNING = "running", _("运行中")
        OK = "ok", _("完成")
        FAILED = "failed", _("失败")

    job = models.CharField(_("任务"), max_length=200)
    slot = models.CharField(_("时段"), max_length=32)  # "2026-12-03T07:25" (frequent), "2026-12-03" (daily)
    host = models.CharField(_("运行主机"), max_length=200)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=1)
    message = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("定时任务运行记录")
        verbose_name_plural = _("定时任务运行记录")
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="unique_scheduled_run_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot}"


class PublishedPage(models.Model):
    """The SHA-256 of a public page as it was last published (served fresh into the page cache).

    `gongkai pages verify` compares what is served now with this record and names every page that
    differs: the defacement check (gongkai.common.integrity)."""

    host = models.CharField(_("主机名"), max_length=255)
    path = models.CharField(_("路径"), max_length=1000)
    sha256 = models.CharField("SHA-256", max_length=64)
    generation = models.CharField(_("发布代次"), max_length=100)
    published_at = models.DateTimeField(_("记录时间"))

    class Meta:
        verbose_name = _("已发布页面")
        verbose_name_plural = _("已发布页面")
        constraints = [models.UniqueConstraint(fields=["host", "path"], name="published_page_unique")]

    def __str__(self) -> str:
        return f"{self.host}{self.path}"
