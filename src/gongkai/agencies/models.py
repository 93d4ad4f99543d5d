"""Agencies (机关) in a tree, and the staff (工作人员) who work in one of them with roles."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇（街道）")


class Kind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门")
    DISPATCHED = "dispatched", _("派出机关")
    INSTITUTION = "institution", _("事业单位")


class Role(models.TextChoices):
    CLERK = "clerk", _("信息公开工作人员")
    REVIEWER = "reviewer", _("审核人")
    SIGNER = "signer", _("审发人")
    SECRECY_REVIEWER = "secrecy_reviewer", _("保密审查员")
    RESPONDER = "responder", _("网络回应人")
    OPINION_ANALYST = "opinion_analyst", _("舆情员")
    SPOKESPERSON = "spokesperson", _("新闻发言人")
    SUPERVISOR = "supervisor", _("主管部门")
    SYSADMIN = "sysadmin", _("系统管理员")


class Agency(models.Model):
    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialized path "/1/4/9/" so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    doc_prefixes = models.JSONField(_("发文机关代字"), default=list, blank=True)
    site_code = models.CharField(_("网站标识码"), max_length=10, blank=True)
    # A supervising office (e.g. 县政府办公室) oversees its government's whole subtree, not just its own.
    supervises = models.ForeignKey(
        "self",
        verbose_name=_("主管范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("本机关的主管部门人员可查看该机关及其全部下级机关的工作；留空则为本机关及其下级"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True, help_text=_("申请人收到的回执上显示"))
    phone = models.CharField(
        _("咨询电话"), max_length=30, blank=True, help_text=_("带区号的固定电话或手机号码")
    )
    notice_number_pattern = models.CharField(
        _("文书编号格式"),
        max_length=60,
        blank=True,
        help_text=_(
            "可用占位符 {代字}{类别}{年}{序号}，如 {代字}依{类别}〔{年}〕{序号}号；留空则用系统默认格式"
        ),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1 if self.path else 0

    def subtree(self) -> models.QuerySet[Agency]:
        return Agency.objects.filter(path__startswith=self.path)

    def ancestors(self) -> models.QuerySet[Agency]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part][:-1]
        return Agency.objects.filter(id__in=ids)

    def is_within(self, other: Agency) -> bool:
        """True if self is `other` or lies below it."""
        return bool(other.path) and self.path.startswith(other.path)


class StaffManager(UserManager):
    def get_queryset(self):
        return super().get_queryset().select_related("agency")


class Staff(AbstractUser):
    """A user of the workbench. Belongs to one agency; what it may do comes from its roles."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("所属机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    title = models.CharField(_("职务"), max_length=50, blank=True)

    objects = StaffManager()

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @property
    def is_supervisor(self) -> bool:
        return self.has_role(Role.SUPERVISOR)

    @property
    def scope_root(self) -> Agency | None:
        """The agency whose subtree a supervisor oversees."""
        if self.agency is None:
            return None
        return self.agency.supervises or self.agency

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.role_set]


class StaffRole(models.Model):
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [models.UniqueConstraint(fields=["staff", "role"], name="unique_staff_role")]

    def __str__(self) -> str:
        return str(Role(self.role).label)
