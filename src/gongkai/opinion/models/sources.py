"""Where posts come from and the posts themselves, normalised, de-duplicated and masked."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS/Atom 订阅")
    VENDOR = "vendor", _("监测服务商导出文件")
    PUSH = "push", _("推送接口")
    OWN = "own", _("本系统互动栏目")


class OwnChannel(models.TextChoices):
    """Which of gongkai's own interaction columns an own-domain source reads."""

    MESSAGES = "messages", _("网上留言")
    CONSULTATION = "consultation", _("征求意见")
    INTERVIEWS = "interviews", _("在线访谈提问")


class SourceCategory(models.TextChoices):
    """The kind of outlet, which sets a source's default weight in the heat of an event."""

    CENTRAL = "central", _("央媒")
    PROVINCIAL = "provincial", _("省级媒体")
    LOCAL = "local", _("市县媒体")
    GOVERNMENT = "government", _("政务号")
    SELF_MEDIA = "self_media", _("自媒体")
    FORUM = "forum", _("论坛社区")
    OWN = "own", _("本系统")


class Source(models.Model):
    owner = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="opinion_sources",
        help_text=_("由该单位的舆情员管理；其下级单位的舆情员也可查看。"),
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=SourceKind.choices)
    category = models.CharField(_("来源类别"), max_length=12, choices=SourceCategory.choices)
    weight = models.FloatField(_("权重"), default=1.0)
    url = models.URLField(_("地址"), max_length=500, blank=True)
    schedule_minutes = models.PositiveIntegerField(_("抓取间隔（分钟）"), default=30)
    enabled = models.BooleanField(_("启用"), default=True)
    column_mapping = models.JSONField(_("列映射"), default=dict, blank=True)
    own_channel = models.CharField(_("本系统栏目"), max_length=20, choices=OwnChannel.choices, blank=True)
    # The push endpoint's staff token, kept only as a hash and shown once when issued.
    push_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    push_token_prefix = models.CharField(_("令牌前缀"), max_length=20, blank=True, editable=False)
    # Own-domain sources: the newest item already read, so each run reads only what is new.
    cursor = models.CharField(max_length=100, blank=True, editable=False)
    # Fetch state: conditional requests, backoff and the health view.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("最近抓取"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("最近成功"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    last_error_at = models.DateTimeField(_("最近失败"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    post_count = models.PositiveIntegerField(_("已采集"), default=0)
    next_fetch_at = models.DateTimeField(_("下次抓取"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("舆情来源")
        verbose_name_plural = _("舆情来源")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_fetched(self) -> bool:
        """Feeds and own-domain sources are read by the worker; exports and pushes arrive by themselves."""
        return self.kind in (SourceKind.FEED, SourceKind.OWN)


class FetchLog(models.Model):
    """One collection run of a source (a fetch, an upload, a push), for the health view."""

    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.CASCADE, related_name="fetch_logs"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    how = models.CharField(_("方式"), max_length=20)
    ok = models.BooleanField(_("成功"), default=True)
    added = models.PositiveIntegerField(_("新增"), default=0)
    duplicates = models.PositiveIntegerField(_("重复"), default=0)
    truncated = models.PositiveIntegerField(_("截断"), default=0)
    message = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("采集记录")
        verbose_name_plural = _("采集记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["source", "-at"], name="opinion_fetchlog_source")]

    def __str__(self) -> str:
        return f"{self.source} {self.at:%Y-%m-%d %H:%M}"


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("负面")
    NEUTRAL = "neutral", _("中性")
    POSITIVE = "positive", _("正面")


class Demand(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    ENQUIRY = "enquiry", _("咨询")
    SUGGESTION = "suggestion", _("建议")
    HELP = "help", _("求助")
    OTHER = "other", _("其他")


class Post(models.Model):
    """One collected post, normalised (HTML stripped, simplified, NFKC) and masked before storage."""

    source = models.ForeignKey(Source, verbose_name=_("来源"), on_delete=models.PROTECT, related_name="posts")
    external_id = models.CharField(_("来源编号"), max_length=200, blank=True)
    url = models.URLField(_("链接"), max_length=1000, blank=True)
    url_hash = models.CharField(max_length=64, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    body = models.TextField(_("正文"), blank=True)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("发布时间"))
    collected_at = models.DateTimeField(_("采集时间"), default=timezone.now)
    likes = models.PositiveIntegerField(_("点赞"), default=0)
    comments = models.PositiveIntegerField(_("评论"), default=0)
    shares = models.PositiveIntegerField(_("转发"), default=0)
    truncated = models.BooleanField(_("已截断"), default=False)
    # MinHash of the title and body over the shared tokenizer (gongkai.ingest.similarity.to_bytes).
    signature = models.BinaryField(null=True, blank=True, editable=False)
    sentiment = models.CharField(_("情感倾向"), max_length=10, choices=Sentiment.choices, blank=True)
    demand = models.CharField(_("诉求类型"), max_length=12, choices=Demand.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("相似于"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="near_duplicates",
    )
    event = models.ForeignKey(
        "opinion.Event",
        verbose_name=_("所属事件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )

    class Meta:
        verbose_name = _("舆情信息")
        verbose_name_plural = _("舆情信息")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="opinion_post_source_external_id",
            ),
        ]
        indexes = [
            models.Index(fields=["published_at"], name="opinion_post_published"),
            models.Index(fields=["event", "published_at"], name="opinion_post_event_time"),
            models.Index(fields=["url_hash"], name="opinion_post_url_hash"),
        ]

    def __str__(self) -> str:
        return self.title or self.body[:40]
