"""政务新媒体: the accounts an agency runs (国办发〔2018〕123号), their posts as the update watch sees
them, and the release of a published page to chosen channels through an outbox."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("头条号")
    KUAISHOU = "kuaishou", _("快手")
    APP = "app", _("客户端")
    OTHER = "other", _("其他")


class AccountState(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACTIVE = "active", _("运营")
    CLOSED = "closed", _("注销")
    MERGED = "merged", _("整合")
    REJECTED = "rejected", _("未通过审核")


class Delivery(models.TextChoices):
    PACKAGE = "package", _("人工发布（生成发布包）")
    WEBHOOK = "webhook", _("接口推送（Webhook）")


# An agency runs one account per platform; a registration waiting for review already holds the place.
HOLDS_PLACE = (AccountState.PENDING, AccountState.ACTIVE)


class MediaAccount(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="media_accounts"
    )
    platform = models.CharField(_("平台"), max_length=12, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    account_id = models.CharField(_("账号ID"), max_length=100, blank=True)
    page_url = models.URLField(_("账号主页链接"), max_length=500, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    person_in_charge = models.CharField(_("负责人"), max_length=50)
    offers_interaction = models.BooleanField(_("开通互动（留言、评论回复）功能"), default=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=AccountState.choices, default=AccountState.PENDING
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)
    ended_on = models.DateField(_("注销或整合日期"), null=True, blank=True)
    end_reason = models.TextField(_("注销或整合原因"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("整合至"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_accounts",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    # The feed the update watch reads (none: posts come from exports or are recorded by staff).
    feed_url = models.URLField(_("RSS/Atom订阅地址"), max_length=500, blank=True)
    feed_etag = models.CharField(max_length=300, blank=True, editable=False)
    feed_last_modified = models.CharField(max_length=100, blank=True, editable=False)
    feed_checked_at = models.DateTimeField(_("最近抓取时间"), null=True, blank=True)
    feed_error = models.TextField(_("最近抓取错误"), blank=True)

    # How a release reaches this account.
    delivery = models.CharField(
        _("发布方式"), max_length=10, choices=Delivery.choices, default=Delivery.PACKAGE
    )
    webhook_url = models.URLField(_("推送接口地址"), max_length=500, blank=True)
    webhook_secret = models.CharField(_("推送签名密钥"), max_length=200, blank=True)

    # The watch's verdict, refreshed by the daily job and after every post recorded.
    last_post_at = models.DateTimeField(_("最近更新时间"), null=True, blank=True)
    last_reply_at = models.DateTimeField(_("最近互动回复时间"), null=True, blank=True)
    breaches = models.JSONField(_("未达标项"), default=list, blank=True)
    watched_on = models.DateField(_("最近检查日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        ordering = ["agency__path", "platform", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "platform"],
                condition=Q(state__in=["pending", "active"]),
                name="newmedia_one_account_per_agency_platform",
            )
        ]
        indexes = [models.Index(fields=["state", "agency"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_platform_display()}）"

    @property
    def in_breach(self) -> bool:
        return self.state == AccountState.ACTIVE and bool(self.breaches)


class PostKind(models.TextChoices):
    POST = "post", _("发布信息")
    REPLY = "reply", _("互动回复")


class PostSource(models.TextChoices):
    FEED = "feed", _("订阅抓取")
    IMPORT = "import", _("导出文件导入")
    STAFF = "staff", _("人工登记")


class MediaPost(models.Model):
    account = models.ForeignKey(
        MediaAccount, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="posts"
    )
    remote_id = models.CharField(_("原文ID或链接"), max_length=500)
    title = models.CharField(_("标题"), max_length=300)
    url = models.URLField(_("原文链接"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("发布时间"))
    kind = models.CharField(_("类型"), max_length=8, choices=PostKind.choices, default=PostKind.POST)
    asked_at = models.DateTimeField(_("网民提问时间"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=8, choices=PostSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("新媒体发布信息")
        verbose_name_plural = _("新媒体发布信息")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "remote_id"], name="newmedia_post_unique_per_account")
        ]
        indexes = [models.Index(fields=["account", "kind", "-published_at"])]

    def __str__(self) -> str:
        return self.title


class Release(models.Model):
    """One published page (a document, an interpretation, a press conference …) sent out to channels."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind_label = models.CharField(_("类别"), max_length=20)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("摘要"), blank=True)
    url = models.URLField(_("页面地址"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now)

    class Meta:
        verbose_name = _("多渠道发布")
        verbose_name_plural = _("多渠道发布")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="newmedia_one_release_per_object"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ChannelKind(models.TextChoices):
    FEED = "feed", _("门户网站订阅（RSS/Atom）")
    WEBHOOK = "webhook", _("接口推送")
    PACKAGE = "package", _("人工发布")


class OutboxState(models.TextChoices):
    PENDING = "pending", _("待发送")
    AWAITING = "awaiting", _("待人工发布")
    SENT = "sent", _("已发布")
    FAILED = "failed", _("发送失败")


class OutboxItem(models.Model):
    """A release to one channel: `channel` is "feed" or "account:<pk>" (one item per release×channel)."""

    release = models.ForeignKey(
        Release, verbose_name=_("发布"), on_delete=models.CASCADE, related_name="items"
    )
    channel = models.CharField(_("渠道"), max_length=40)
    kind = models.CharField(_("渠道类型"), max_length=8, choices=ChannelKind.choices)
    account = models.ForeignKey(
        MediaAccount,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    remote_url = models.URLField(_("发布后链接"), max_length=500, blank=True)
    last_error = models.TextField(_("失败原因"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次重试时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("发布渠道记录")
        verbose_name_plural = _("发布渠道记录")
        ordering = ["release", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "channel"], name="newmedia_one_item_per_channel")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.release} → {self.channel_label}"

    @property
    def channel_label(self) -> str:
        if self.account_id is not None:
            return str(self.account)
        return str(ChannelKind(self.kind).label)
