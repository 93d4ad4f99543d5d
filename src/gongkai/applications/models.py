"""Applications for government information (依申请公开, 条例第二十七条起) and what happens to them.

An `Application` carries the case: channel and the dates 条例第三十一条 takes the receipt day
from, the state of the workflow (see `workflow.py`), the answer clock (a `workdays.Clock`), and
once closed the outcome (a code of `outcomes.OUTCOMES`, the rows of 表三). The applicant's personal
data lives in `Applicant`, encrypted at rest (`crypto.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.common.identifiers import ID_TYPE_LABELS

from . import crypto
from .crypto import EncryptedTextField
from .outcomes import APPLICANT_COLUMNS, OUTCOMES
from .receipt import CHANNEL_LABELS
from .receipt import Channel as ReceiptChannel

ApplicantKind = models.TextChoices(
    "ApplicantKind", [(code, (code, label)) for code, label in APPLICANT_COLUMNS]
)
ApplicantKind.__doc__ = "申请人类型: 自然人 and the five kinds of 法人或其他组织 (the columns of 表三)."
Channel = models.TextChoices("Channel", [(c.name, (c.value, CHANNEL_LABELS[c])) for c in ReceiptChannel])
Outcome = models.TextChoices("Outcome", [(o.code, (o.code, o.full_label)) for o in OUTCOMES])


class FormWanted(models.TextChoices):
    PAPER = "paper", _("纸质")
    EMAIL = "email", _("电子邮件")
    ELECTRONIC = "electronic", _("电子数据（光盘、U盘等）")
    INSPECTION = "inspection", _("当场查阅、抄录")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("自行领取")
    FAX = "fax", _("传真")


class State(models.TextChoices):
    RECEIVED = "received", _("待确认")
    ACCEPTED = "accepted", _("已受理")
    CORRECTION = "correction", _("待补正")
    IN_PROGRESS = "in_progress", _("办理中")
    PAUSED = "paused", _("征求意见（暂停计时）")
    FEE_PENDING = "fee_pending", _("待缴费（暂停计时）")
    REASONS_PENDING = "reasons_pending", _("待说明理由（暂停计时）")
    EXTENSION_REQUESTED = "extension_requested", _("延期待批准")
    EXTENDED = "extended", _("已延期")
    DRAFTED = "drafted", _("答复已拟稿")
    REVIEWED = "reviewed", _("答复已审核")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("已归档")


OPEN_STATES = [s for s in State.values if s not in (State.RECEIVED, State.REPLIED, State.ARCHIVED)]
CLOSED_STATES = [State.REPLIED, State.ARCHIVED]


class PauseKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（条例第三十二条）")
    AGENCY = "agency", _("征求其他机关意见（条例第三十四条）")


class FeeMethod(models.TextChoices):
    PER_APPLICATION = "per_application", _("按件计收")
    VOLUME = "volume", _("按量计收")


class Application(models.Model):
    receipt_code = models.CharField(_("查询码"), max_length=20, unique=True)
    idempotency_key = models.CharField(_("提交标识"), max_length=64, unique=True, null=True, blank=True)
    # Keyed hash of who asked what of whom (intake.content_fingerprint): the same content submitted
    # again online within GONGKAI_APPLICATION_RESUBMIT_MINUTES is the first application.
    content_hash = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="applications"
    )
    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel.choices)
    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantKind.choices)
    description = models.TextField(_("所需政府信息的名称或内容描述"))
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    form_wanted = models.CharField(_("获取信息的方式"), max_length=20, choices=FormWanted.choices)
    delivery = models.CharField(_("获取信息的途径"), max_length=20, choices=Delivery.choices)
    # The dates 条例第三十一条 takes the receipt day from, one per kind of channel.
    submitted_on = models.DateField(_("提交日期"), null=True, blank=True)
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.RECEIVED)
    pause_kind = models.CharField(_("暂停原因"), max_length=20, choices=PauseKind.choices, blank=True)
    inquiry_party = models.CharField(_("征求意见对象"), max_length=200, blank=True)
    inquiry_due_on = models.DateField(_("征求意见答复期限"), null=True, blank=True)
    # 条例第三十二条: the third party's 15 working days run from the day it receives the letter.
    inquiry_sent_on = models.DateField(_("征求意见书发出日期"), null=True, blank=True)
    inquiry_delivered_on = models.DateField(_("对方收到征求意见书日期"), null=True, blank=True)
    correction_items = models.JSONField(_("补正事项"), default=list, blank=True)
    correction_sent_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    fee_method = models.CharField(_("计收方式"), max_length=20, choices=FeeMethod.choices, blank=True)
    fee_pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    fee_nth_in_month = models.PositiveIntegerField(_("本月第几件"), null=True, blank=True)
    fee_amount = models.DecimalField(_("收费金额"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_notified_on = models.DateField(_("收费通知日期"), null=True, blank=True, db_index=True)
    # 国办函〔2020〕109号: the payment period runs from the day the applicant receives the notice.
    fee_delivered_on = models.DateField(_("申请人收到收费通知日期"), null=True, blank=True)
    fee_due_on = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True, db_index=True)
    reasons_asked_on = models.DateField(_("要求说明理由日期"), null=True, blank=True)
    # 延期 (条例第三十三条): requested by the clerk, approved by the signer from the signer's account.
    extension_days = models.PositiveSmallIntegerField(_("申请延长工作日数"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_requested_on = models.DateField(_("申请延期日期"), null=True, blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请延期人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_requested_in = models.CharField(
        _("申请延期时的状态"), max_length=20, choices=State.choices, blank=True
    )
    on_the_spot = models.BooleanField(_("当场答复"), default=False)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    clock = models.OneToOneField(
        "workdays.Clock",
        verbose_name=_("答复期限"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_applications",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Keyed hashes (crypto.lookup_hash) so lookups need no decryption: receipt code + phone's last
    # four digits for the public status page, identity number for "same applicant" (fees, repeats).
    lookup_hash = models.CharField(max_length=64, db_index=True, editable=False)
    identity_hash = models.CharField(max_length=64, db_index=True, editable=False)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "state"])]

    def __str__(self) -> str:
        return f"申请 {self.receipt_code}"

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    def clock_status(self, today=None):
        return self.clock.status(today) if self.clock_id else None


class Applicant(models.Model):
    """The applicant's personal data; every text field is encrypted at rest."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="applicant")
    name = EncryptedTextField(_("姓名或名称"))
    identity_type = models.CharField(
        _("身份证明文件"), max_length=20, choices=list(ID_TYPE_LABELS.items()), blank=True, default=""
    )
    identity_number = EncryptedTextField(_("证件号码或统一社会信用代码"))
    phone = EncryptedTextField(_("联系电话"))
    address = EncryptedTextField(_("通信地址"), blank=True)
    email = EncryptedTextField(_("电子邮箱"), blank=True)
    contact_person = EncryptedTextField(_("联系人"), blank=True)

    class Meta:
        verbose_name = _("申请人")
        verbose_name_plural = _("申请人")

    def __str__(self) -> str:
        return self.masked_name

    @property
    def is_organisation(self) -> bool:
        return self.application.applicant_kind != "natural"

    @property
    def masked_name(self) -> str:
        # An organisation's name and credit code are public registry data, not personal data:
        # staff must recognise the company. Its contact person and phone stay masked.
        return self.name if self.is_organisation else crypto.mask_name(self.name)

    @property
    def masked_phone(self) -> str:
        return crypto.mask_phone(self.phone)

    def masked(self) -> dict[str, str]:
        return {
            "name": self.masked_name,
            "identity_number": self.identity_number
            if self.is_organisation
            else crypto.mask_identity(self.identity_number),
            "phone": crypto.mask_phone(self.phone),
            "address": crypto.mask_address(self.address),
            "email": crypto.mask_email(self.email),
        }


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"applications/{instance.application.receipt_code}/attachments/{filename}"


