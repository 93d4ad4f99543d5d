"""政府信息公开工作年度报告 (条例第四十九、五十条; format 国办公开办函〔2021〕30号).

One `AnnualReport` per (agency, year, consolidated): a department's own report, or a government's
consolidated report over its subtree. Its figures are built from the registered metrics
(oversight/reports_figures.py) on every view until publication, when they are frozen in `snapshot`
so a published report never changes. Staff write the texts of 一 (five paragraphs, drafted from the
figures), 五 and 六, and enter the figures no record holds (`entered`). `ReportReminder` keeps the
deadline reminders sent, one per (agency, year, kind, days before), so the daily job is idempotent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AnnualReport", "ReportReminder", "ReportState"]


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("已发布")


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    consolidated = models.BooleanField(
        _("本级政府汇总报告"), default=False, help_text=_("人民政府汇总本级及所属部门、下级政府的年度报告")
    )
    state = models.CharField(_("状态"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    # 一、总体情况: OVERVIEW_HEADINGS key -> paragraph (drafted from the figures, then edited)
    overview = models.JSONField(_("总体情况"), default=dict, blank=True)
    problems = models.TextField(_("存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("其他需要报告的事项"), blank=True)
    # Figures no record holds, typed by staff: key -> decimal string ("fees": "12.35" 万元 …)
    entered = models.JSONField(_("人工填报数据"), default=dict, blank=True)
    # The ReportFigures as published (reports_figures.to_json); None until publication.
    snapshot = models.JSONField(_("发布时的数据"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    catalog_url = models.CharField(_("目录中的地址"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "agency__path", "-consolidated"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "consolidated"], name="annual_report_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)


class ReportReminder(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    consolidated = models.BooleanField(default=False)
    days_before = models.SmallIntegerField()
    sent_on = models.DateField()
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("年度报告期限提醒")
        verbose_name_plural = _("年度报告期限提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "consolidated", "days_before"], name="report_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.days_before}"
