"""Handling an event (issue #13 "Act"): grade decisions, 会商, authoritative responses, escalations
of missed deadlines, the region × topic → agency table, and the 日报/周报/专报."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .events import Grade


class GradeDecision(models.Model):
    """A grade proposed by the rules (no `decided_by`) or confirmed or changed by an analyst."""

    event = models.ForeignKey(
        "opinion.Event", verbose_name=_("事件"), on_delete=models.CASCADE, related_name="grade_decisions"
    )
    grade = models.CharField(_("等级"), max_length=1, choices=Grade.choices)
    score = models.PositiveSmallIntegerField(_("规则得分"), null=True, blank=True)
    reasons = models.JSONField(_("依据"), default=list, blank=True)
    reason = models.TextField(_("定级理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("研判人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("定级记录")
        verbose_name_plural = _("定级记录")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.get_grade_display()}"

    @property
    def is_proposal(self) -> bool:
        return self.decided_by_id is None


class Assessment(models.Model):
    """会商: a joint assessment of an event with several agencies, and what they concluded."""

    event = models.ForeignKey(
        "opinion.Event", verbose_name=_("事件"), on_delete=models.CASCADE, related_name="assessments"
    )
    held_at = models.DateTimeField(_("会商时间"))
    participants = models.ManyToManyField("agencies.Agency", verbose_name=_("参加单位"), related_name="+")
    conclusion = models.TextField(_("会商结论"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("会商记录")
        verbose_name_plural = _("会商记录")
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.held_at:%Y-%m-%d %H:%M}"


class ResponseKind(models.TextChoices):
    DOCUMENT = "publishing.document", _("政府信息文件")
    INTERPRETATION = "publishing.interpretation", _("政策解读")
    CONFERENCE = "press.conference", _("新闻发布会")
    STATEMENT = "newmedia.post", _("政务新媒体发布")
    REPLY = "interaction.reply", _("网上留言答复")


class Response(models.Model):
    """The authoritative statement that answered an event: a link to what was actually published."""

    event = models.ForeignKey(
        "opinion.Event", verbose_name=_("事件"), on_delete=models.CASCADE, related_name="responses"
    )
    kind = models.CharField(_("回应方式"), max_length=32, choices=ResponseKind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    title = models.CharField(_("标题"), max_length=300)
    url = models.CharField(_("链接"), max_length=500)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"))
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("权威回应")
        verbose_name_plural = _("权威回应")
        ordering = ["published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind", "object_id"], name="opinion_response_once"),
        ]

    def __str__(self) -> str:
        return self.title


class Escalation(models.Model):
    """A missed deadline reported to the supervising office (one per event and deadline)."""

    event = models.ForeignKey(
        "opinion.Event", verbose_name=_("事件"), on_delete=models.CASCADE, related_name="escalations"
    )
    to_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("上报至"), on_delete=models.PROTECT, related_name="+"
    )
    deadline_at = models.DateTimeField(_("回应时限"))
    escalated_at = models.DateTimeField(_("上报时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("解除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("超时上报")
        verbose_name_plural = _("超时上报")
        ordering = ["-escalated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "deadline_at"], name="opinion_escalation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.to_agency_id}"


class AgencyRule(models.Model):
    """属地 × 主管: events about `region` (blank: anywhere) and `topic` (blank: any) go to `agency`."""

    owner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属单位"), on_delete=models.CASCADE, related_name="+"
    )
    region = models.CharField(
        _("属地关键词"), max_length=40, blank=True, help_text=_("如“城关镇”；留空为不限")
    )
    topic = models.CharField(
        _("主题关键词"), max_length=40, blank=True, help_text=_("如“住房”“欠薪”；留空为不限")
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("交办规则")
        verbose_name_plural = _("交办规则")
        ordering = ["region", "topic", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "region", "topic"], name="opinion_agency_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region or '不限'} × {self.topic or '不限'} → {self.agency_id}"


class ReportKind(models.TextChoices):
    DAILY = "daily", _("舆情日报")
    WEEKLY = "weekly", _("舆情周报")
    SPECIAL = "special", _("舆情专报")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


def report_path(report: Report, filename: str) -> str:
    return f"opinion/reports/{timezone.localdate():%Y/%m}/{filename}"


class Report(models.Model):
    """日报/周报/专报 in the trade's four sections, generated from the records, edited, then issued
    (the .docx is made once at issue and archived; an issued report no longer changes)."""

    owner = models.ForeignKey(
        "agencies.Agency", verbose_name=_("编报单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=8, choices=ReportKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("期号"), max_length=40, blank=True)
    period_start = models.DateTimeField(_("起始时间"))
    period_end = models.DateTimeField(_("截止时间"))
    event = models.ForeignKey(
        "opinion.Event", verbose_name=_("专报事件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="reports",
    )  # fmt: skip
    overview = models.TextField(_("舆情概况"), blank=True)
    spread = models.TextField(_("传播情况"), blank=True)
    content = models.TextField(_("内容分析"), blank=True)
    advice = models.TextField(_("研判与处置建议"), blank=True)
    figures = models.JSONField(_("统计数据"), default=dict, blank=True)
    state = models.CharField(_("状态"), max_length=8, choices=ReportState.choices, default=ReportState.DRAFT)
    file = models.FileField(_("文件"), upload_to=report_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("编制人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("编制时间"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("印发人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("舆情报告")
        verbose_name_plural = _("舆情报告")
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["owner", "-period_end"], name="opinion_report_owner")]

    def __str__(self) -> str:
        return self.title

    SECTIONS = (
        ("overview", _("一、舆情概况")),
        ("spread", _("二、传播情况")),
        ("content", _("三、内容分析")),
        ("advice", _("四、研判与处置建议")),
    )
