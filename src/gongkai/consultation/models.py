"""重大决策预公开 and 征求意见: the decision catalog, consultations on drafts, and the public's comments.

`DecisionItem` is one entry of a government's yearly 重大行政决策事项目录; its stage is derived from
its consultations and its adopted decision. A `Consultation` publishes a draft — a publishing
`Document` (its own review applies) or an uploaded text reviewed here — split into numbered
`Paragraph`s, with its 起草说明 and an open/close window (RULES.md §7). A `Comment` is on the whole
draft or one paragraph (the quoted passage is kept), received online or entered by staff from a
letter, an e-mail, a fax, a symposium or a hearing; it is moderated before public display but is
never lost: a held or hidden comment still counts and still needs a `Disposition`, given to it or
to its `CommentGroup`. The workflow of a consultation is declared in `workflow.py`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common import crypto
from gongkai.common.crypto import EncryptedTextField

# ------------------------------------------------------------------ the decision catalog


class Stage(models.TextChoices):
    """Where a catalog entry stands, derived (never stored): see `DecisionItem.stage`."""

    PLANNED = "planned", _("计划中")
    CONSULTING = "consulting", _("征求意见中")
    PROCESSING = "processing", _("意见处理中")
    DECIDED = "decided", _("已决策")


class DecisionItem(models.Model):
    """重大行政决策事项目录的一项: a government's planned major decision for a year."""

    government = models.ForeignKey(
        "agencies.Agency", verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="decision_items"
    )
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    title = models.CharField(_("决策事项名称"), max_length=200)
    lead_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    planned_on = models.DateField(_("计划完成时间"), null=True, blank=True)
    consultation_planned = models.BooleanField(_("拟公开征求意见"), default=True)
    hearing_planned = models.BooleanField(_("拟举行听证"), default=False)
    note = models.TextField(_("备注"), blank=True)
    adopted_document = models.ForeignKey(
        "publishing.Document",
        verbose_name=_("决策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision_items",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项目录")
        ordering = ["government", "-year", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year", "title"], name="unique_decision_item_title")
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"

    def stage(self, consultations=None) -> str:
        """已决策 once a decision document is linked; otherwise from its consultations (pass them,
        e.g. prefetched, to avoid a query): any open → 征求意见中, any closed → 意见处理中."""
        if self.adopted_document_id:
            return Stage.DECIDED
        if consultations is None:
            consultations = list(self.consultations.all())
        states = {c.public_state() for c in consultations}
        if State.OPEN in states:
            return Stage.CONSULTING
        if states & {State.CLOSED, State.REPORT_REVIEW, State.REVIEWED, State.REPORTED}:
            return Stage.PROCESSING
        return Stage.PLANNED

    def stage_label(self, consultations=None) -> str:
        return Stage(self.stage(consultations)).label


# ------------------------------------------------------------------ consultations


class Source(models.TextChoices):
    DOCUMENT = "document", _("政府信息（经发布审查）")
    UPLOAD = "upload", _("上传文本")


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("待审核")
    # Approved here (an upload) or its document published (a document draft), not yet opened.
    READY = "ready", _("待发布")
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("意见处理中")
    REPORT_REVIEW = "report_review", _("采纳情况待审核")
    REVIEWED = "reviewed", _("采纳情况已审核")  # every disposition reviewed; the report not yet public
    REPORTED = "reported", _("已公布采纳情况")


PUBLIC_STATES = (State.OPEN, State.CLOSED, State.REPORT_REVIEW, State.REVIEWED, State.REPORTED)


class Consultation(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("起草单位"), on_delete=models.PROTECT, related_name="consultations"
    )
    decision_item = models.ForeignKey(
        DecisionItem,
        verbose_name=_("重大行政决策事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    title = models.CharField(_("征求意见稿名称"), max_length=200)
    source = models.CharField(_("草案来源"), max_length=10, choices=Source.choices, default=Source.UPLOAD)
    document = models.ForeignKey(
        "publishing.Document",
        verbose_name=_("草案文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    draft_text = models.TextField(_("草案全文"), blank=True)
    draft_file_name = models.CharField(_("上传的文件名"), max_length=255, blank=True)
    # 起草说明
    background = models.TextField(_("起草背景"), blank=True)
    basis = models.TextField(_("起草依据"), blank=True)
    main_content = models.TextField(_("主要内容"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    short_period_reason = models.TextField(_("征求意见期限少于规定天数的理由"), blank=True)
    # Contact channels stated on the page.
    letter_address = models.CharField(_("信函地址"), max_length=200, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    fax = models.CharField(_("传真"), max_length=30, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)

    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    opened_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    # The adoption report (consult-report): the adopted text, the report, the decision.
    final_text = models.TextField(_("决策文本（采纳后）"), blank=True)
    report_summary = models.TextField(_("采纳情况说明"), blank=True)
    report_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("采纳情况审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_reviewed_at = models.DateTimeField(_("采纳情况审核时间"), null=True, blank=True)
    report_note = models.TextField(_("采纳情况审核意见"), blank=True)  # why the reviewer returned it
    report_published_at = models.DateTimeField(_("采纳情况公布时间"), null=True, blank=True)
    adopted_document = models.ForeignKey(
        "publishing.Document",
        verbose_name=_("决策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopting_consultations",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["state", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("consultation:detail", args=[self.pk])

    @property
    def period_days(self) -> int:
        """Calendar days of the window, both ends included."""
        return (self.closes_on - self.opens_on).days + 1

    def public_state(self, today: date | None = None) -> str:
        """The state as the public sees it today: an open consultation past its close date is
        closed even before the scheduled job moves it."""
        if self.state == State.OPEN and (today or timezone.localdate()) > self.closes_on:
            return State.CLOSED
        return self.state

    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    def accepts_comments(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == State.OPEN and self.opens_on <= today <= self.closes_on

    def report_overdue(self, today: date | None = None) -> bool:
        """Closed more than GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS days ago and no report yet."""
        if self.state not in (State.OPEN, State.CLOSED, State.REPORT_REVIEW, State.REVIEWED):
            return False
        days = (today or timezone.localdate()) - self.closes_on
        return days.days > settings.GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS

    def not_yet_open(self, today: date | None = None) -> bool:
        return self.state == State.OPEN and (today or timezone.localdate()) < self.opens_on


class ParagraphKind(models.TextChoices):
    CHAPTER = "chapter", _("章")
    SECTION = "section", _("节")
    ARTICLE = "article", _("条")
    CLAUSE = "clause", _("款")
    TEXT = "text", _("段")


class Paragraph(models.Model):
    """One numbered paragraph of the draft, in order; `number` is what the page shows and links
    (#p-3). A 款 keeps the 条 it belongs to in `article`."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("征求意见"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    number = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(
        _("类型"), max_length=10, choices=ParagraphKind.choices, default=ParagraphKind.TEXT
    )
    heading = models.CharField(_("标题"), max_length=100, blank=True)  # 第三条, 第一章 总则
    text = models.TextField(_("内容"))
    article = models.ForeignKey(
        "self",
        verbose_name=_("所属条"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="clauses",
    )

    class Meta:
        verbose_name = _("条文段落")
        verbose_name_plural = _("条文段落")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="unique_paragraph_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading or self.text[:20]}"

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"

    @property
    def commentable(self) -> bool:
        return self.kind not in (ParagraphKind.CHAPTER, ParagraphKind.SECTION)


# ------------------------------------------------------------------ comments and dispositions


class Channel(models.TextChoices):
    ONLINE = "online", _("网上提交")
    LETTER = "letter", _("信函")
    EMAIL = "email", _("电子邮件")
    FAX = "fax", _("传真")
    SYMPOSIUM = "symposium", _("座谈会")
    HEARING = "hearing", _("听证会")


OFFLINE_CHANNELS = (Channel.LETTER, Channel.EMAIL, Channel.FAX, Channel.SYMPOSIUM, Channel.HEARING)


class Moderation(models.TextChoices):
    PENDING = "pending", _("待审核")
    HELD = "held", _("自动暂扣")  # forbidden words or spam found on submission
    APPROVED = "approved", _("已公开")
    HIDDEN = "hidden", _("不予公开")


class Disposition(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不采纳")


class DispositionFields(models.Model):
    """The disposition of a comment or of a group of comments, and its review."""

    disposition = models.CharField(_("采纳情况"), max_length=12, choices=Disposition.choices, blank=True)
    disposition_reason = models.TextField(_("理由"), blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    disposed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    disposition_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    disposition_reviewed_at = models.DateTimeField(_("处理审核时间"), null=True, blank=True)

    class Meta:
        abstract = True


class CommentGroup(DispositionFields):
    """Similar comments answered together (one disposition for all of them)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("征求意见"), on_delete=models.CASCADE, related_name="groups"
    )
    title = models.CharField(_("归类名称"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("归类人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("归类时间"), default=timezone.now)

    class Meta:
        verbose_name = _("意见归类")
        verbose_name_plural = _("意见归类")
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.title


class Comment(DispositionFields):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("征求意见"), on_delete=models.PROTECT, related_name="comments"
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("针对条文"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    # The paragraph as the writer saw it (kept even if the draft is later re-split).
    quoted_text = models.TextField(_("引用的条文"), blank=True)
    channel = models.CharField(_("提交渠道"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    body = models.TextField(_("意见内容"))
    masked_body = models.TextField(_("遮盖后的内容"), blank=True)
    display_name = models.CharField(_("公开署名"), max_length=20, blank=True)
    writer_phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    idempotency_key = models.CharField(_("提交标识"), max_length=64, unique=True, null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    received_on = models.DateField(_("收到日期"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moderation = models.CharField(
        _("公开审核"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    held_reasons = models.TextField(_("暂扣原因"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderation_reason = models.TextField(_("审核说明"), blank=True)
    group = models.ForeignKey(
        CommentGroup,
        verbose_name=_("归类"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["consultation", "submitted_at", "pk"]
        indexes = [models.Index(fields=["consultation", "moderation"])]

    def __str__(self) -> str:
        return f"{self.consultation_id}-{self.pk}"

    @property
    def public_name(self) -> str:
        return self.display_name or str(_("网友"))

    @property
    def masked_phone(self) -> str:
        return crypto.mask_phone(self.writer_phone)

    @property
    def is_public(self) -> bool:
        return self.moderation == Moderation.APPROVED

    def effective_disposition(self) -> str:
        """The comment's own disposition, else its group's (select_related("group") on lists)."""
        if self.disposition:
            return self.disposition
        return self.group.disposition if self.group_id else ""
