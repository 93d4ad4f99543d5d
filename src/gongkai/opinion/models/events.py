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
    # Clustering (opinion/clustering.py): the summed term counts of the posts, trimmed to the strongest
    # terms; the count of posts per sentiment; whether the title is still the suggested one (an
    # analyst's title is never replaced); the post that first reported the matter.
    centroid = models.JSONField(_("特征词向量"), default=dict, blank=True, editable=False)
    sentiments = models.JSONField(_("情感分布"), default=dict, blank=True, editable=False)
    title_suggested = models.BooleanField(_("名称由系统建议"), default=True)
    first_post = models.ForeignKey(
        "opinion.Post",
        verbose_name=_("首发信息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("舆情事件")
        verbose_name_plural = _("舆情事件")
        indexes = [
            models.Index(fields=["owner", "state", "-last_seen_at"], name="opinion_event_queue"),
            models.Index(fields=["-heat"], name="opinion_event_heat"),
            models.Index(fields=["agency", "state", "deadline_at"], name="opinion_event_agency"),
            models.Index(fields=["owner", "-heat"], name="opinion_event_owner_heat"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def clock_start(self):
        """When the response clock starts: the first appearance, or — for posts collected long after they
        appeared (a source connected with its history, a vendor's back-fill) — when gongkai found the
        event: hours already past before anyone could see it are not counted against the agency."""
        return max(self.first_seen_at, self.created_at)

    def sentiment_shares(self) -> list[tuple[str, str, int, float]]:
        """(value, label, posts, share in per cent) per sentiment, posts not yet classified last."""
        from .sources import Sentiment

        total = sum(self.sentiments.values()) or 1
        rows = [(s.value, s.label, self.sentiments.get(s.value, 0)) for s in Sentiment]
        rows.append(("", _("未分类"), self.sentiments.get("", 0)))
        return [(v, label, n, round(100 * n / total, 1)) for v, label, n in rows if n]


class EventHour(models.Model):
    """The posts of an event in one hour (UTC hour start) and their heat: the heat curve and the burst test."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="hour_counts")
    hour = models.DateTimeField(_("小时"))
    posts = models.PositiveIntegerField(_("信息数"), default=0)
    heat = models.FloatField(_("热度"), default=0.0)

    class Meta:
        verbose_name = _("事件小时统计")
        verbose_name_plural = _("事件小时统计")
        constraints = [models.UniqueConstraint(fields=["event", "hour"], name="opinion_eventhour_unique")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.hour:%Y-%m-%d %H}"


class EventSource(models.Model):
    """The posts of an event from one source: the sources table of the event page."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="source_counts")
    source = models.ForeignKey(
        "opinion.Source", verbose_name=_("来源"), on_delete=models.CASCADE, related_name="+"
    )
    posts = models.PositiveIntegerField(_("信息数"), default=0)
    heat = models.FloatField(_("热度"), default=0.0)
    first_at = models.DateTimeField(_("首次出现"))

    class Meta:
        verbose_name = _("事件来源统计")
        verbose_name_plural = _("事件来源统计")
        constraints = [models.UniqueConstraint(fields=["event", "source"], name="opinion_eventsource_unique")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.source_id}"
