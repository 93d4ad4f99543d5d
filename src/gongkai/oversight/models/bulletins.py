"""通报 (`Bulletin`) with its entries (表扬 / 批评), the criticised agencies' 整改 (`Rectification`),
and the feedback of external supervisors (特邀监督员 / 社会评议: `ExternalSupervisor`,
`FeedbackLink`, `Feedback`).

A bulletin is drafted by the supervising office's clerk, reviewed, and published by a supervisor
(workflow `oversight_bulletins`, bulletins_workflow.py). Publishing opens one `Rectification` per
批评 entry with a deadline counted in working days; the agency records its measures, the issuing
office accepts or returns them, and the accepted ones are shown under the published bulletin.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BulletinState",
    "Bulletin",
    "BulletinEntry",
    "RectificationState",
    "Rectification",
    "ExternalSupervisor",
    "FeedbackLink",
    "Feedback",
]


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEWING = "reviewing", _("待审核")
    APPROVED = "approved", _("已审核")
    RETURNED = "returned", _("退回")
    PUBLISHED = "published", _("已发布")


class Bulletin(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("发文机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    preface = models.TextField(_("开头"), blank=True, help_text=_("主送机关和通报的缘由，每行一段"))
    closing = models.TextField(_("整改要求"), blank=True, help_text=_("对被通报单位的要求，每行一段"))
    state = models.CharField(
        _("状态"), max_length=12, choices=BulletinState.choices, default=BulletinState.DRAFT, db_index=True
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    rectify_workdays = models.PositiveSmallIntegerField(_("整改期限（工作日）"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == BulletinState.PUBLISHED

    @property
    def editable(self) -> bool:
        return self.state in (BulletinState.DRAFT, BulletinState.RETURNED)


class BulletinEntry(models.Model):
    class Kind(models.TextChoices):
        PRAISE = "praise", _("表扬")
        CRITICISM = "criticism", _("批评")

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="entries")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("被通报单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    finding = models.TextField(_("通报内容"))
    position = models.PositiveSmallIntegerField(_("序号"), default=0)

    class Meta:
        verbose_name = _("通报事项")
        verbose_name_plural = _("通报事项")
        ordering = ["bulletin", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "agency", "kind"], name="bulletin_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.agency}"


class RectificationState(models.TextChoices):
    PENDING = "pending", _("待整改")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已通过")


class Rectification(models.Model):
    entry = models.OneToOneField(BulletinEntry, on_delete=models.CASCADE, related_name="rectification")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("整改单位"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("整改期限"))
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=RectificationState.choices,
        default=RectificationState.PENDING,
        db_index=True,
    )
    measures = models.TextField(_("整改措施"), blank=True)
    done_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    attachment = models.FileField(_("附件"), upload_to="oversight/rectifications/%Y/", blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("整改情况")
        verbose_name_plural = _("整改情况")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}整改情况"

    @property
    def open(self) -> bool:
        return self.state in (RectificationState.PENDING, RectificationState.RETURNED)


class ExternalSupervisor(models.Model):
    """特邀监督员: registered by an agency's supervisor; no account. The name is public only with consent."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("聘请机关"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("工作单位"), max_length=100, blank=True)
    consents_to_publish = models.BooleanField(_("同意公开姓名"), default=False)
    is_active = models.BooleanField(_("在聘"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("特邀监督员")
        verbose_name_plural = _("特邀监督员")
        ordering = ["agency", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def public_name(self) -> str:
        return self.name if self.consents_to_publish else _("特邀监督员")


class FeedbackLink(models.Model):
    """One personal link for one piece of feedback: the token is kept only as a keyed hash and the
    link is spent by the feedback it carried."""

    supervisor = models.ForeignKey(ExternalSupervisor, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(_("有效期至"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评议链接")
        verbose_name_plural = _("评议链接")

    def __str__(self) -> str:
        return f"{self.supervisor}的评议链接"


class Feedback(models.Model):
    class Source(models.TextChoices):
        LINK = "link", _("监督员在线提交")
        PAPER = "paper", _("纸质意见录入")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        FAIR = "fair", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    supervisor = models.ForeignKey(
        ExternalSupervisor, verbose_name=_("监督员"), on_delete=models.PROTECT, related_name="feedback"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("被评议单位"), on_delete=models.PROTECT, related_name="+"
    )
    link = models.OneToOneField(
        FeedbackLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices)
    text = models.TextField(_("意见建议"))
    received_on = models.DateField(_("收到日期"), db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("监督员意见")
        verbose_name_plural = _("监督员意见")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.supervisor}对{self.agency}的意见"

    @property
    def answered(self) -> bool:
        return bool(self.answered_at)
