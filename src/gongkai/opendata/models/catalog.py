"""The data resource catalog (数据资源目录): datasets, their fields and their resource files.

A dataset describes data (title, classification, 开放属性, fields); its resources are the files,
each upload kept as a `ResourceVersion`. A version's rows are written once, at upload, to a
Parquet file that the query engine (`opendata.query`, DuckDB) reads; the original file is kept
for the record and never served to the public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Openness(models.TextChoices):
    OPEN = "open", _("无条件开放")
    CONDITIONAL = "conditional", _("有条件开放")
    CLOSED = "closed", _("不予开放")


class DatasetState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEWING = "reviewing", _("待审核")
    SECRECY = "secrecy", _("待保密审查")
    PUBLISHED = "published", _("已发布")


class FieldType(models.TextChoices):
    TEXT = "text", _("文本")
    INTEGER = "integer", _("整数")
    NUMBER = "number", _("数值")
    DATE = "date", _("日期")
    DATETIME = "datetime", _("日期时间")


class Dataset(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("提供单位"), on_delete=models.PROTECT, related_name="datasets"
    )
    title = models.CharField(_("数据集名称"), max_length=200)
    summary = models.TextField(_("摘要"), blank=True)
    theme = models.CharField(_("主题分类"), max_length=40, blank=True)
    industry = models.CharField(_("行业分类"), max_length=40, blank=True)
    frequency = models.CharField(_("更新频率"), max_length=20, blank=True)
    openness = models.CharField(_("开放属性"), max_length=12, choices=Openness.choices, default=Openness.OPEN)
    openness_reason = models.TextField(_("有条件开放或不予开放的理由"), blank=True)
    licence = models.CharField(_("开放许可"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=DatasetState.choices, default=DatasetState.DRAFT
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)
    documents = models.ManyToManyField(
        "publishing.Document", verbose_name=_("相关政府信息"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("数据集")
        verbose_name_plural = _("数据集")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("opendata:dataset", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.state == DatasetState.PUBLISHED and self.openness != Openness.CLOSED

    def schema(self) -> list[dict]:
        """The field list as a version records it (compared at submission with the uploaded one)."""
        return [f.as_schema() for f in self.fields.all()]


class Field(models.Model):
    """One column of a dataset: the name as it heads the file's column, its Chinese label, type, unit."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("数据集"), on_delete=models.CASCADE, related_name="fields"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("字段名"), max_length=60)
    label = models.CharField(_("中文名称"), max_length=60)
    type = models.CharField(_("类型"), max_length=10, choices=FieldType.choices, default=FieldType.TEXT)
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("字段")
        verbose_name_plural = _("字段")
        ordering = ["dataset", "position"]
        constraints = [models.UniqueConstraint(fields=["dataset", "name"], name="opendata_field_name")]

    def __str__(self) -> str:
        return f"{self.label}（{self.name}）"

    def as_schema(self) -> dict:
        return {"name": self.name, "label": self.label, "type": self.type, "unit": self.unit}


class Resource(models.Model):
    """A file of a dataset (资源), kept in versions; the portal serves `published_version`."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("数据集"), on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(_("资源名称"), max_length=200)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    published_version = models.ForeignKey(
        "ResourceVersion",
        verbose_name=_("已发布版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("资源")
        verbose_name_plural = _("资源")
        ordering = ["dataset", "pk"]

    def __str__(self) -> str:
        return self.title

    def latest_version(self) -> ResourceVersion | None:
        return self.versions.order_by("-number").first()


class Screening(models.TextChoices):
    CLEAR = "clear", _("未发现个人信息")
    BLOCKED = "blocked", _("发现个人信息，待处理")
    ACCEPTED = "accepted", _("经审核决定公开")


class ResourceVersion(models.Model):
    """One upload of a resource, as read, checked and screened; never changed afterwards except
    for the reviewer's decision on its screening findings."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("资源"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    file = models.FileField(_("原始文件"), upload_to="opendata/%Y/%m/", blank=True)
    filename = models.CharField(_("文件名"), max_length=200)
    format = models.CharField(_("格式"), max_length=8)
    encoding = models.CharField(_("编码"), max_length=20, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    schema = models.JSONField(_("字段"), default=list)
    parquet = models.CharField(max_length=200, editable=False)  # under GONGKAI_OPENDATA_DIR
    findings = models.JSONField(_("个人信息筛查结果"), default=list, blank=True)
    formulas = models.JSONField(_("公式单元格"), default=list, blank=True)
    screening = models.CharField(
        _("筛查状态"), max_length=10, choices=Screening.choices, default=Screening.CLEAR
    )
    note = models.CharField(_("版本说明"), max_length=200, blank=True)
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("由此版本处理而来"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)

    class Meta:
        verbose_name = _("资源版本")
        verbose_name_plural = _("资源版本")
        ordering = ["resource", "-number"]
        constraints = [models.UniqueConstraint(fields=["resource", "number"], name="opendata_version_number")]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"

    def path(self):
        """The Parquet file the query engine reads."""
        return settings.GONGKAI_OPENDATA_DIR / self.parquet

    @property
    def blocked(self) -> bool:
        return self.screening == Screening.BLOCKED
