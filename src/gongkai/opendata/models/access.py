"""Access to open data beyond the free catalog: 有条件开放 applications and the personal tokens they
grant (every use logged), the yearly opening plan (年度数据开放计划), and 需求征集 (the public asks for a
dataset to be opened).

Applicants' and requesters' names and contacts are personal data: encrypted at rest, shown only to
the staff of the dataset's agency, never on a public page.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.crypto import EncryptedTextField


class AccessState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("不予批准")


class AccessApplication(models.Model):
    """An application to use a conditionally open dataset (有条件开放), decided by its agency."""

    receipt_code = models.CharField(_("申请编号"), max_length=20, unique=True)
    dataset = models.ForeignKey(
        "opendata.Dataset",
        verbose_name=_("数据集"),
        on_delete=models.PROTECT,
        related_name="access_applications",
    )
    # The dataset's agency when the application arrived: the one that decides (and the scope).
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("审核单位"), on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = EncryptedTextField(_("申请人"))
    organisation = EncryptedTextField(_("单位名称"), blank=True)
    contact = EncryptedTextField(_("联系方式"))
    purpose = models.TextField(_("使用目的"))
    period_from = models.DateField(_("使用期限自"))
    period_to = models.DateField(_("使用期限至"))
    state = models.CharField(
        _("状态"), max_length=12, choices=AccessState.choices, default=AccessState.PENDING
    )
    received_on = models.DateField(_("收到日期"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    clock = models.OneToOneField(
        "workdays.Clock", verbose_name=_("审核时限"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("答复期限"), null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.TextField(_("审核意见"), blank=True)
    # The form's idempotency key, as a keyed hash: resending the same form finds this application.
    idempotency_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("有条件开放申请")
        verbose_name_plural = _("有条件开放申请")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="opendata_access_idempotency_key",
            )
        ]
        indexes = [models.Index(fields=["agency", "state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.receipt_code} {self.dataset}"

    def is_overdue(self, today: date | None = None) -> bool:
        """Still pending after its answer date."""
        return (
            self.state == AccessState.PENDING
            and self.due_on is not None
            and (today or timezone.localdate()) > self.due_on
        )


class AccessToken(models.Model):
    """The personal token of an approved application: shown once, stored as a hash."""

    application = models.OneToOneField(
        AccessApplication, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="token"
    )
    dataset = models.ForeignKey(
        "opendata.Dataset", verbose_name=_("数据集"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("审核单位"), on_delete=models.PROTECT, related_name="+"
    )
    prefix = models.CharField(_("令牌前缀"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    daily_rows = models.PositiveIntegerField(_("每日行数上限"))
    daily_calls = models.PositiveIntegerField(_("每日调用次数上限"))
    valid_from = models.DateField(_("有效期自"))
    expires_on = models.DateField(_("有效期至"))
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.TextField(_("撤销理由"), blank=True)

    class Meta:
        verbose_name = _("数据访问令牌")
        verbose_name_plural = _("数据访问令牌")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.dataset}"

    def state_label(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.revoked_at:
            return str(_("已撤销"))
        if today > self.expires_on:
            return str(_("已过期"))
        if today < self.valid_from:
            return str(_("未生效"))
        return str(_("有效"))


class TokenUse(models.Model):
    """One call made with a token: when, on which dataset, how many rows it returned."""

    token = models.ForeignKey(
        AccessToken, verbose_name=_("令牌"), on_delete=models.PROTECT, related_name="uses"
    )
    dataset = models.ForeignKey(
        "opendata.Dataset", verbose_name=_("数据集"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("调用时间"), default=timezone.now)
    day = models.DateField(_("日期"))
    rows = models.PositiveIntegerField(_("返回行数"), default=0)
    what = models.CharField(_("调用内容"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("令牌使用记录")
        verbose_name_plural = _("令牌使用记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "day"])]

    def __str__(self) -> str:
        return f"{self.token_id} {self.at:%Y-%m-%d %H:%M} {self.rows}"


class PlanItemState(models.TextChoices):
    PLANNED = "planned", _("计划中")
    OPENED = "opened", _("已开放")
    OVERDUE = "overdue", _("已超期")  # derived, never stored
    CANCELLED = "cancelled", _("已取消")


class OpeningPlanItem(models.Model):
    """One line of the yearly opening plan (年度数据开放计划): a dataset to open, its agency, a date."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("拟开放数据集"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    planned_on = models.DateField(_("计划开放日期"))
    openness = models.CharField(_("拟开放属性"), max_length=12, default="open")
    state = models.CharField(
        _("状态"), max_length=12, choices=PlanItemState.choices, default=PlanItemState.PLANNED
    )
    dataset = models.ForeignKey(
        "opendata.Dataset",
        verbose_name=_("已开放的数据集"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_on = models.DateField(_("实际开放日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据开放计划事项")
        verbose_name_plural = _("数据开放计划事项")
        ordering = ["-year", "planned_on", "pk"]
        indexes = [models.Index(fields=["year", "agency"])]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    def status(self, today: date | None = None) -> str:
        """Derived from the row and today: planned items past their date are overdue."""
        if self.state == PlanItemState.PLANNED and (today or timezone.localdate()) > self.planned_on:
            return PlanItemState.OVERDUE
        return self.state

    def status_label(self, today: date | None = None) -> str:
        return str(PlanItemState(self.status(today)).label)


class RequestState(models.TextChoices):
    PENDING = "pending", _("待答复")
    ANSWERED = "answered", _("已答复")


class RequestOutcome(models.TextChoices):
    WILL_OPEN = "will_open", _("将予开放")
    ALREADY_OPEN = "already_open", _("已经开放")
    CONDITIONAL = "conditional", _("可申请有条件开放")
    CANNOT = "cannot", _("暂不能开放")


class DataRequest(models.Model):
    """需求征集: someone asks for a dataset to be opened; the agency answers in public."""

    receipt_code = models.CharField(_("受理编号"), max_length=20, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("答复单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("需求的数据"), max_length=200)
    description = models.TextField(_("需求说明"))
    # Masked copies of what the public sees (personal data removed at submission).
    public_title = models.CharField(_("公开标题"), max_length=200, blank=True)
    public_description = models.TextField(_("公开说明"), blank=True)
    requester_name = EncryptedTextField(_("姓名或单位"))
    contact = EncryptedTextField(_("联系方式"))
    state = models.CharField(
        _("状态"), max_length=12, choices=RequestState.choices, default=RequestState.PENDING
    )
    received_on = models.DateField(_("收到日期"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    clock = models.OneToOneField(
        "workdays.Clock", verbose_name=_("答复时限"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("答复期限"), null=True)
    outcome = models.CharField(_("答复结果"), max_length=16, choices=RequestOutcome.choices, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    dataset = models.ForeignKey(
        "opendata.Dataset",
        verbose_name=_("相关数据集"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("数据开放需求")
        verbose_name_plural = _("数据开放需求")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="opendata_request_idempotency_key",
            )
        ]
        indexes = [models.Index(fields=["agency", "state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.receipt_code} {self.public_title or self.title}"

    def is_overdue(self, today: date | None = None) -> bool:
        return (
            self.state == RequestState.PENDING
            and self.due_on is not None
            and (today or timezone.localdate()) > self.due_on
        )
