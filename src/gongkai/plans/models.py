"""The annual disclosure plan (年度政务公开工作要点) of a government and its tasks, with their progress."""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("起草中")
    REVIEWING = "reviewing", _("审核中")
    PUBLISHED = "published", _("已发布")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已完成")
    OVERDUE = "overdue", _("已超期")


def default_deadline(year: int) -> date:
    """A plan is published in February (seed 000; RULES.md §7): by the last day of that February."""
    return date(year, 2, calendar.monthrange(year, 2)[1])


class AnnualPlan(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("制定机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    deadline = models.DateField(_("发布期限"), help_text=_("默认为当年2月的最后一天"))
    state = models.CharField(_("状态"), max_length=12, choices=PlanState.choices, default=PlanState.DRAFT)
    document = models.ForeignKey(
        "publishing.Document",
        verbose_name=_("发布的政府信息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    source_name = models.CharField(_("导入的文件"), max_length=255, blank=True)
    # The review page's one-time key: confirming the same review twice (Back, resubmit) finds this plan.
    import_key = models.CharField(max_length=40, blank=True, default="", editable=False)
    return_reason = models.TextField(_("退回理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("年度政务公开工作要点")
        verbose_name_plural = _("年度政务公开工作要点")
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="plans_one_plan_per_agency_year"),
            models.UniqueConstraint(
                fields=["import_key"], condition=~models.Q(import_key=""), name="plans_unique_import_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_late(self, today: date | None = None) -> bool:
        """Past its publication deadline and still not published."""
        return self.state != PlanState.PUBLISHED and (today or timezone.localdate()) > self.deadline


class PlanTask(models.Model):
    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveIntegerField(_("序号"))
    section = models.CharField(_("所属部分"), max_length=200, blank=True)
    number = models.CharField(_("原文编号"), max_length=12, blank=True)
    content = models.TextField(_("任务内容"))
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    partners = models.CharField(_("配合单位"), max_length=300, blank=True)
    person = models.CharField(
        _("责任人"), max_length=50, blank=True, help_text=_("仅在工作台显示，不在门户网站公开")
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(_("时限原文"), max_length=60, blank=True)
    criterion = models.TextField(_("完成标准"), blank=True)
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), default=0)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    summary = models.TextField(_("年终总结"), blank=True)
    summary_at = models.DateTimeField(_("总结填报时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="plans_task_position")]
        indexes = [models.Index(fields=["agency", "deadline"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.content[:40]}"

    def status(self, today: date | None = None) -> str:
        """Derived from the row and today: done once reported complete, overdue after the deadline."""
        if self.done_on is not None:
            return TaskStatus.DONE
        if self.deadline is not None and (today or timezone.localdate()) > self.deadline:
            return TaskStatus.OVERDUE
        return TaskStatus.IN_PROGRESS if self.percent > 0 else TaskStatus.NOT_STARTED

    def status_label(self, today: date | None = None) -> str:
        return str(TaskStatus(self.status(today)).label)


class ProgressReport(models.Model):
    """One report of an agency on a task; the history is kept, the task holds the latest figure."""

    task = models.ForeignKey(
        PlanTask, verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="reports"
    )
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"))
    criterion_confirmed = models.BooleanField(_("已确认达到完成标准"), default=False)
    documents = models.ManyToManyField(
        "publishing.Document", verbose_name=_("佐证材料（已公开信息）"), blank=True, related_name="+"
    )
    links = models.JSONField(_("佐证链接"), default=list, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报告人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("报告时间"), default=timezone.now)
    # The report form's one-time key: sending the same form twice (Back, resubmit) adds one report.
    form_key = models.CharField(max_length=40, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "form_key"], condition=~models.Q(form_key=""), name="plans_report_form_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.percent}%"
