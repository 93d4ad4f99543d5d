"""The search index: one SearchEntry per indexed object (a published document, an interpretation …).

Derived data: other apps feed it through `gongkai.search.index` and it can be rebuilt at any time
with `gongkai search reindex`, so it is not audited. The full-text index itself lives beside this
table and is maintained by the database (see `backends.py` and migration 0002).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("类别"), max_length=30)
    object_id = models.CharField(_("对象编号"), max_length=64)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("发布机构"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=500)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True, db_index=True)
    url = models.CharField(_("链接"), max_length=500)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    subject = models.CharField(_("主题分类"), max_length=100, blank=True)
    genre = models.CharField(_("文种"), max_length=50, blank=True)
    year = models.CharField(_("年份"), max_length=4, blank=True)
    validity = models.CharField(_("有效性"), max_length=20, blank=True)
    column = models.CharField(_("栏目"), max_length=100, blank=True)
    # Plain text the snippets are cut from (body, then interpretations and other extra text).
    text = models.TextField(_("正文"), blank=True)
    # Space-joined tokens from segment.segment(): what the full-text index actually indexes.
    title_tokens = models.TextField(blank=True)
    text_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object"),
        ]

    def __str__(self) -> str:
        return self.title
