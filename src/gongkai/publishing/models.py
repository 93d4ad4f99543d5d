"""主动公开: documents (政府信息) with their catalog metadata, review, screening and interpretations.

Every write goes through `actions.py`; the review states and who may move a document between them
are declared once in `workflow.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subject(models.Model):
    """主题分类: the State Council's two-level tree (22 top categories, shipped in data/subjects.yaml)."""

    name = models.CharField(_("名称"), max_length=40)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unique_subject_name")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The form catalogs print: 综合政务\\政务公开 (reads `parent`; select_related it on lists)."""
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


class UpdateClass(models.TextChoices):
    """How often a column must be updated (国办秘函〔2019〕19号), used by the website self-inspection."""

    NEWS = "news", _("动态要闻（2周）")
    NOTICE = "notice", _("通知公告、政策文件（6个月）")
    YEARLY = "yearly", _("人事、规划计划（1年）")
    OTHER = "other", _("其他")


class Column(models.Model):
    """栏目: a section of the portal's 政府信息公开 catalog."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    slug = models.SlugField(_("标识"), max_length=40, unique=True)
    update_class = models.CharField(
        _("更新频率类别"), max_length=10, choices=UpdateClass.choices, default=UpdateClass.OTHER
    )
    is_key_area = models.BooleanField(_("重点领域"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """专题: a cross-cutting collection (e.g. 优化营商环境)."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    slug = models.SlugField(_("标识"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    CHECK = "check", _("待初审")
    REVIEW = "review", _("待审核")
    SIGN_OFF = "sign_off", _("待审发")
    SECRECY_REVIEW = "secrecy_review", _("待保密审查")
    VIA_REVIEW = "via_review", _("待上报审核")
    READY = "ready", _("待发布")
    PUBLISHED = "published", _("已发布")
    UNPUBLISHED = "unpublished", _("已撤销发布")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class WithheldCategory(models.TextChoices):
    """Reasons a document is not proactively disclosed (《政府信息公开条例》第十四至十六条)."""

    STATE_SECRET = "state_secret", _("依法确定为国家秘密（第十四条）")
    LAW_FORBIDDEN = "law_forbidden", _("法律、行政法规禁止公开（第十四条）")
    SECURITY = "security", _("公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）")
    TRADE_SECRET = "trade_secret", _("涉及商业秘密（第十五条）")
    PRIVACY = "privacy", _("涉及个人隐私（第十五条）")
    INTERNAL = "internal", _("内部事务信息（第十六条）")
    PROCESS = "process", _("过程性信息（第十六条）")
    ENFORCEMENT = "enforcement", _("行政执法案卷信息（第十六条）")
    ON_REQUEST_ONLY = "on_request_only", _("仅涉及特定对象，依申请公开（第二十七条）")


