"""解读: published interpretations of documents."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from gongkai.publishing import queries as publishing

from ..errors import ApiError
from ..paging import check_params, page
from .common import AgencyRef, local, public

router = Router(tags=["政策解读"])


class DocumentRef(Schema):
    id: int
    index_number: str
    title: str


class InterpretationOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    agency: AgencyRef
    published_at: datetime | None
    documents: list[DocumentRef]
    url: str


class InterpretationDetail(InterpretationOut):
    body: str


class InterpretationPage(Schema):
    items: list[InterpretationOut]
    next_cursor: str | None


def _item(request: HttpRequest, item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "kind": item.kind,
        "kind_label": str(item.get_kind_display()),
        "agency": {"id": item.agency_id, "name": item.agency.name},
        "published_at": local(item.published_at),
        "documents": [
            {"id": d.pk, "index_number": d.index_number, "title": d.title} for d in item.documents.all()
        ],
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


@router.get("/", response=public(InterpretationPage), summary=str(_("政策解读列表")))
def list_interpretations(
    request: HttpRequest, agency: int | None = None, limit: int = 20, cursor: str | None = None
):
    """已发布的解读，按发布日期从新到旧；可按发布机关筛选。"""
    check_params(request, ("agency",))
    qs = publishing.public_interpretations(request.site.scope())
    if agency:
        qs = qs.filter(agency_id=agency)
    rows, next_cursor = page(
        qs, list_name="interpretations", keys=("-published_at", "-id"), limit=limit, cursor=cursor
    )
    return {"items": [_item(request, i) for i in rows], "next_cursor": next_cursor}


@router.get("/{int:pk}", response=public(InterpretationDetail), summary=str(_("一篇政策解读")))
def get_interpretation(request: HttpRequest, pk: int):
    """解读全文及其解读的文件。"""
    item = publishing.public_interpretations(request.site.scope()).filter(pk=pk).first()
    if item is None:
        raise ApiError(404, "not_found", "找不到该解读：编号不存在或尚未发布")
    return {**_item(request, item), "body": item.body}
