"""新闻发布: spokespersons (新闻发言人), press conferences (新闻发布会) and how often each agency must hold them."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Spokesperson(models.Model):
    """One appointment to a post (新闻发言人, 副发言人 …) of an agency; a new appointment to the same
    post ends the one before it, so each post has at most one current holder."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="spokespersons"
    )
    post = models.CharField(_("岗位"), max_length=30, default="新闻发言人")
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100)
    phone = models.CharField(
        _("办公电话"), max_length=30, help_text=_("新闻发言人办公室的固定电话，公开显示")
    )
    appointed_on = models.DateField(_("任职日期"))
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("新闻发言人")
        verbose_name_plural = _("新闻发言人")
        ordering = ["agency__path", "post", "-appointed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "post"],
                condition=Q(ended_on__isnull=True),
                name="press_one_current_per_post",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.post}）"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class Kind(models.TextChoices):
    REGULAR = "regular", _("例行发布会")
    ECONOMIC = "economic", _("经济运行发布会")
    MAJOR = "major", _("重大事件发布会")


class ConferenceState(models.TextChoices):
    PLANNED = "planned", _("计划召开")
    LIVE = "live", _("正在直播")
    HELD = "held", _("已召开")
    PUBLISHED = "published", _("实录已发布")
    CANCELLED = "cancelled", _("已取消")


# The states in which a conference took place and counts towards the required frequency.
HELD_STATES = (ConferenceState.LIVE, ConferenceState.HELD, ConferenceState.PUBLISHED)


class PressConference(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("举办机关"),
        on_delete=models.PROTECT,
        related_name="press_conferences",
    )
    topic = models.CharField(_("发布主题"), max_length=200)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    starts_at = models.DateTimeField(_("召开时间"), db_index=True)
    place = models.CharField(_("召开地点"), max_length=200)
    summary = models.TextField(_("发布内容简介"), blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=ConferenceState.choices, default=ConferenceState.PLANNED
    )
    head_attended = models.BooleanField(_("主要负责同志出席"), default=False, editable=False)
    transcript = models.TextField(_("实录"), blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    live_started_at = models.DateTimeField(_("直播开始时间"), null=True, blank=True)
    held_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("实录发布时间"), null=True, blank=True)
    documents = models.ManyToManyField(
        "publishing.Document", verbose_name=_("发布的文件"), blank=True, related_name="+"
    )
    interpretations = models.ManyToManyField(
        "publishing.Interpretation", verbose_name=_("发布的解读"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("新闻发布会")
        verbose_name_plural = _("新闻发布会")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["agency", "state", "starts_at"])]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("press:conference", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.state != ConferenceState.CANCELLED

    @property
    def day(self) -> date:
        return timezone.localdate(self.starts_at)


class Speaker(models.Model):
    conference = models.ForeignKey(PressConference, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100)
    is_head = models.BooleanField(_("本机关主要负责同志"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("发布人")
        verbose_name_plural = _("发布人")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class Media(models.Model):
    """An image, audio or video file of a conference's transcript, served by the application."""

    class Type(models.TextChoices):
        IMAGE = "image", _("图片")
        AUDIO = "audio", _("音频")
        VIDEO = "video", _("视频")

    conference = models.ForeignKey(PressConference, on_delete=models.CASCADE, related_name="media")
    type = models.CharField(_("类型"), max_length=5, choices=Type.choices)
    file = models.FileField(_("文件"), upload_to="press/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("实录音视频及图片")
        verbose_name_plural = _("实录音视频及图片")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.name


# ---------------------------------------------------------------- frequency rules


class Measure(models.TextChoices):
    ANY = "any", _("新闻发布会")
    HEAD = "head", _("主要负责同志出席的发布会")
    ECONOMIC = "economic", _("经济运行发布会")


class PressClass(models.Model):
    """A class of agencies that share frequency rules (与经济和民生关系密切的部门, 县（市、区）人民政府 …)."""

    name = models.CharField(_("类别名称"), max_length=60, unique=True)
    note = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("发布会频次类别")
        verbose_name_plural = _("发布会频次类别")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


PERIOD_MONTHS = [
    (1, _("每月")),
    (2, _("每两个月")),
    (3, _("每季度")),
    (4, _("每四个月")),
    (6, _("每半年")),
    (12, _("每年")),
]


class FrequencyRule(models.Model):
    """At least `min_count` conferences of `measure` in every calendar period of `months` months.

    A rule belongs to a class, or to one agency as its override: an agency's own rule replaces
    its class's rule of the same measure (seed 004: every two months instead of every quarter).
    """

    press_class = models.ForeignKey(
        PressClass,
        verbose_name=_("类别"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rules",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("单独规定的机关"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    measure = models.CharField(_("计数对象"), max_length=10, choices=Measure.choices, default=Measure.ANY)
    months = models.PositiveSmallIntegerField(_("周期"), choices=PERIOD_MONTHS, default=3)
    min_count = models.PositiveSmallIntegerField(_("每周期至少场次"), default=1)

    class Meta:
        verbose_name = _("发布会频次要求")
        verbose_name_plural = _("发布会频次要求")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(press_class__isnull=True) ^ Q(agency__isnull=True),
                name="press_rule_class_xor_agency",
            ),
            models.UniqueConstraint(
                fields=["press_class", "measure"], name="press_rule_one_per_class_measure"
            ),
            models.UniqueConstraint(fields=["agency", "measure"], name="press_rule_one_per_agency_measure"),
        ]

    def __str__(self) -> str:
        return f"{self.get_months_display()}至少{self.min_count}场{self.get_measure_display()}"


class AgencyPressSetting(models.Model):
    """Which class an agency belongs to, and from which day its frequency is checked."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="press_setting"
    )
    press_class = models.ForeignKey(
        PressClass, verbose_name=_("类别"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField(
        _("考核起始日期"), help_text=_("机关设立或纳入考核的日期；此前开始的周期不计未达要求")
    )

    class Meta:
        verbose_name = _("机关发布会考核设置")
        verbose_name_plural = _("机关发布会考核设置")

    def __str__(self) -> str:
        return str(self.agency)


class ConferenceRequirement(models.Model):
    """A conference an agency must hold by `due_at`, raised by another domain (a major opinion event
    requires one within 24 hours); it stays open until a conference of the agency takes place."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(_("最迟召开时间"))
    reason = models.CharField(_("事由"), max_length=300)
    source_url = models.CharField(_("来源链接"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    conference = models.ForeignKey(
        PressConference,
        verbose_name=_("召开的发布会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requirements",
    )
    fulfilled_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("应召开的发布会")
        verbose_name_plural = _("应召开的发布会")
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return self.reason

    def is_overdue(self, now=None) -> bool:
        if self.fulfilled_at is not None:
            return self.fulfilled_at > self.due_at
        return (now or timezone.now()) > self.due_at


class LiveEntry(models.Model):
    """One paragraph of a conference's live text (文字直播), typed by staff while it is live."""

    conference = models.ForeignKey(PressConference, on_delete=models.CASCADE, related_name="live_entries")
    speaker = models.CharField(_("发言人"), max_length=50, blank=True)
    body = models.TextField(_("内容"))
    hidden = models.BooleanField(_("已撤回"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("发布会文字直播")
        verbose_name_plural = _("发布会文字直播")
        ordering = ["pk"]
        indexes = [models.Index(fields=["conference", "updated_at"])]

    def __str__(self) -> str:
        return self.body[:30]


def live_key(pk: int) -> str:
    return f"press:{pk}"