class PublishingPolicy(models.Model):
    """How an agency reviews before publishing: which steps, and whether one person may take two."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="publishing_policy"
    )
    check_on = models.BooleanField(_("初审"), default=True)
    review_on = models.BooleanField(_("审核"), default=True)
    sign_off_on = models.BooleanField(_("审发"), default=True)
    # 保密审查 is not optional (先审查、后公开): there is no switch for it.
    allow_same_person = models.BooleanField(
        _("允许同一人办理多个审查环节"),
        default=False,
        help_text=_("人员较少的机关可开启；每一环节仍单独记录"),
    )
    publish_via = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("报送发布机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("由运行门户网站的机关（如政府办公室）审核并发布（自己上报、审核通过）"),
    )
    index_pattern = models.CharField(
        _("索引号格式"),
        max_length=80,
        default="{credit_code}/{YYYY}-{NNNNN}",
        help_text=_(
            "可用：{credit_code} 统一社会信用代码、{YYYY} 年份、{NNNNN} 五位流水号（N 的个数即位数）"
        ),
    )

    class Meta:
        verbose_name = _("发布审查规则")
        verbose_name_plural = _("发布审查规则")

    def __str__(self) -> str:
        return f"{self.agency}的发布审查规则"


class IndexCounter(models.Model):
    """The last 索引号 sequence used per agency and year; locked row by row when numbers are taken."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_index_counter")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class Document(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="documents"
    )
    index_number = models.CharField(_("索引号"), max_length=80, blank=True, default="", db_index=True)
    index_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    title = models.CharField(_("信息名称"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    made_on = models.DateField(_("生成日期"))
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    publishers = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("发布机构"), related_name="published_documents", blank=True
    )
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    # A document of another government republished here (上级文件, 转发): who issued it. The
    # publishers stay this site's agencies; the page names both.
    original_issuer = models.CharField(
        _("原发文机关"),
        max_length=100,
        blank=True,
        help_text=_("转载上级或其他机关的文件时填写，如：国务院办公厅"),
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("主题分类"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    genre = models.CharField(_("文种"), max_length=20, blank=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    # The day the document stopped being valid as it was (废止, 失效 or 修改): what the annual report's
    # 本年废止件数 and 现行有效件数 count by. None while valid.
    validity_changed_on = models.DateField(
        _("有效性变更日期"), null=True, blank=True, help_text=_("废止、失效或修改之日；有效的文件不填")
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    disclosure = models.CharField(
        _("公开属性"), max_length=12, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    withheld_category = models.CharField(
        _("不主动公开的理由类别"), max_length=20, choices=WithheldCategory.choices, blank=True
    )
    withheld_reason = models.TextField(_("不主动公开的理由说明"), blank=True)
    column = models.ForeignKey(
        Column,
        verbose_name=_("栏目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("专题"), blank=True, related_name="documents")
    is_normative = models.BooleanField(_("行政规范性文件"), default=False)
    is_regulation = models.BooleanField(_("规章"), default=False)
    body = models.TextField(_("正文"), blank=True)
    # From the GB/T 9704 elements of an imported text.
    addressees = models.CharField(_("主送机关"), max_length=300, blank=True)
    note = models.CharField(_("附注"), max_length=100, blank=True)
    secrecy = models.CharField(_("密级"), max_length=20, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=10, blank=True)
    attachment_names = models.JSONField(_("附件说明"), default=list, blank=True)
    forwarded_by = models.ForeignKey(
        "self",
        verbose_name=_("转发/印发通知"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forwards",
    )
    # What the importer did (codes of extract/cleaning), and what it took out of a dirty web copy.
    import_warnings = models.JSONField(_("导入提示"), default=list, blank=True)
    import_confidence = models.JSONField(default=dict, blank=True)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_text = models.TextField(_("原文"), blank=True)
    stripped_text = models.TextField(_("导入时剔除的文字"), blank=True)
    possibly_defaced = models.BooleanField(_("来源网页疑似被篡改"), default=False)

    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    review_round = models.PositiveIntegerField(default=0, editable=False)
    via_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("报送发布机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    unpublish_reason = models.TextField(_("撤销发布理由"), blank=True)
    interpretation_waiver = models.TextField(_("未同步解读的说明"), blank=True)
    due_on = models.DateField(_("发布期限"), null=True, blank=True)
    due_provisional = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_number"], condition=~Q(index_number=""), name="unique_index_number"
            )
        ]
        indexes = [
            models.Index(fields=["state", "disclosure", "-published_at"]),
            models.Index(fields=["agency", "state"]),
            models.Index(fields=["state", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("publishing:document", args=[self.public_key()])

    def public_key(self) -> str:
        return self.index_number or str(self.pk)

    @property
    def is_public(self) -> bool:
        return self.state == State.PUBLISHED and self.disclosure == Disclosure.PROACTIVE

    def is_late(self, today=None) -> bool:
        if self.due_on is None:
            return False
        if self.published_at is not None:
            return timezone.localdate(self.published_at) > self.due_on
        return (today or timezone.localdate()) > self.due_on


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        DOC = "doc", "Word (97-2003)"
        XLSX = "xlsx", "Excel"
        OFD = "ofd", "OFD"
        ZIP = "zip", "ZIP"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        MP3 = "mp3", "MP3"
        MP4 = "mp4", "MP4"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Revision(models.Model):
    """One saved version of a document: its metadata and body exactly as saved."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版本"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("保存时间"), default=timezone.now)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    data = models.JSONField()

    class Meta:
        verbose_name = _("历史版本")
        verbose_name_plural = _("历史版本")
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"第{self.number}版"


class Finding(models.Model):
    """One screening result (筛查发现) on a document or an interpretation, and how it was resolved.

    Personal data is shown masked (`shown_text`); the clear text only through `reveal_finding`."""

    class Kind(models.TextChoices):
        RESIDENT_ID = "resident_id", _("居民身份证号码")
        MOBILE = "mobile", _("手机号码")
        BANK_CARD = "bank_card", _("银行卡号")
        EMAIL = "email", _("电子邮箱")
        SECRECY_MARK = "secrecy_mark", _("密级标志")
        FORBIDDEN_WORD = "forbidden_word", _("禁用词")

    class Resolution(models.TextChoices):
        OPEN = "open", _("待处理")
        REDACTED = "redacted", _("已遮盖")
        ACCEPTED = "accepted", _("经保密审查同意保留")
        GONE = "gone", _("修改后已不存在")

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    interpretation = models.ForeignKey(
        "Interpretation", null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("内容"), max_length=200)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    suggestion = models.CharField(_("建议遮盖为"), max_length=200)
    resolution = models.CharField(
        _("处理结果"), max_length=10, choices=Resolution.choices, default=Resolution.OPEN
    )
    reason = models.TextField(_("保留理由"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("筛查发现")
        verbose_name_plural = _("筛查发现")
        ordering = ["document", "start", "pk"]
        indexes = [
            models.Index(fields=["document", "resolution"]),
            models.Index(fields=["interpretation", "resolution"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, interpretation__isnull=True)
                | Q(document__isnull=True, interpretation__isnull=False),
                name="finding_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.shown_text}"

    @property
    def is_open(self) -> bool:
        return self.resolution == self.Resolution.OPEN

    @property
    def is_personal(self) -> bool:
        return self.kind in PERSONAL_KINDS

    @property
    def shown_text(self) -> str:
        """What a staff list shows: personal data masked as the redaction would mask it."""
        return self.suggestion if self.is_personal else self.text

    @property
    def owner(self):
        return self.document if self.document_id else self.interpretation


PERSONAL_KINDS = (
    Finding.Kind.RESIDENT_ID,
    Finding.Kind.MOBILE,
    Finding.Kind.BANK_CARD,
    Finding.Kind.EMAIL,
)


class FindingReveal(models.Model):
    """Who saw a finding's personal data in clear, when and why (also in the audit chain)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="reveals")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(_("查看事由"), max_length=200)

    class Meta:
        verbose_name = _("筛查发现查看记录")
        verbose_name_plural = _("筛查发现查看记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.staff} {self.at}"


class ForbiddenWord(models.Model):
    """The administrator-maintained forbidden list (禁用词), seeded from screening.DEFAULT_FORBIDDEN_WORDS."""

    word = models.CharField(_("禁用词"), max_length=60, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("禁用词")
        verbose_name_plural = _("禁用词")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class Expert(models.Model):
    """A person who gives expert interpretations (专家解读)."""

    name = models.CharField(_("姓名"), max_length=50)
    field = models.CharField(_("研究领域"), max_length=100)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("登记机关"), on_delete=models.PROTECT, related_name="experts"
    )
    affiliation = models.CharField(_("工作单位"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("解读专家")
        verbose_name_plural = _("解读专家")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.field}）"


class Interpretation(models.Model):
    """解读: released with the policy it explains, reviewed through the same steps as documents."""

    class Kind(models.TextChoices):
        TEXT = "text", _("文字解读")
        GRAPHIC = "graphic", _("图文解读")
        VIDEO = "video", _("视频解读")
        EXPERT = "expert", _("专家解读")
        QA = "qa", _("问答解读")

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("所属机关"),
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    title = models.CharField(_("标题"), max_length=300)
    kind = models.CharField(_("解读形式"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(_("正文"), blank=True)
    documents = models.ManyToManyField(Document, verbose_name=_("解读的文件"), related_name="interpretations")
    experts = models.ManyToManyField(Expert, verbose_name=_("解读专家"), blank=True, related_name="+")
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    review_round = models.PositiveIntegerField(default=0, editable=False)
    via_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("publishing:interpretation", args=[self.pk])


class ReviewStep(models.Model):
    """One decision on a document or interpretation: 谁审查谁负责 — who, when, what, why."""

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", _("提交")
        APPROVED = "approved", _("通过")
        REJECTED = "rejected", _("退回")
        PUBLISHED = "published", _("发布")
        SCHEDULED = "scheduled", _("定时发布")
        UNPUBLISHED = "unpublished", _("撤销发布")

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="review_steps"
    )
    interpretation = models.ForeignKey(
        Interpretation, null=True, blank=True, on_delete=models.CASCADE, related_name="review_steps"
    )
    review_round = models.PositiveIntegerField()
    step = models.CharField(_("环节"), max_length=16, choices=State.choices)
    decision = models.CharField(_("结论"), max_length=12, choices=Decision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey("agencies.Agency", null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("审查记录")
        verbose_name_plural = _("审查记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_decision_display()}"


class Guide(models.Model):
    """公开指南 of one agency: how to find, request and complain about its information."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="guide"
    )
    body = models.TextField(_("正文"))
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("公开指南")
        verbose_name_plural = _("公开指南")

    def __str__(self) -> str:
        return f"{self.agency}政府信息公开指南"
