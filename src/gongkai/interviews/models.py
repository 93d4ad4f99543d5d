"""在线访谈: an `Interview` with its `Guest`s, the public's `Question`s (moderated, masked), the
`LiveEntry` rows typed during the event (the live text, later the transcript) and the `Media`
files published with the transcript.

States: 筹备中 (staff only) → 征集问题 → 直播中 → 已结束 → 实录已发布. From 征集问题 on, the
interview is on the portal. Unanswered approved questions become messages (留言) when the
interview finishes; the question keeps the message's receipt code.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.common import crypto
from gongkai.common.crypto import EncryptedTextField


class State(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    COLLECTING = "collecting", _("征集问题")
    LIVE = "live", _("直播中")
    FINISHED = "finished", _("已结束")
    PUBLISHED = "published", _("实录已发布")


PUBLIC_STATES = (State.COLLECTING, State.LIVE, State.FINISHED, State.PUBLISHED)
ASKING_STATES = (State.COLLECTING, State.LIVE)  # the public may send questions
TYPING_STATES = (State.LIVE, State.FINISHED)  # staff may add or correct entries


class Interview(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("主办机关"), on_delete=models.PROTECT, related_name="interviews"
    )
    topic = models.CharField(_("访谈主题"), max_length=120)
    summary = models.TextField(_("内容简介"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    host_name = models.CharField(_("主持人"), max_length=40, default="主持人")
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束于"), null=True, blank=True)
    published_at = models.DateTimeField(_("实录发布于"), null=True, blank=True)

    class Meta:
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["state", "starts_at"])]

    def __str__(self) -> str:
        return self.topic

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def accepts_questions(self) -> bool:
        return self.state in ASKING_STATES

    @property
    def live_key(self) -> str:
        return live_key(self.pk)


def live_key(pk: int) -> str:
    return f"interviews:{pk}"


def questions_key(pk: int) -> str:
    """The staff console's live list of questions (held ones included)."""
    return f"interviews:{pk}:questions"


class Guest(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=40)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所在机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("职务"), max_length=60)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("访谈嘉宾")
        verbose_name_plural = _("访谈嘉宾")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class Moderation(models.TextChoices):
    HELD = "held", _("待审核")
    APPROVED = "approved", _("已通过")
    HIDDEN = "hidden", _("不予显示")


class Question(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="questions")
    display_name = models.CharField(_("显示名称"), max_length=20, blank=True)
    phone = EncryptedTextField(_("联系电话"))
    body = models.TextField(_("问题"))
    masked_body = models.TextField(_("公开文本"), editable=False)
    moderation = models.CharField(
        _("审核"), max_length=20, choices=Moderation.choices, default=Moderation.HELD
    )
    flagged_words = models.CharField(_("敏感词"), max_length=200, blank=True)
    during_event = models.BooleanField(_("直播中提出"), default=False)
    asked_at = models.DateTimeField(_("提问时间"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    message_receipt_code = models.CharField(_("转留言查询码"), max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)  # the staff console's live list of questions

    class Meta:
        verbose_name = _("网民提问")
        verbose_name_plural = _("网民提问")
        ordering = ["asked_at", "pk"]
        indexes = [
            models.Index(fields=["interview", "moderation"]),
            models.Index(fields=["interview", "updated_at"]),
        ]

    def __str__(self) -> str:
        return self.masked_body[:30]

    @property
    def public_name(self) -> str:
        return self.display_name or "网友"

    @property
    def masked_phone(self) -> str:
        return crypto.mask_phone(self.phone)


class Speaker(models.TextChoices):
    HOST = "host", _("主持人")
    GUEST = "guest", _("嘉宾")


def image_path(instance: LiveEntry, filename: str) -> str:
    return f"interviews/{instance.interview_id}/entries/{uuid.uuid4().hex}{_suffix(filename)}"


def media_path(instance: Media, filename: str) -> str:
    return f"interviews/{instance.interview_id}/media/{uuid.uuid4().hex}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower()[:6] if dot >= 0 else ""


class LiveEntry(models.Model):
    """One paragraph of the live text: the host's or a guest's words, maybe answering a question."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="entries")
    speaker = models.CharField(_("发言人"), max_length=10, choices=Speaker.choices)
    guest = models.ForeignKey(
        Guest, verbose_name=_("嘉宾"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("内容"))
    answers = models.ForeignKey(
        Question,
        verbose_name=_("回答的问题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    image = models.FileField(_("图片"), upload_to=image_path, blank=True)
    withdrawn = models.BooleanField(_("已撤回"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("直播文字")
        verbose_name_plural = _("直播文字")
        ordering = ["pk"]
        indexes = [models.Index(fields=["interview", "updated_at"])]

    def __str__(self) -> str:
        return self.body[:30]

    @property
    def speaker_label(self) -> str:
        if self.speaker == Speaker.GUEST and self.guest_id:
            return self.guest.name
        return self.interview.host_name


class MediaKind(models.TextChoices):
    IMAGE = "image", _("图片")
    AUDIO = "audio", _("音频")
    VIDEO = "video", _("视频")


class Media(models.Model):
    """A file published with the transcript, served by the application."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(_("类型"), max_length=10, choices=MediaKind.choices)
    title = models.CharField(_("说明"), max_length=100)
    file = models.FileField(_("文件"), upload_to=media_path)
    file_type = models.CharField(max_length=10, editable=False)  # what the bytes are (filetypes)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("实录附件")
        verbose_name_plural = _("实录附件")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.title
