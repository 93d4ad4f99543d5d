"""The open-data part of the JSON API (mounted by gongkai.api at /api/data/): the catalog and the
per-resource row queries (served by the query engine, `opendata.query`)."""

from __future__ import annotations

from datetime import datetime

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header
from ninja import Query, Router, Schema

from . import query
from .classification import THEMES
from .models import Openness, Resource

router = Router(tags=["数据开放"])


class ErrorOut(Schema):
    code: str
    message: str


class FieldOut(Schema):
    name: str
    label: str
    type: str
    unit: str


class ResourceOut(Schema):
    id: int
    title: str
    version: int
    rows: int
    rows_url: str


class DatasetOut(Schema):
    id: int
    title: str
    summary: str
    agency: str
    theme: str
    industry: str
    frequency: str
    openness: str
    openness_reason: str
    licence: str
    contact: str
    published_at: datetime | None
    url: str


class DatasetDetailOut(DatasetOut):
    fields: list[FieldOut]
    resources: list[ResourceOut]
    documents: list[str]


class DatasetListOut(Schema):
    total: int
    limit: int
    offset: int
    items: list[DatasetOut]


class RowsOut(Schema):
    total: int
    limit: int
    offset: int
    fields: list[FieldOut]
    rows: list[dict]


class CatalogFilters(Schema):
    theme: str = ""
    q: str = ""
    limit: int = 20
    offset: int = 0


def _error(status: int, code: str, message: str):
    return status, {"code": code, "message": message}


def _dataset_out(request, ds) -> dict:
    return {
        "id": ds.pk,
        "title": ds.title,
        "summary": ds.summary,
        "agency": ds.agency.name,
        "theme": ds.theme,
        "industry": ds.industry,
        "frequency": ds.frequency,
        "openness": ds.openness,
        "openness_reason": ds.openness_reason,
        "licence": ds.licence,
        "contact": ds.contact,
        "published_at": ds.published_at,
        "url": request.build_absolute_uri(ds.get_absolute_url()),
    }


@router.get(
    "/datasets",
    response={200: DatasetListOut, 400: ErrorOut},
    url_name="opendata_datasets",
    summary="数据集目录",
)
def datasets(request, filters: Query[CatalogFilters]):
    """已发布的无条件开放和有条件开放数据集，可按主题分类（theme）和关键词（q）筛选。"""
    from .views_catalog import public_datasets

    if filters.theme and filters.theme not in THEMES:
        return _error(400, "unknown_theme", f"未知的主题分类“{filters.theme}”")
    if not 1 <= filters.limit <= 100 or filters.offset < 0:
        return _error(400, "bad_paging", "limit应在1到100之间，offset应为非负整数")
    qs = public_datasets(request).order_by("-published_at", "-pk")
    if filters.theme:
        qs = qs.filter(theme=filters.theme)
    for word in filters.q.split()[:5]:
        qs = qs.filter(title__contains=word) | qs.filter(summary__contains=word)
    total = qs.count()
    items = [_dataset_out(request, ds) for ds in qs[filters.offset : filters.offset + filters.limit]]
    return {"total": total, "limit": filters.limit, "offset": filters.offset, "items": items}


@router.get(
    "/datasets/{pk}",
    response={200: DatasetDetailOut, 404: ErrorOut},
    url_name="opendata_dataset",
    summary="数据集详情",
)
def dataset(request, pk: int):
    from django.urls import reverse

    from .views_catalog import public_datasets

    ds = public_datasets(request).filter(pk=pk).first()
    if ds is None:
        return _error(404, "not_found", "数据集不存在或未开放")
    out = _dataset_out(request, ds)
    out["fields"] = [f.as_schema() for f in ds.fields.all()]
    out["documents"] = [d.title for d in ds.documents.all()]
    resources = ds.resources.filter(published_version__isnull=False).select_related("published_version")
    out["resources"] = (
        [
            {
                "id": r.pk,
                "title": r.title,
                "version": r.published_version.number,
                "rows": r.published_version.row_count,
                "rows_url": request.build_absolute_uri(reverse("api:opendata_rows", args=[r.pk])),
            }
            for r in resources
        ]
        if ds.openness in (Openness.OPEN, Openness.CONDITIONAL)
        else []
    )
    return out


@router.get(
    "/resources/{pk}/rows",
    response={200: RowsOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    url_name="opendata_rows",
    summary="查询资源数据行",
)
def rows(
    request,
    pk: int,
    q: str = "",
    sort: str = "",
    limit: int = query.DEFAULT_LIMIT,
    offset: int = 0,
    format: str = "json",
):
    """按字段筛选：`字段名=值`（等于）、`字段名__in=a,b`、`字段名__gte=`/`__lte=`/`__gt=`/`__lt=`（范围）、
    `字段名__contains=`（文本包含）；`q` 在文本字段中全文检索；`sort=字段名,-字段名` 排序；
    `limit`（不超过1000）和 `offset` 分页；`format=csv` 返回CSV。未知字段返回400和错误代码 `unknown_field`。
    有条件开放的数据集须在 `Authorization: Bearer <令牌>` 中提供经批准的数据访问令牌（按日限额）。"""
    from .access import AccessDenied, check_access_token
    from .views_catalog import public_datasets

    resource = (
        Resource.objects.filter(dataset__in=public_datasets(request), published_version__isnull=False)
        .select_related("published_version", "dataset")
        .filter(pk=pk)
        .first()
    )
    if resource is None:
        return _error(404, "not_found", "资源不存在或未开放")
    version = resource.published_version
    if format not in ("json", "csv"):
        return _error(400, "bad_format", "format应为json或csv")
    try:
        parsed = query.parse(version.schema, dict(request.GET.items()))
        grant = check_access_token(request, resource.dataset)
    except query.QueryError as exc:
        return _error(400, exc.code, exc.message)
    except AccessDenied as exc:
        return _error(exc.status, exc.code, exc.message)
    if format == "csv":
        limit = None
        if grant is not None:
            limit = grant.rows_left
            grant.use(
                rows=min(
                    limit, query.count(version.path(), version.schema, parsed, rows_in_file=version.row_count)
                ),
                what=request.path,
            )
        response = StreamingHttpResponse(
            query.csv_lines(version.path(), version.schema, parsed, limit=limit),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{resource.title}.csv")
        return response
    if grant is not None:
        parsed.limit = min(parsed.limit, grant.rows_left)
    page = query.run(version.path(), version.schema, parsed, rows_in_file=version.row_count)
    if grant is not None:
        grant.use(rows=len(page.rows), what=request.path)
    names = [f["name"] for f in version.schema]
    return {
        "total": page.total,
        "limit": parsed.limit,
        "offset": parsed.offset,
        "fields": version.schema,
        "rows": [dict(zip(names, map(query.json_value, row), strict=True)) for row in page.rows],
    }
