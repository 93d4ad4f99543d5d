"""主动公开: the catalog of published documents with its filters, one document with its metadata,
its interpretations (解读) and full-text search."""

from __future__ import annotations

from datetime import date, datetime

from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema

from gongkai.publishing import queries as publishing
from gongkai.publishing.models import Validity
from gongkai.search.index import MAX_PER_PAGE, search

from ..errors import ApiError
from ..paging import check_limit, check_params, page
from .common import AgencyRef, local, public

router = Router(tags=["主动公开"])

CATALOG_PARAMS = ("agency", "subject", "genre", "year", "validity", "column", "q")


class SubjectRef(Schema):
    id: int
    name: str


class DocumentOut(Schema):
    id: int
    index_number: str
    title: str
    doc_number: str
    agency: AgencyRef
    publishers: list[AgencyRef]
    subject: SubjectRef | None
    genre: str
    validity: str
    validity_label: str
    column: str | None
    written_on: date | None
    published_at: datetime | None
    url: str


class AttachmentOut(Schema):
    name: str
    url: str


class InterpretationRef(Schema):
    id: int
    title: str
    url: str


class DocumentDetail(DocumentOut):
    summary: str
    keywords: str
    made_on: date
    is_normative: bool
    note: str
    body: str
    attachments: list[AttachmentOut]
    interpretations: list[InterpretationRef]


class DocumentPage(Schema):
    items: list[DocumentOut]
    next_cursor: str | None


class CatalogQuery(Schema):
    agency: int | None = None
    subject: int | None = None
    genre: str = ""
    year: int | None = None
    validity: Validity | None = None
    column: str = ""
    q: str = ""
    limit: int = 20
    cursor: str | None = None


def _document(request: HttpRequest, doc) -> dict:
    publishers = list(doc.publishers.all())
    return {
        "id": doc.pk,
        "index_number": doc.index_number,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "agency": {"id": doc.agency_id, "name": doc.agency.name},
        "publishers": [{"id": a.pk, "name": a.name} for a in publishers],
        "subject": {"id": doc.subject_id, "name": doc.subject.name} if doc.subject_id else None,
        "genre": doc.genre,
        "validity": doc.validity,
        "validity_label": str(doc.get_validity_display()),
        "column": doc.column.name if doc.column_id else None,
        "written_on": doc.written_on,
        "published_at": local(doc.published_at),
        "url": request.build_absolute_uri(doc.get_absolute_url()),
    }


@router.get("/", response=public(DocumentPage), summary=str(_("公开目录：已主动公开的政府信息")))
def list_documents(request: HttpRequest, filters: Query[CatalogQuery]):
    """按发布机构、主题分类、文种、发布年份、有效性、栏目和关键词（标题或文号）筛选，按发布日期从新到旧。"""
    check_params(request, CATALOG_PARAMS)
    if len(filters.q) > 50 or len(filters.genre) > 20 or len(filters.column) > 50:
        raise ApiError(422, "invalid_input", "筛选条件过长", fields={"q": "不超过50个字"})
    qs = publishing.catalog_documents(
        publishing.CatalogFilters(
            agency=filters.agency,
            subject=filters.subject,
            genre=filters.genre.strip(),
            year=filters.year,
            validity=filters.validity or "",
            column=filters.column.strip(),
            text=filters.q.strip(),
        ),
        scope=request.site.scope(),
    )
    rows, cursor = page(
        qs, list_name="documents", keys=("-published_at", "-id"), limit=filters.limit, cursor=filters.cursor
    )
    return {"items": [_document(request, d) for d in rows], "next_cursor": cursor}


class SearchHit(Schema):
    kind: str
    kind_label: str
    title: str
    snippet: str
    doc_number: str
    agency: str
    published_at: datetime | None
    url: str


class SearchPage(Schema):
    total: int
    total_is_lower_bound: bool
    items: list[SearchHit]
    next_cursor: str | None


SEARCH_PARAMS = ("q", "kind", "agency", "year")


@router.get("/search/", response=public(SearchPage), summary=str(_("全文检索（文件、解读、留言答复等）")))
def search_documents(
    request: HttpRequest,
    q: str,
    kind: str = "",
    agency: int | None = None,
    year: int | None = None,
    limit: int = 20,
    cursor: str | None = None,
):
    """与网站的站内搜索相同：按文号精确匹配优先，再按相关度排序。"""
    check_params(request, SEARCH_PARAMS)
    limit = min(check_limit(limit), MAX_PER_PAGE)
    if not q.strip() or len(q) > 100:
        raise ApiError(422, "invalid_input", "请提供1至100个字的检索词 q", fields={"q": "1至100个字"})
    number = _search_page(cursor, q)
    site_agencies = request.site.agencies().values_list("pk", flat=True)
    results = search(
        q,
        filters={"kind": kind, "agency": agency, "year": year},
        agencies=list(site_agencies),
        page=number,
        per_page=limit,
    )
    more = number * limit < results.total
    return {
        "total": results.total,
        "total_is_lower_bound": results.more,
        "items": [
            {
                "kind": h.kind,
                "kind_label": str(h.kind_label),
                "title": h.title,
                "snippet": strip_tags(h.snippet_html),
                "doc_number": h.doc_number,
                "agency": h.agency_name,
                "published_at": local(h.published_at),
                "url": request.build_absolute_uri(h.url),
            }
            for h in results.hits
        ],
        "next_cursor": _search_cursor(number + 1, q) if more and results.hits else None,
    }


def _search_cursor(number: int, q: str) -> str:
    return signing.dumps([number, q], salt="gongkai.api.cursor:search", compress=True)


def _search_page(cursor: str | None, q: str) -> int:
    if not cursor:
        return 1
    try:
        number, for_q = signing.loads(cursor, salt="gongkai.api.cursor:search")
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ApiError(400, "bad_cursor", "分页游标 cursor 无效：请使用上一页返回的 next_cursor") from exc
    if for_q != q or not isinstance(number, int) or number < 1:
        raise ApiError(400, "bad_cursor", "分页游标 cursor 与检索词不符：换了检索词请从第一页开始")
    return number


@router.get("/{path:key}", response=public(DocumentDetail), summary=str(_("一件政府信息及其元数据")))
def get_document(request: HttpRequest, key: str):
    """按索引号（或编号）取一件已主动公开的政府信息：元数据、正文、附件和解读。"""
    doc = publishing.public_document(key) if len(key) <= 100 else None
    if doc is None or not request.site.shows_agency(doc.agency):
        raise ApiError(404, "not_found", "找不到该政府信息：索引号不存在或该信息未主动公开")
    out = _document(request, doc)
    out.update(
        summary=doc.summary,
        keywords=doc.keywords,
        made_on=doc.made_on,
        is_normative=doc.is_normative,
        note=doc.note,
        body=doc.body,
        attachments=[
            {"name": a.name, "url": request.build_absolute_uri(reverse("publishing:attachment", args=[a.pk]))}
            for a in publishing.public_attachments(doc)
        ],
        interpretations=[
            {"id": i.pk, "title": i.title, "url": request.build_absolute_uri(i.get_absolute_url())}
            for i in publishing.public_interpretations().filter(documents=doc)
        ],
    )
    return out