def notice_path(instance: Notice, filename: str) -> str:
    return f"applications/{instance.application.receipt_code}/notices/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")

    def __str__(self) -> str:
        return self.name


class NoticeKind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("受理回执")
    CORRECTION = "correction", _("补正申请告知书")
    EXTENSION = "extension", _("延期答复告知书")
    THIRD_PARTY = "third_party", _("征求第三方意见书")
    AGENCY = "agency", _("征求其他机关意见函")
    FEE = "fee", _("收费通知书")
    REASONS = "reasons", _("说明理由告知书")
    REPLY = "reply", _("政府信息公开申请答复告知书")


class NoticeCounter(models.Model):
    """The last 文书编号 sequence used per agency, year and kind of notice; locked when taken."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="unique_notice_counter")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.kind}: {self.last}"


class Notice(models.Model):
    """A notice of the case: drafted from its template, editable, then sent and kept as sent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("文书"), max_length=20, choices=NoticeKind.choices)
    outcome = models.CharField(_("答复类型"), max_length=40, choices=Outcome.choices, blank=True)
    number = models.CharField(_("文书编号"), max_length=60, blank=True)
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("正文"))
    file = models.FileField(_("Word 文件"), upload_to=notice_path, blank=True)
    sent_on = models.DateField(_("发出日期"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.application.receipt_code}）"

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None


class NoticeTemplate(models.Model):
    """An editable text of a notice kind: one agency's own, or (agency empty) the installation's.

    Drafting a notice takes the agency's template, else the installation-wide one, else the file
    shipped in `templates/applications/notices/`; the body uses the same placeholders as those files.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("适用机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notice_templates",
        help_text=_("留空为全系统默认模板；选择机关则仅该机关使用，优先于默认模板。"),
    )
    kind = models.CharField(_("文书"), max_length=20, choices=NoticeKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind"],
                name="notice_template_one_per_agency_kind",
                violation_error_message=_("该机关已有这类文书的模板，请修改原模板"),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(agency__isnull=True),
                name="notice_template_one_default_per_kind",
                violation_error_message=_("这类文书已有全系统默认模板，请修改原模板"),
            ),
        ]

    def __str__(self) -> str:
        where = self.agency.name if self.agency_id else "全系统默认"
        return f"{self.get_kind_display()}（{where}）"


class Reply(models.Model):
    """The drafted answer (答复) of an application: outcome, the letter's values, withheld parts."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="reply")
    outcome = models.CharField(_("答复类型"), max_length=40, choices=Outcome.choices)
    values = models.JSONField(_("答复要素"), default=dict, blank=True)
    withheld = models.JSONField(_("不予公开部分及理由"), default=list, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    # Where a returned draft sends the case back to: the state it was drafted in.
    drafted_in = models.CharField(_("拟稿时的状态"), max_length=20, choices=State.choices, blank=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}（{self.application.receipt_code}）"


class Supervision(models.Model):
    """督办: the supervising office presses a case; recorded on the case."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="supervisions")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("督办日期"))
    note = models.TextField(_("督办意见"))

    class Meta:
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"督办 {self.application.receipt_code} {self.issued_on}"


class AppealKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LAWSUIT_DIRECT = "lawsuit_direct", _("行政诉讼（未经复议直接起诉）")
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", _("行政诉讼（复议后起诉）")


class AppealResult(models.TextChoices):
    PENDING = "pending", _("尚未审结")
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


class Appeal(models.Model):
    """行政复议 or 行政诉讼 against the handling of an application (表四)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=30, choices=AppealKind.choices)
    filed_on = models.DateField(_("提起日期"))
    result = models.CharField(
        _("结果"), max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        ordering = ["filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.application.receipt_code}）"


class Reminder(models.Model):
    """One reminder per case per day (send_reminders is idempotent on this)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=20)  # due_soon / overdue
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("催办提醒")
        verbose_name_plural = _("催办提醒")
        constraints = [
            models.UniqueConstraint(fields=["application", "day"], name="one_reminder_per_case_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.application.receipt_code} {self.day} {self.kind}"


class RevealLog(models.Model):
    """Who saw an applicant's personal data in full, when (also in the audit chain)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reveals")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("查看事由"), max_length=200)

    class Meta:
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = _("个人信息查看记录")

    def __str__(self) -> str:
        return f"{self.staff} {self.at}"


def release_path(instance: Release, filename: str) -> str:
    return f"applications/{instance.application.receipt_code}/released/{filename}"


class Release(models.Model):
    """Material released with a reply, redacted where withheld (部分公开). Only the redacted copy
    is kept as a file; the original text stays in the case file for the handler."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="releases")
    title = models.CharField(_("名称"), max_length=200)
    original = models.TextField(_("原文"))
    redactions = models.JSONField(_("遮盖及理由"), default=list)
    file = models.FileField(_("公开文本"), upload_to=release_path)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公开材料")
        verbose_name_plural = _("公开材料")

    def __str__(self) -> str:
        return self.title
