"""An event: posts clustered around one matter, graded, assigned to a responsible agency and answered
within the hours its grade allows (RULES.md §7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    """特别重大 / 重大 / 较大 / 一般 — shown in red, orange, yellow and blue."""

    SPECIAL = "1", _("特别重大")
    MAJOR = "2", _("重大")
    LARGE = "3", _("较大")
    GENERAL = "4", _("一般")


class EventState(models.TextChoices):
    NEW = "new", _("待研判")
    ASSIGNED = "assigned", _("处置中")
    RESPONDED = "responded", _("已回应")
    CLOSED = "closed", _("已办结")
    MERGED = "merged", _("已合并")


class Event(models.Model):
    owner = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="opinion_events",
        help_text=_("监测该事件的单位（其舆情员研判、交办）。"),
    )
    title = models.CharField(_("事件名称"), max_length=200)
    keywords = models.JSONField(_("关键词"), default=list, blank=True)
    first_seen_at = models.DateTimeField(_("首次出现"))
    last_seen_at = models.DateTimeField(_("最近出现"))
    post_count = models.PositiveIntegerField(_("信息数"), default=0)
    heat = models.FloatField(_("热度"), default=0.0)
    negative_share = models.FloatField(_("负面占比"), default=0.0)
    is_burst = models.BooleanField(_("突发"), default=False)
    burst_at = models.DateTimeField(_("突发时间"), null=True, blank=True)
    proposed_grade = models.CharField(_("建议等级"), max_length=1, choices=Grade.choices, blank=True)
    grade = models.CharField(_("等级"), max_length=1, choices=Grade.choices, blank=True)
    grade_reason = models.TextField(_("定级理由"), blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=EventState.choices, default=EventState.NEW)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinion_assignments",
    )
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline_at = models.DateTimeField(_("回应时限"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("超时上报时间"), null=True, blank=True)
    responded_at = models.DateTimeField(_("权威回应时间"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("并入"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("舆情事件")
        verbose_name_plural = _("舆情事件")
        indexes = [
            models.Index(fields=["owner", "state", "-last_seen_at"], name="opinion_event_queue"),
            models.Index(fields=["-heat"], name="opinion_event_heat"),
            models.Index(fields=["agency", "state", "deadline_at"], name="opinion_event_agency"),
        ]

    def __str__(self) -> str:
        return self.title
