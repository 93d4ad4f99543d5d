"""Messages (留言) from the mailboxes and the hotline, and everything that happens to them.

A `Message` is the case: where it came from (`Mailbox`, channel), who wrote it (encrypted at rest,
`gongkai.common.crypto`), where it is in the workflow (`workflow.py`), which agency leads it and
which assist, who answers it, and its reply clock (a `workdays.Clock`, one per round). The history
lives beside it: `Transfer` (交办、退回、重新交办), `AssistOpinion`, `Reply` (one per round),
`Rating` (one per round), `Reminder` (催办、督办). `DeadlineRule` holds the configurable periods of
RULES.md §7.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.common import crypto
from gongkai.common.crypto import EncryptedTextField


class MailboxKind(models.TextChoices):
    LEADER = "leader", _("领导信箱")
    DEPARTMENT = "department", _("部门信箱")


class Mailbox(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="mailboxes"
    )
    name = models.CharField(_("名称"), max_length=60, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=MailboxKind.choices)
    intro = models.TextField(_("简介"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    INQUIRY = "inquiry", _("咨询")
    SUGGESTION = "suggestion", _("建议")
    COMPLAINT = "complaint", _("投诉")
    HELP = "help", _("求助")


class Channel(models.TextChoices):
    WEB = "web", _("网站")
    HOTLINE = "hotline", _("热线")
    PLATFORM_12345 = "platform_12345", _("12345平台")
    LETTER = "letter", _("信件")
    INTERVIEW = "interview", _("在线访谈")


# Channels whose messages another domain of the site received first and forwards (receive_forwarded).
FORWARDED_CHANNELS = (Channel.INTERVIEW,)


class State(models.TextChoices):
    RECEIVED = "received", _("待交办")
    DISPATCHED = "dispatched", _("已交办")
    RETURNED = "returned", _("已退回")
    ASSIGNED = "assigned", _("办理中")
    REVIEWING = "reviewing", _("答复待审核")
    APPROVED = "approved", _("答复已审核")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    INVALID = "invalid", _("无效留言")


# Answered: a reply has reached the writer. Open: someone still has to act before the writer hears.
ANSWERED_STATES = (State.REPLIED, State.CLOSED)
UNANSWERED_STATES = (
    State.RECEIVED,
    State.DISPATCHED,
    State.RETURNED,
    State.ASSIGNED,
    State.REVIEWING,
    State.APPROVED,
)
OPEN_STATES = UNANSWERED_STATES


class PublicStatus(models.TextChoices):
    HIDDEN = "hidden", _("不公开")
    IN_PROGRESS = "in_progress", _("办理中（公开列出，主题已遮盖）")
    PUBLISHED = "published", _("答复已公开")


class Message(models.Model):
    mailbox = models.ForeignKey(
        Mailbox, verbose_name=_("信箱"), on_delete=models.PROTECT, related_name="messages"
    )
    # The office that dispatches the message: the supervising office of the mailbox's government.
    office = models.ForeignKey(
        "agencies.Agency", verbose_name=_("交办单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("留言类型"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    subject = models.CharField(_("主题"), max_length=200)
    body = models.TextField(_("内容"))
    # Filled by the masking of published text; empty until computed.
    masked_subject = models.CharField(_("遮盖后的主题"), max_length=200, blank=True)
    masked_body = models.TextField(_("遮盖后的内容"), blank=True)
    writer_name = EncryptedTextField(_("姓名"))
    writer_phone = EncryptedTextField(_("联系电话"))
    writer_email = EncryptedTextField(_("电子邮箱"), blank=True)
    phone_last4_hash = models.CharField(max_length=64, db_index=True, editable=False)
    public_consent = models.BooleanField(_("同意公开"), default=False)
    receipt_code = models.CharField(_("查询码"), max_length=20, unique=True)
    idempotency_key = models.CharField(_("提交标识"), max_length=64, unique=True, null=True, blank=True)
    external_ticket_id = models.CharField(
        _("12345平台工单号"), max_length=64, unique=True, null=True, blank=True
    )
    caller_number = EncryptedTextField(_("来电号码"), blank=True)
    call_time = models.DateTimeField(_("来电时间"), null=True, blank=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("话务员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.RECEIVED)
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("主办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_messages",
    )
    assist_agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("协办单位"), blank=True, related_name="assisted_messages"
    )
    dispatched_on = models.DateField(_("交办日期"), null=True, blank=True)
    return_due_on = models.DateField(_("退回期限"), null=True, blank=True)
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("网络回应人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages_to_answer",
    )
    clock = models.ForeignKey(
        "workdays.Clock",
        verbose_name=_("答复期限"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("已延期"), default=False)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请延期人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_requested_at = models.DateTimeField(_("申请延期时间"), null=True, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延期批准人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    first_replied_on = models.DateField(_("首次答复日期"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    # Forbidden words found on submission: the message reaches staff, its public display waits.
    flagged_words = models.TextField(_("命中的敏感词"), blank=True)
    flag_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("敏感词审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_valid = models.BooleanField(_("有效留言"), default=True)
    invalid_reason = models.TextField(_("无效原因"), blank=True)
    public_status = models.CharField(
        _("公开状态"), max_length=20, choices=PublicStatus.choices, default=PublicStatus.HIDDEN
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["lead_agency", "state"]),
            models.Index(fields=["office", "state"]),
            models.Index(fields=["public_status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"留言 {self.receipt_code}"

    @property
    def is_answered(self) -> bool:
        return self.state in ANSWERED_STATES

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def words_pending_review(self) -> bool:
        return bool(self.flagged_words) and self.flag_cleared_by_id is None

    @property
    def masked_writer_name(self) -> str:
        return crypto.mask_name(self.writer_name)

    @property
    def masked_writer_phone(self) -> str:
        return crypto.mask_phone(self.writer_phone)

    def clock_status(self, today: date | None = None):
        return self.clock.status(today) if self.clock_id else None


class TransferRole(models.TextChoices):
    LEAD = "lead", _("主办")
    ASSIST = "assist", _("协办")


class TransferKind(models.TextChoices):
    DISPATCH = "dispatch", _("交办")
    RETURN = "return", _("退回")
    REDISPATCH = "redispatch", _("重新交办")


class Transfer(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="transfers")
    from_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("转出单位"), on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("承办方式"), max_length=10, choices=TransferRole.choices)
    kind = models.CharField(_("类型"), max_length=20, choices=TransferKind.choices)
    reason = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("交办记录")
        verbose_name_plural = _("交办记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_agency} → {self.to_agency}（{self.get_role_display()}）"


class AssistOpinion(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="assist_opinions")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("协办单位"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("协办意见"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填写人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("协办意见")
        verbose_name_plural = _("协办意见")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}的协办意见"


class ReplyState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    SENT = "sent", _("已发送")


class Reply(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    body = models.TextField(_("答复内容"))
    masked_body = models.TextField(_("公开文本（已遮盖个人信息）"), blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=ReplyState.choices, default=ReplyState.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("答复人"), on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["message", "round"], name="one_reply_per_round")]

    def __str__(self) -> str:
        return f"{self.message.receipt_code} 第{self.round}轮答复"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class RatingValue(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class RatingVia(models.TextChoices):
    STATUS_PAGE = "status_page", _("查询页面")
    SMS_LINK = "sms_link", _("短信链接")
    HOTLINE = "hotline", _("热线回访")


class Rating(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="ratings")
    round = models.PositiveSmallIntegerField(_("办理轮次"))
    value = models.CharField(_("评价"), max_length=20, choices=RatingValue.choices)
    comment = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("评价时间"))
    via = models.CharField(_("评价方式"), max_length=20, choices=RatingVia.choices)

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["message", "round"], name="one_rating_per_round")]

    def __str__(self) -> str:
        return f"{self.message.receipt_code} 第{self.round}轮：{self.get_value_display()}"


class ReminderKind(models.TextChoices):
    REMIND = "remind", _("催办")
    SUPERVISE = "supervise", _("督办")


class Reminder(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("类型"), max_length=20, choices=ReminderKind.choices)
    from_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("发出单位"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("内容"))
    # None: sent by the scheduled job `message_reminders`.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发出人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"))
    seen_at = models.DateTimeField(_("回应人查看时间"), null=True, blank=True)
    # What the scheduled job reminded of ("due_soon:2026-12-07"), so that it never repeats itself.
    auto_key = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("催办督办")
        verbose_name_plural = _("催办督办")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "auto_key"], condition=~models.Q(auto_key=""), name="one_auto_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.message.receipt_code}"


class DeadlineRule(models.Model):
    """The periods of one kind and channel of message (empty = any); the most specific rule wins."""

    kind = models.CharField(_("留言类型"), max_length=20, choices=Kind.choices, blank=True, default="")
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices, blank=True, default="")
    reply_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"), default=5)
    max_extension_days = models.PositiveSmallIntegerField(_("最长延期（工作日）"), default=10)
    return_days = models.PositiveSmallIntegerField(_("退回期限（工作日）"), default=2)
    veto_warning_days = models.PositiveSmallIntegerField(
        _("超期预警（自然日）"),
        default=60,
        help_text=_("收到后超过该天数仍未答复即预警；超过3个月未答复为国办网站检查单项否决项"),
    )

    class Meta:
        verbose_name = _("办理时限规则")
        verbose_name_plural = _("办理时限规则")

    def __str__(self) -> str:
        kind = self.get_kind_display() if self.kind else "全部类型"
        channel = self.get_channel_display() if self.channel else "全部渠道"
        return f"{kind} / {channel}：{self.reply_days}个工作日"


def attachment_path(instance: MessageAttachment, filename: str) -> str:
    return f"messages/{instance.message.receipt_code}/{filename}"


class MessageAttachment(models.Model):
    """A file the writer attached (checked by content on the portal); seen by staff only."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("留言附件")
        verbose_name_plural = _("留言附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """A staff token for the 12345 platform's ticket endpoint; only its hash is kept."""

    name = models.CharField(_("用途"), max_length=60)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    prefix = models.CharField(_("令牌前缀"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("签发人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("签发时间"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("吊销人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AgencyDay(models.Model):
    """The scorecard figures of the valid messages one agency received on one day (precomputed).

    The agency is the lead agency (主办单位), or the dispatching office while a message waits to be
    dispatched. A row is recomputed from the messages themselves (`scorecard.refresh_days`) after
    every message action commits and by the nightly `message_scorecards` job, so it can always be
    rebuilt and never drifts. Current figures (overdue now, longest unanswered) are not stored.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("收到日期"))
    received = models.PositiveIntegerField(_("收到留言"), default=0)
    answered = models.PositiveIntegerField(_("曾经答复"), default=0)
    replied = models.PositiveIntegerField(_("已答复"), default=0)
    on_time = models.PositiveIntegerField(_("按时答复"), default=0)
    rated = models.PositiveIntegerField(_("已评价"), default=0)
    satisfied = models.PositiveIntegerField(_("满意或基本满意"), default=0)
    reopened = models.PositiveIntegerField(_("重办"), default=0)
    # {"working days from receipt to first reply": number of messages}, for the median.
    reply_workdays = models.JSONField(_("答复用时分布"), default=dict)
    refreshed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    class Meta:
        verbose_name = _("留言办理日统计")
        verbose_name_plural = _("留言办理日统计")
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="one_agency_day")]
        indexes = [models.Index(fields=["day", "agency"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}"


# Routing keywords, text signatures and prompt letters (the text side, in their own module).
from .models_text import (  # noqa: E402, F401
    LetterBasis,
    LetterState,
    MessageSignature,
    PromptLetter,
    PromptLetterTemplate,
    RoutingKeyword,
)
