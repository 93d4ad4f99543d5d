"""主动公开's blocks of a site's home page (registered in apps.py): 最新公开, 政策文件, 政策解读,
重点领域 and 年度报告, each of the site's agencies only. One query a block."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from .models import Column, Disclosure, Document, Interpretation, State

BLOCK_SIZE = 8
ANNUAL_REPORT = "政府信息公开工作年度报告"


def _documents(site, *conditions: Q, size: int = BLOCK_SIZE) -> list[Document]:
    return list(
        Document.objects.filter(
            site.scope(), *conditions, state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE
        )
        .select_related("agency")
        .only("id", "index_number", "title", "published_at", "agency__name", "agency__short_name")
        .order_by("-published_at", "-pk")[:size]
    )


def latest_block(request, site) -> dict | None:
    """最新公开: the newest published documents of every agency the site shows."""
    documents = _documents(site)
    return {"documents": documents, "more": reverse("publishing:catalog")} if documents else None


def policies_block(request, site) -> dict | None:
    """政策文件: documents issued with a 文号 (the government's and its departments' 公文)."""
    documents = _documents(site, ~Q(doc_number=""))
    return {"documents": documents, "more": reverse("publishing:catalog")} if documents else None


def interpretations_block(request, site) -> dict | None:
    """政策解读: the newest published interpretations."""
    items = list(
        Interpretation.objects.filter(site.scope(), state=State.PUBLISHED)
        .select_related("agency")
        .only("id", "title", "published_at", "agency__name", "agency__short_name")
        .order_by("-published_at", "-pk")[:BLOCK_SIZE]
    )
    return {"items": items, "more": reverse("publishing:interpretations")} if items else None


def key_areas_block(request, site) -> dict | None:
    """重点领域: an entry per key-area column of the catalog."""
    columns = [
        c for c in Column.objects.filter(is_key_area=True).only("name", "slug") if site.shows_column(c.slug)
    ]
    if not columns:
        return None
    catalog = reverse("publishing:catalog")
    return {"entries": [(column.name, f"{catalog}?column={column.slug}") for column in columns]}


def annual_reports_block(request, site) -> dict | None:
    """年度报告: the agencies' annual reports on government-information openness (titled
    "示范县财政局2025年政府信息公开工作年度报告"; not the notices about writing them)."""
    documents = _documents(site, Q(title__endswith=ANNUAL_REPORT), size=5)
    return {"documents": documents} if documents else None
