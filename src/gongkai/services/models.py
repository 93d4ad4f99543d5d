"""权责清单 (versioned per agency), 行政执法公示, 办事指南 and 办件查询 (PRODUCT.md §A9)."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.ingest.masking import mask_name, mask_text

# --- 权责清单 -----------------------------------------------------------------------------------


class PowerKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他")


class ListState(models.TextChoices):
    DRAFT = "draft", _("调整中")
    REVIEWING = "reviewing", _("审核中")
    PUBLISHED = "published", _("已发布")


class PowerList(models.Model):
    """One version of an agency's 权责清单. A new version starts as a copy of the current one and is
    adjusted as a draft; once published it becomes the agency's current list (the highest published
    version) and is never edited again."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("版本"))
    state = models.CharField(_("状态"), max_length=12, choices=ListState.choices, default=ListState.DRAFT)
    note = models.TextField(_("调整说明"), blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调整人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("权责清单")
        verbose_name_plural = _("权责清单")
        ordering = ["agency__path", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="services_power_list_version"),
            # One adjustment at a time per agency: a second draft would fork the list.
            models.UniqueConstraint(
                fields=["agency"],
                condition=~models.Q(state="published"),
                name="services_one_open_power_list",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency}权责清单（第{self.version}版）"


def new_item_key() -> str:
    return uuid.uuid4().hex[:12]


class PowerItem(models.Model):
    """One 权责事项 of one version. `key` follows the item from version to version (the diff pairs
    items by it), so renaming an item shows as a change, not as one removed and one added."""

    power_list = models.ForeignKey(
        PowerList, verbose_name=_("权责清单"), on_delete=models.CASCADE, related_name="items"
    )
    key = models.CharField(max_length=12, default=new_item_key, editable=False)
    position = models.PositiveIntegerField(_("序号"))
    code = models.CharField(_("事项编码"), max_length=40, blank=True)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=PowerKind.choices)
    basis = models.TextField(_("设定依据"))
    implementer = models.CharField(_("实施主体"), max_length=200)
    duties = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)

    class Meta:
        verbose_name = _("权责清单事项")
        verbose_name_plural = _("权责清单事项")
        ordering = ["power_list", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["power_list", "key"], name="services_power_item_key")]

    def __str__(self) -> str:
        return self.name


# Fields compared between versions, in the order the diff shows them.
ITEM_FIELDS = ("code", "name", "kind", "basis", "implementer", "duties", "accountability")


# --- 行政执法公示 -------------------------------------------------------------------------------


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    OTHER = "other", _("其他")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class EnforcementDecision(models.Model):
    """A 行政执法决定 to be published within its working-day limit. The party of a natural person
    and the personal data of the texts are masked on every public page (`public_*`)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("执法机关"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("决定类型"), max_length=16, choices=DecisionKind.choices)
    number = models.CharField(_("决定文书号"), max_length=100)
    party_kind = models.CharField(_("当事人类型"), max_length=16, choices=PartyKind.choices)
    party = models.CharField(_("当事人"), max_length=200)
    facts = models.TextField(_("主要事实"), blank=True)
    basis = models.TextField(_("执法依据"))
    result = models.TextField(_("决定内容"))
    decided_on = models.DateField(_("决定日期"))
    due_on = models.DateField(_("公示期限"))
    due_provisional = models.BooleanField(_("期限为暂定"), default=False)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("行政执法决定")
        verbose_name_plural = _("行政执法决定")
        ordering = ["-decided_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="services_decision_number")]
        indexes = [
            models.Index(fields=["published_on", "due_on"]),
            models.Index(fields=["kind", "decided_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    def is_overdue(self, today: date | None = None) -> bool:
        """Not yet published and past its limit."""
        return self.published_on is None and (today or timezone.localdate()) > self.due_on

    def was_late(self) -> bool:
        return self.published_on is not None and self.published_on > self.due_on

    def _names(self) -> list[str]:
        return [self.party] if self.party_kind == PartyKind.PERSON else []

    @property
    def public_party(self) -> str:
        return mask_name(self.party) if self.party_kind == PartyKind.PERSON else self.party

    @property
    def public_facts(self) -> str:
        return mask_text(self.facts, self._names())

    @property
    def public_result(self) -> str:
        return mask_text(self.result, self._names())


# --- 办事指南 ------------------------------------------------------------------------------------


class GuideState(models.TextChoices):
    DRAFT = "draft", _("未发布")
    PUBLISHED = "published", _("已发布")


class ServiceGuide(models.Model):
    """A 办事指南; the elements the State Council's website checks require are fields, and a blank
    one is shown as missing (国办秘函〔2019〕19号, RULES.md §8)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("办理机关"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("事项名称"), max_length=200)
    theme = models.CharField(
        _("服务主题"), max_length=40, blank=True, help_text=_("如：社会保障、教育、住房")
    )
    power_kind = models.CharField(_("事项类型"), max_length=16, choices=PowerKind.choices, blank=True)
    basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.TextField(_("办理材料"), blank=True)
    location = models.TextField(_("办理地点"), blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    procedure = models.TextField(_("办理流程"), blank=True)
    fees = models.TextField(_("收费标准"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=200, blank=True)
    faq = models.TextField(_("常见问题"), blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=GuideState.choices, default=GuideState.DRAFT)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        ordering = ["agency__path", "theme", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="services_guide_name")]

    def __str__(self) -> str:
        return self.name

    def missing_elements(self) -> list[str]:
        """The Chinese names of the required elements left blank."""
        return [
            str(self._meta.get_field(f).verbose_name)
            for f in REQUIRED_ELEMENTS
            if not getattr(self, f).strip()
        ]


# 国办秘函〔2019〕19号: a guide missing any of these fails the 服务实用 check.
REQUIRED_ELEMENTS = ("name", "basis", "conditions", "materials", "location", "hours", "phone", "procedure")
OTHER_ELEMENTS = ("fees", "time_limit", "faq")


# --- 办件查询 ------------------------------------------------------------------------------------


class ServiceCase(models.Model):
    """A case (办件) imported from a CSV or pushed by an approval system. Only the last four digits
    of the applicant's phone are kept: they are the lookup's second factor."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("办理机关"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("办件编号"), max_length=60, unique=True)
    service_name = models.CharField(_("事项名称"), max_length=200)
    phone_tail = models.CharField(_("申请人手机号后四位"), max_length=4)
    received_on = models.DateField(_("受理日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class CaseStep(models.Model):
    case = models.ForeignKey(
        ServiceCase, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("环节"), max_length=40)
    status = models.CharField(_("办理状态"), max_length=60)
    happened_at = models.DateTimeField(_("办理时间"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["case", "happened_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="services_case_step")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step}"
