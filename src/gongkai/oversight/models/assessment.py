"""考核评议: a year's scheme (考核方案) of indicators built on registered metrics, the assessments
scored under it per period, each agency's score, and the public's ratings of a scorecard."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..assessment_scoring import Rule

__all__ = [
    "AssessmentScheme",
    "Indicator",
    "Assessment",
    "AssessmentScore",
    "ScorecardRating",
]


class AssessmentScheme(models.Model):
    """The indicators, weights and thresholds one government applies to its subtree for one year."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("考核机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("方案名称"), max_length=200)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("复制自"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="assessment_scheme_year")]

    def __str__(self) -> str:
        return self.title

    def rules(self) -> list[Rule]:
        return [i.rule() for i in self.indicators.all()]


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("越高越好")
        LOWER = "lower", _("越低越好")

    class NoData(models.TextChoices):
        FULL = "full", _("得满分（本期无此项业务）")
        ZERO = "zero", _("不得分")

    scheme = models.ForeignKey(
        AssessmentScheme, verbose_name=_("考核方案"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    label = models.CharField(_("指标名称"), max_length=100)
    metric = models.CharField(_("数据来源"), max_length=100)
    denominator = models.CharField(_("分母数据"), max_length=100, blank=True)
    weight = models.DecimalField(_("分值"), max_digits=5, decimal_places=2)
    direction = models.CharField(_("计分方向"), max_length=10, choices=Direction.choices)
    full_at = models.DecimalField(_("满分线"), max_digits=12, decimal_places=2)
    zero_at = models.DecimalField(_("零分线"), max_digits=12, decimal_places=2)
    no_data = models.CharField(_("本期无数据时"), max_length=10, choices=NoData.choices, default=NoData.FULL)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["scheme", "position"]

    def __str__(self) -> str:
        return self.label

    def rule(self) -> Rule:
        return Rule(
            label=self.label,
            metric=self.metric,
            weight=Decimal(self.weight),
            direction=self.direction,
            full_at=Decimal(self.full_at),
            zero_at=Decimal(self.zero_at),
            denominator=self.denominator,
            no_data=self.no_data,
        )


class Assessment(models.Model):
    """The scores of one period (a year, or a quarter of it) under a scheme."""

    class State(models.TextChoices):
        COMPUTING = "computing", _("计算中")
        REVIEW = "review", _("待审核")
        PUBLISHED = "published", _("已发布")

    scheme = models.ForeignKey(
        AssessmentScheme, verbose_name=_("考核方案"), on_delete=models.PROTECT, related_name="assessments"
    )
    quarter = models.PositiveSmallIntegerField(_("季度"), default=0, help_text=_("0为全年"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.COMPUTING)
    # The rules as they were when the scores were computed (Rule.as_dict each), so a published
    # result keeps explaining itself whatever happens to the scheme later.
    rules = models.JSONField(_("计分规则"), default=list, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("考核结果")
        verbose_name_plural = _("考核结果")
        ordering = ["-scheme__year", "-quarter", "-pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "quarter"], name="assessment_period")]

    def __str__(self) -> str:
        return f"{self.scheme.agency.display_name}{self.period_label}政务公开工作考核"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("oversight:scorecard_ranking", args=[self.pk])

    @property
    def agency(self):
        return self.scheme.agency

    @property
    def year(self) -> int:
        return self.scheme.year

    @property
    def period_label(self) -> str:
        return f"{self.year}年" + (f"第{'一二三四'[self.quarter - 1]}季度" if self.quarter else "度")

    @property
    def period_key(self) -> str:
        return f"{self.year}" + (f"q{self.quarter}" if self.quarter else "")

    @property
    def start(self) -> date:
        return date(self.year, 1, 1) if not self.quarter else date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        month = 12 if not self.quarter else 3 * self.quarter
        return date(self.year, month, monthrange(self.year, month)[1])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def rule_list(self) -> list[Rule]:
        return [Rule.from_dict(d) for d in self.rules]


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("考核结果"), on_delete=models.CASCADE, related_name="scores"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("被考核机关"), on_delete=models.PROTECT, related_name="+"
    )
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("名次"))
    # One entry per rule of the assessment, in order: {"raw": "97.5" | None, "points": "18.5", "status": "ok"}.
    items = models.JSONField(_("各项得分"), default=list)

    class Meta:
        verbose_name = _("考核得分")
        verbose_name_plural = _("考核得分")
        ordering = ["assessment", "rank", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "agency"], name="assessment_score_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.total}"


class ScorecardRating(models.Model):
    """ "这个结果对您有用吗？" — a visitor's answer on a scorecard, with an optional comment that is shown
    only once a supervisor approved it (masked of personal data before it is stored)."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("考核结果"), on_delete=models.CASCADE, related_name="ratings"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    useful = models.BooleanField(_("有用"))
    comment = models.TextField(_("意见"), blank=True)
    state = models.CharField(_("审核状态"), max_length=10, choices=State.choices, default=State.PENDING)
    idempotency_key = models.CharField(_("提交标识"), max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reject_reason = models.CharField(_("不通过理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("成绩单评价")
        verbose_name_plural = _("成绩单评价")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["assessment", "agency", "state"], name="scorecard_rating_page")]

    def __str__(self) -> str:
        return f"{'有用' if self.useful else '没用'}：{self.comment[:30]}"
