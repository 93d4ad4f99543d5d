"""网站群: one installation serves several sites (a government portal, its departments' and
townships' sites), each answering its own host names with its own identity, footer and home page.

Every write goes through `actions.py`; `sites.py` finds the site of a request by its Host.
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PSR_DIGITS = re.compile(r"(\d{14})")


class Site(models.Model):
    name = models.CharField(_("网站名称"), max_length=100, unique=True)
    code = models.CharField(
        _("网站标识码"), max_length=10, help_text=_("10位数字，由政府网站信息报送系统分配")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("所属机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sites",
        help_text=_("本网站公开该机关的政府信息；留空则公开本系统全部机关的政府信息"),
    )
    include_subagencies = models.BooleanField(
        _("包含下级机关的信息"),
        default=True,
        help_text=_("政府门户网站一般包含其部门和乡镇（街道）发布的政府信息"),
    )
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True, help_text=_("留空则为所属机关"))
    operator = models.CharField(_("承办单位"), max_length=100, blank=True)
    icp = models.CharField(_("ICP备案号"), max_length=40, blank=True, help_text=_("如：鲁ICP备12345678号"))
    psr = models.CharField(
        _("公安机关备案号"), max_length=60, blank=True, help_text=_("如：鲁公网安备 37099902000001号")
    )
    logo = models.FileField(_("网站标志"), upload_to="sites/", blank=True, help_text=_("PNG 或 JPEG 图片"))
    home_blocks = models.JSONField(_("首页版块"), default=list, blank=True)
    columns = models.JSONField(
        _("显示的栏目"), default=list, blank=True, help_text=_("公开目录和首页显示的栏目；留空则显示全部栏目")
    )
    is_default = models.BooleanField(
        _("默认网站"),
        default=False,
        help_text=_("系统设置中允许的主机名（GONGKAI_ALLOWED_HOSTS）以及页面以外生成的链接使用默认网站"),
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站群")
        ordering = ["-is_default", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_site"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organizer_name(self) -> str:
        return self.organizer or (self.agency.name if self.agency_id else self.name)

    @property
    def psr_link(self) -> str:
        """The public-security record's page on the national record system (standard footer link)."""
        match = PSR_DIGITS.search(self.psr)
        return f"https://beian.mps.gov.cn/#/query/webSearch?code={match.group(1)}" if match else ""

    def scope(self, field: str = "agency") -> Q:
        """The condition on `field` (a foreign key to Agency) that the site's public pages show.

        The site's agency, and by the rule of `include_subagencies` every agency below it; a site of
        no agency shows every agency. `Document.objects.filter(site.scope())`,
        `Interpretation.objects.filter(site.scope("agency"))`, `SearchEntry...filter(site.scope())`.
        """
        if self.agency_id is None:
            return Q()
        if self.include_subagencies:
            return Q(**{f"{field}__path__startswith": self.agency.path})
        return Q(**{f"{field}_id": self.agency_id})

    def shows_column(self, slug: str) -> bool:
        return not self.columns or slug in self.columns

    def agencies(self):
        """The active agencies whose information the site shows, in tree order."""
        from gongkai.agencies.models import Agency

        if self.agency_id is None:
            scope = Q()
        elif self.include_subagencies:
            scope = Q(path__startswith=self.agency.path)
        else:
            scope = Q(pk=self.agency_id)
        return Agency.objects.filter(scope, is_active=True).order_by("path")

    def agency_ids(self) -> list[int] | None:
        """Ids of every agency (active or not) whose information the site shows; None for all."""
        from gongkai.agencies.models import Agency

        if self.agency_id is None:
            return None
        if not self.include_subagencies:
            return [self.agency_id]
        return list(Agency.objects.filter(path__startswith=self.agency.path).values_list("pk", flat=True))

    def shows_agency(self, agency) -> bool:
        """Whether the site shows the information of `agency` (an Agency, or None for none)."""
        if self.agency_id is None:
            return True
        if agency is None:
            return False
        if self.include_subagencies:
            return agency.is_within(self.agency)
        return agency.pk == self.agency_id


class SiteHost(models.Model):
    """A host name a site answers (lower case, without port); one site may answer several."""

    site = models.ForeignKey(Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="hosts")
    host = models.CharField(_("域名"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("网站域名")
        verbose_name_plural = _("网站域名")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.host
