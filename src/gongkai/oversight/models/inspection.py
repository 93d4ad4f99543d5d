"""网站检查 (国办秘函〔2019〕19号): one `Inspection` of one site, its `Finding`s.

The checks (oversight/inspection/checks.py, each registered with `register_check`) produce findings;
scoring (oversight/inspection/scoring.py) turns them into veto items and deductions under the
configurable rules and fills the inspection's score. A finding's `key` is stable across inspections
(the same broken link, the same stale column), so the next inspection can tell what was fixed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Inspection", "Finding", "InspectionScheme", "InspectionRule"]


class Inspection(models.Model):
    class State(models.TextChoices):
        RUNNING = "running", _("检查中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("检查出错")

    site = models.ForeignKey(
        "portal.Site", verbose_name=_("网站"), on_delete=models.PROTECT, related_name="inspections"
    )
    started_at = models.DateTimeField(_("开始时间"), db_index=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.RUNNING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("留空为定时检查"),
    )
    pages_checked = models.PositiveIntegerField(_("检查页面数"), default=0)
    links_checked = models.PositiveIntegerField(_("检查链接数"), default=0)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    vetoed = models.BooleanField(_("触发单项否决"), default=False)
    passed = models.BooleanField(_("合格"), default=False)
    summary = models.JSONField(_("摘要"), default=dict, blank=True)  # per check: counts, deductions
    error = models.TextField(_("出错信息"), blank=True)

    class Meta:
        verbose_name = _("网站检查")
        verbose_name_plural = _("网站检查")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["site", "-started_at"], name="inspection_site_time")]

    def __str__(self) -> str:
        return f"{self.site} {self.started_at:%Y-%m-%d %H:%M}"


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("检查"), on_delete=models.CASCADE, related_name="findings"
    )
    check_code = models.CharField(_("检查项"), max_length=60, db_index=True)  # a registered check's code
    key = models.CharField(_("问题标识"), max_length=300)  # stable across inspections
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("责任机关"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.CharField(_("页面地址"), max_length=1000, blank=True)
    title = models.CharField(_("问题"), max_length=300)
    detail = models.TextField(_("说明"), blank=True)
    count = models.PositiveIntegerField(_("数量"), default=1)
    vetoes = models.BooleanField(_("单项否决"), default=False)  # set by scoring
    deduction = models.DecimalField(_("扣分"), max_digits=5, decimal_places=1, default=0)  # set by scoring
    fix_by = models.DateField(_("整改期限"), null=True, blank=True)
    fixed_at = models.DateTimeField(_("整改完成时间"), null=True, blank=True)  # the agency says it fixed it
    cleared_by = models.ForeignKey(
        Inspection,
        verbose_name=_("复查通过的检查"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cleared_findings",
    )
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("整改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fix_note = models.TextField(_("整改说明"), blank=True)

    class Meta:
        verbose_name = _("检查发现的问题")
        verbose_name_plural = _("检查发现的问题")
        ordering = ["-vetoes", "check_code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "check_code", "key"], name="finding_unique_key")
        ]

    def __str__(self) -> str:
        return self.title


class InspectionScheme(models.Model):
    """The scoring rules of one year (检查评分方案): the pass line, the bonus line and the fix-by
    periods, with one `InspectionRule` per check. Created on first use from the previous year's
    scheme, or from the State Council defaults (oversight/inspection/scoring.py)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    pass_line = models.DecimalField(_("合格线"), max_digits=5, decimal_places=1, default=60)
    bonus_line = models.DecimalField(_("加分线"), max_digits=5, decimal_places=1, default=80)
    veto_fix_workdays = models.PositiveSmallIntegerField(_("单项否决问题整改期限（工作日）"), default=3)
    fix_workdays = models.PositiveSmallIntegerField(_("扣分问题整改期限（工作日）"), default=10)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("检查评分方案")
        verbose_name_plural = _("检查评分方案")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年网站检查评分方案"


class InspectionRule(models.Model):
    """How the findings of one check count: a veto item from `veto_threshold` items on (单项否决),
    below it (or for a deduction item) `points` per item up to `cap` (扣分)."""

    class Kind(models.TextChoices):
        VETO = "veto", _("单项否决")
        DEDUCT = "deduct", _("扣分")

    scheme = models.ForeignKey(
        InspectionScheme, verbose_name=_("评分方案"), on_delete=models.CASCADE, related_name="rules"
    )
    check_code = models.CharField(_("检查项"), max_length=60)
    label = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.DEDUCT)
    veto_threshold = models.PositiveIntegerField(
        _("否决阈值"), null=True, blank=True, help_text=_("问题数达到该值即单项否决；仅对单项否决项有效")
    )
    points = models.DecimalField(_("每项扣分"), max_digits=4, decimal_places=1, default=0)
    cap = models.DecimalField(_("扣分上限"), max_digits=5, decimal_places=1, default=0)
    indicator = models.CharField(_("依据指标"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=50)

    class Meta:
        verbose_name = _("检查评分规则")
        verbose_name_plural = _("检查评分规则")
        ordering = ["order", "check_code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "check_code"], name="inspection_rule_unique_check")
        ]

    def __str__(self) -> str:
        return self.label
