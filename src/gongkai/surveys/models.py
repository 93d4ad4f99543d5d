"""网上调查: a survey of an agency, its questions and options, and the responses the public gives.

A response holds one answer row per chosen option (single and multiple choice), one per rating and
one per free-text answer, so that every total on the results page is a count of rows. A response
carries the survey's one-response key (`voter`): a keyed hash of the verified phone number under the
phone rule, of the browser's signed identifier under the browser rule — unique per survey in the
database, so that two racing submissions of one person cannot both be saved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")
    PUBLISHED = "published", _("结果已公布")


class Rule(models.TextChoices):
    """How the survey keeps to one response per person; the page states it in plain words."""

    PHONE = "phone", _("每个手机号码限答一次（短信验证码验证）")
    BROWSER = "browser", _("每个浏览器限答一次")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    RATING = "rating", _("评分题（1—5分）")
    TEXT = "text", _("问答题")


class Review(models.TextChoices):
    """Of a free-text answer: nothing typed by the public is shown before staff approve it."""

    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    HIDDEN = "hidden", _("不予显示")


RATING_MIN, RATING_MAX = 1, 5


class Survey(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("发起机关"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("调查标题"), max_length=100)
    intro = models.TextField(_("调查说明"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    rule = models.CharField(_("答卷限制"), max_length=10, choices=Rule.choices, default=Rule.PHONE)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    opened_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网上调查")
        verbose_name_plural = _("网上调查")
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["state", "-opens_at"])]

    def __str__(self) -> str:
        return self.title

    def accepting(self, *, now=None) -> bool:
        """Open and within its window: the answering form is shown and responses are taken."""
        now = now or timezone.now()
        return self.state == State.OPEN and self.opens_at <= now < self.closes_at

    def public_status(self, *, now=None) -> str:
        """What the portal says about the survey now (a survey past its close time reads 已结束
        before staff close it)."""
        now = now or timezone.now()
        if self.state == State.OPEN:
            if now < self.opens_at:
                return str(_("尚未开始"))
            return str(_("征集中")) if now < self.closes_at else str(_("已结束"))
        return str(self.get_state_display())

    @property
    def upcoming(self) -> bool:
        """Opened by staff, but its start time is still ahead."""
        return self.state == State.OPEN and timezone.now() < self.opens_at


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("调查"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("题型"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=300)
    required = models.BooleanField(_("必答"), default=True)
    order = models.PositiveIntegerField(_("序号"), default=0)

    class Meta:
        verbose_name = _("调查题目")
        verbose_name_plural = _("调查题目")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Option(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.CASCADE, related_name="options"
    )
    label = models.CharField(_("选项"), max_length=100)
    order = models.PositiveIntegerField(_("序号"), default=0)

    class Meta:
        verbose_name = _("选项")
        verbose_name_plural = _("选项")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("调查"), on_delete=models.PROTECT, related_name="responses"
    )
    # A keyed hash (common.crypto.lookup_hash) of the phone or of the browser identifier.
    voter = models.CharField(_("答卷人标识（密钥散列）"), max_length=64)
    rule = models.CharField(_("答卷限制"), max_length=10, choices=Rule.choices)
    # A keyed hash of the form's idempotency key: the same form sent again finds this response.
    submission_key = models.CharField(_("提交标识（密钥散列）"), max_length=64, unique=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "voter"], name="surveys_one_response_per_voter")
        ]
        indexes = [models.Index(fields=["submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey} 第{self.pk}份答卷"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("答卷"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.PROTECT, related_name="answers"
    )
    option = models.ForeignKey(
        Option,
        verbose_name=_("选项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    rating = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    text = models.TextField(_("回答"), blank=True)
    text_public = models.TextField(_("公开文本（已遮盖个人信息）"), blank=True)
    review = models.CharField(_("审核"), max_length=10, choices=Review.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        ordering = ["pk"]
        indexes = [models.Index(fields=["question", "review"])]

    def __str__(self) -> str:
        return f"{self.question}：{self.option or self.rating or self.text_public}"
