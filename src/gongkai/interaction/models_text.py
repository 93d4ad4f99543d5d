"""The text side of 留言办理: routing keywords, stored MinHash signatures, prompt letters.

Imported by `models.py` so that Django registers them in the `interaction` app.

- `RoutingKeyword`: a word that points a message to an agency (供暖 → 县住建局), kept by the
  dispatching office; `routing.suggest()` reads them first, then the agencies that answered
  similar past messages.
- `MessageSignature`: the MinHash signature of a message's text (`gongkai.ingest.similarity`), stored once so
  that routing and the prompt-letter job compare without re-segmenting old messages.
- `PromptLetter` (民意诉求反馈提示函): when messages on one issue concentrate at one agency, the
  supervising office is alerted (a draft letter in its 待办), issues the letter (a GB/T 9704 .docx),
  the agency records its written feedback, and letter plus feedback can be published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutingKeyword(models.Model):
    office = models.ForeignKey(
        "agencies.Agency", verbose_name=_("交办单位"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("承办单位"),
        on_delete=models.CASCADE,
        related_name="routing_keywords",
    )
    word = models.CharField(_("关键词"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("添加人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("分办关键词")
        verbose_name_plural = _("分办关键词")
        ordering = ["agency__path", "word"]
        constraints = [
            models.UniqueConstraint(fields=["office", "agency", "word"], name="one_keyword_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.word} → {self.agency}"


class MessageSignature(models.Model):
    message = models.OneToOneField(
        "interaction.Message", primary_key=True, on_delete=models.CASCADE, related_name="signature"
    )
    signature = models.BinaryField(_("MinHash签名"))
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    class Meta:
        verbose_name = _("留言文本签名")
        verbose_name_plural = _("留言文本签名")

    def __str__(self) -> str:
        return f"签名 {self.message_id}"


class LetterState(models.TextChoices):
    DRAFT = "draft", _("待签发")
    ISSUED = "issued", _("已签发，待反馈")
    ANSWERED = "answered", _("已反馈")
    PUBLISHED = "published", _("已公开")
    DISMISSED = "dismissed", _("不予签发")


class LetterBasis(models.TextChoices):
    NEAR_DUPLICATE = "near_duplicate", _("相似留言集中")
    KEYWORD = "keyword", _("同一主题集中")


class PromptLetter(models.Model):
    office = models.ForeignKey(
        "agencies.Agency", verbose_name=_("发函单位"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("收函单位"), on_delete=models.PROTECT, related_name="prompt_letters"
    )
    basis = models.CharField(_("触发依据"), max_length=20, choices=LetterBasis.choices)
    topic = models.CharField(_("诉求主题"), max_length=100)
    messages = models.ManyToManyField(
        "interaction.Message", verbose_name=_("涉及留言"), related_name="prompt_letters"
    )
    window_start = models.DateField(_("统计起始日"))
    window_end = models.DateField(_("统计截止日"))
    state = models.CharField(_("状态"), max_length=20, choices=LetterState.choices, default=LetterState.DRAFT)
    title = models.CharField(_("标题"), max_length=100, blank=True)
    body = models.TextField(_("正文"), blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    number = models.CharField(_("发文字号"), max_length=60, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    feedback = models.TextField(_("反馈意见"), blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反馈人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    dismiss_reason = models.TextField(_("不予签发理由"), blank=True)
    detected_at = models.DateTimeField(_("发现时间"))

    class Meta:
        verbose_name = _("民意诉求反馈提示函")
        verbose_name_plural = _("民意诉求反馈提示函")
        ordering = ["-detected_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "seq"],
                condition=models.Q(seq__isnull=False),
                name="one_letter_number",
            )
        ]
        indexes = [models.Index(fields=["state", "published_at"])]

    def __str__(self) -> str:
        return self.number or f"提示函（{self.topic}）"


class PromptLetterTemplate(models.Model):
    """The office's own text of its prompt letters (a Django template with the placeholders of
    `letters.PLACEHOLDERS`); without one, the shipped `interaction/letters/prompt_letter.txt`."""

    office = models.OneToOneField(
        "agencies.Agency", verbose_name=_("发函单位"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("模板正文"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("提示函模板")
        verbose_name_plural = _("提示函模板")

    def __str__(self) -> str:
        return f"{self.office} 提示函模板"
