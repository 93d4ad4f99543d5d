"""Pages of the data resource catalog: the workbench (datasets, fields, resource files and their
screening, the review) and the portal (the catalog, a dataset, a resource's preview with filters,
sorting, a chart and the CSV download). Views parse, call an action or a query, render."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from gongkai.agencies.scope import staff_view
from gongkai.common.charts import bar_chart
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page

from . import actions, query
from .classification import THEMES
from .forms import DatasetForm, DecideForm, FieldsForm, ResourceForm, VersionForm
from .models import Dataset, DatasetState, Openness, Resource, ResourceVersion
from .rules import STAFF_ROLES, datasets_for, decides, prepares
from .workflow import DATASETS

NAV = "opendata"
PREVIEW_ROWS = 20


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _meta_initial(ds: Dataset) -> dict:
    return {
        "title": ds.title,
        "summary": ds.summary,
        "theme": ds.theme,
        "industry": ds.industry,
        "frequency": ds.frequency,
        "openness": ds.openness,
        "openness_reason": ds.openness_reason,
        "licence": ds.licence,
        "contact": ds.contact,
        "documents": list(ds.documents.values_list("pk", flat=True)),
    }


# --- workbench --------------------------------------------------------------------------------------


@staff_view(*STAFF_ROLES)
def home(request):
    user = request.user
    state = request.GET.get("state", "")
    datasets = datasets_for(user).annotate(n_resources=Count("resources"))
    if state in DatasetState.values:
        datasets = datasets.filter(state=state)
    page = Paginator(datasets.order_by("-updated_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/wb_home.html",
        {
            "nav": NAV,
            "page_obj": page,
            "state": state,
            "states": DatasetState.choices,
            "can_make": user.is_superuser or user.has_role("clerk"),
        },
    )


def _cannot_prepare(request, title: str, dataset: Dataset | None = None):
    """The page of a preparing step for someone who may not take it (a supervisor, a reviewer, or
    a dataset no longer in draft): what it is about and why not, no form."""
    if dataset is not None and dataset.state != DatasetState.DRAFT:
        why = f"数据集当前状态为“{dataset.get_state_display()}”，只有草稿可以修改"
    else:
        who = f"{dataset.agency}的" if dataset is not None else "本单位"
        why = f"只有{who}信息公开工作人员可以{title}"
    return render(
        request, "opendata/wb_form.html", {"nav": NAV, "dataset": dataset, "title": title, "refused": why}
    )


@staff_view(*STAFF_ROLES)
def dataset_new(request):
    if not (request.user.is_superuser or request.user.has_role("clerk")):
        return _cannot_prepare(request, "新建数据集")
    form = DatasetForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = actions.create_dataset(request.user, agency=request.user.agency, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "数据集已建立，请填写字段列表并上传数据资源")
            return redirect("opendata_staff:fields", dataset.pk)
    return render(request, "opendata/wb_form.html", {"nav": NAV, "form": form, "title": "新建数据集"})


@staff_view(*STAFF_ROLES)
def dataset_detail(request, pk: int):
    dataset = get_object_or_404(datasets_for(request.user), pk=pk)
    resources = list(
        dataset.resources.prefetch_related(
            Prefetch("versions", queryset=ResourceVersion.objects.select_related("uploaded_by"))
        )
    )
    for resource in resources:
        resource.latest = resource.versions.all()[0] if resource.versions.all() else None
    return render(
        request,
        "opendata/wb_dataset.html",
        {
            "nav": NAV,
            "dataset": dataset,
            "fields": dataset.fields.all(),
            "resources": resources,
            "documents": dataset.documents.all(),
            "problems": actions.release_problems(dataset) if dataset.state == DatasetState.DRAFT else [],
            "prepares": prepares(request.user, dataset),
            "transitions": DATASETS.available(request.user, dataset),
        },
    )


@staff_view(*STAFF_ROLES)
def dataset_edit(request, pk: int):
    dataset = get_object_or_404(datasets_for(request.user), pk=pk)
    if not prepares(request.user, dataset):
        return _cannot_prepare(request, "修改数据集", dataset)
    form = DatasetForm(request.POST or None, actor=request.user, initial=_meta_initial(dataset))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_dataset(request.user, dataset, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            flash.success(request, "数据集已修改")
            return redirect("opendata_staff:dataset", dataset.pk)
    return render(
        request,
        "opendata/wb_form.html",
        {"nav": NAV, "form": form, "dataset": dataset, "title": "修改数据集"},
    )


@staff_view(*STAFF_ROLES)
def dataset_fields(request, pk: int):
    dataset = get_object_or_404(datasets_for(request.user), pk=pk)
    if not prepares(request.user, dataset):
        return _cannot_prepare(request, "编辑字段列表", dataset)
    lines = "\n".join(
        f"{f.name}|{f.label}|{f.get_type_display()}|{f.unit}".rstrip("|") for f in dataset.fields.all()
    )
    form = FieldsForm(request.POST or None, initial={"fields_text": lines})
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_fields(request.user, dataset, actions.parse_fields(form.cleaned_data["fields_text"]))
        except ActionRefused as exc:
            form.add_error("fields_text", exc.message)
        else:
            flash.success(request, "字段列表已保存")
            return redirect("opendata_staff:dataset", dataset.pk)
    return render(
        request, "opendata/wb_form.html", {"nav": NAV, "form": form, "dataset": dataset, "title": "字段列表"}
    )


def _upload(form, do):
    upload = form.cleaned_data["file"]
    try:
        actions.check_size(upload.size)
        return do(upload.read(), upload.name)
    except ActionRefused as exc:
        form.add_error("file", exc.message)
    return None


@staff_view(*STAFF_ROLES)
def resource_new(request, pk: int):
    dataset = get_object_or_404(datasets_for(request.user), pk=pk)
    if not prepares(request.user, dataset):
        return _cannot_prepare(request, "上传数据资源", dataset)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = _upload(
            form,
            lambda data, name: actions.add_resource(
                request.user, dataset, title=form.cleaned_data["title"], data=data, filename=name
            ),
        )
        if version is not None:
            flash.success(request, f"已上传并检查{version.row_count}行数据")
            return redirect("opendata_staff:resource", version.resource_id)
    return render(
        request,
        "opendata/wb_form.html",
        {"nav": NAV, "form": form, "dataset": dataset, "title": "上传数据资源", "multipart": True},
    )


def _staff_resource(request, pk: int) -> Resource:
    return get_object_or_404(
        Resource.objects.filter(dataset__in=datasets_for(request.user)).select_related("dataset__agency"),
        pk=pk,
    )


@staff_view(*STAFF_ROLES)
def resource_detail(request, pk: int):
    resource = _staff_resource(request, pk)
    dataset, user = resource.dataset, request.user
    can_prepare, can_decide = prepares(user, dataset), decides(user, dataset)
    version_form = VersionForm()
    decide_form = DecideForm()
    if request.method == "POST":
        what = request.POST.get("what")
        if what == "version" and can_prepare:
            version_form = VersionForm(request.POST, request.FILES)
            if version_form.is_valid():
                version = _upload(
                    version_form,
                    lambda data, name: actions.upload_version(
                        user, resource, data=data, filename=name, note=version_form.cleaned_data["note"]
                    ),
                )
                if version is not None:
                    flash.success(request, f"已上传第{version.number}版（{version.row_count}行）")
                    return redirect("opendata_staff:resource", resource.pk)
        elif what == "mask" and can_prepare:
            version = get_object_or_404(resource.versions, pk=request.POST.get("version"))
            try:
                masked = actions.mask_column(user, version, column=request.POST.get("column", ""))
            except ActionRefused as exc:
                flash.error(request, exc.message)
            else:
                flash.success(request, f"已生成第{masked.number}版：{masked.note}")
            return redirect("opendata_staff:resource", resource.pk)
        elif what == "decide" and can_decide:
            version = get_object_or_404(resource.versions, pk=request.POST.get("version"))
            decide_form = DecideForm(request.POST)
            if decide_form.is_valid():
                try:
                    actions.decide_screening(user, version, reason=decide_form.cleaned_data["reason"])
                except ActionRefused as exc:
                    _refused(decide_form, exc)
                else:
                    flash.success(request, "已记录决定")
                    return redirect("opendata_staff:resource", resource.pk)
        else:
            raise Http404
    versions = list(resource.versions.select_related("uploaded_by", "decided_by"))
    latest = versions[0] if versions else None
    preview = None
    if latest is not None:
        preview = query.rows(latest.path(), latest.schema, query.Query(limit=PREVIEW_ROWS))
    return render(
        request,
        "opendata/wb_resource.html",
        {
            "nav": NAV,
            "resource": resource,
            "dataset": dataset,
            "versions": versions,
            "latest": latest,
            "preview": [[query.display(v) for v in row] for row in preview] if preview else None,
            "can_prepare": can_prepare,
            "can_decide": can_decide,
            "version_form": version_form,
            "decide_form": decide_form,
        },
    )


# --- portal ---------------------------------------------------------------------------------------


def public_datasets(request):
    return Dataset.objects.filter(
        state=DatasetState.PUBLISHED,
        openness__in=(Openness.OPEN, Openness.CONDITIONAL),
        agency__in=request.site.agencies(),
    ).select_related("agency")


@public_page(params=("theme", "q", "page"))
def catalog(request):
    theme = request.GET.get("theme", "")
    words = (request.GET.get("q") or "").strip()[:50]
    datasets = (
        public_datasets(request).annotate(n_resources=Count("resources")).order_by("-published_at", "-pk")
    )
    if theme in THEMES:
        datasets = datasets.filter(theme=theme)
    for word in words.split()[:5]:
        datasets = datasets.filter(Q(title__contains=word) | Q(summary__contains=word))
    page = Paginator(datasets, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/public_catalog.html",
        {"page_obj": page, "theme": theme, "themes": THEMES, "q": words},
    )


@public_page
def dataset(request, pk: int):
    ds = get_object_or_404(public_datasets(request), pk=pk)
    resources = ds.resources.filter(published_version__isnull=False).select_related("published_version")
    return render(
        request,
        "opendata/public_dataset.html",
        {"dataset": ds, "fields": ds.fields.all(), "resources": resources, "documents": ds.documents.all()},
    )


def _public_version(request, pk: int) -> tuple[Resource, ResourceVersion]:
    resource = get_object_or_404(
        Resource.objects.filter(
            dataset__in=public_datasets(request).filter(openness=Openness.OPEN),
            published_version__isnull=False,
        ).select_related("dataset__agency", "published_version"),
        pk=pk,
    )
    return resource, resource.published_version


PREVIEW_PARAMS = ("q", "sort", "field", "value", "min", "max", "page", "chart")


def preview_params(schema: list[dict], get) -> dict[str, str]:
    """The portal's fixed preview parameters as query-engine parameters (one filter at a time)."""
    params = {"q": get.get("q", ""), "sort": get.get("sort", "")}
    name = get.get("field", "")
    if name:
        kind = next((f["type"] for f in schema if f["name"] == name), None)
        value, low, high = (get.get(k, "").strip() for k in ("value", "min", "max"))
        if value:
            params[f"{name}__contains" if kind == "text" else name] = value
        if low:
            params[f"{name}__gte"] = low
        if high:
            params[f"{name}__lte"] = high
    return params


@public_page(params=PREVIEW_PARAMS)
def resource(request, pk: int):
    res, version = _public_version(request, pk)
    schema = version.schema
    error = ""
    try:
        q = query.parse(schema, preview_params(schema, request.GET))
    except query.QueryError as exc:
        error, q = exc.message, query.Query()
    q.limit = PREVIEW_ROWS
    total = query.count(version.path(), schema, q, rows_in_file=version.row_count)
    # A range stands for the rows: the paginator only needs their number (no row is materialised).
    page_obj = Paginator(range(total), PREVIEW_ROWS).get_page(request.GET.get("page"))
    q.offset = (page_obj.number - 1) * PREVIEW_ROWS
    page_rows = query.rows(version.path(), schema, q) if total else []
    numeric = [f for f in schema if f["type"] in ("integer", "number")]
    chart_field = next(
        (f for f in numeric if f["name"] == request.GET.get("chart")), numeric[0] if numeric else None
    )
    chart = ""
    if chart_field is not None:
        bars = _chart_bars(version, q, schema.index(chart_field))
        title = f"{chart_field['label']}{'（' + chart_field['unit'] + '）' if chart_field['unit'] else ''}"
        chart = mark_safe(bar_chart(bars, title=title, unit=chart_field["unit"], chart_id="resource-chart"))
    keep = request.GET.copy()
    keep.pop("page", None)
    sort_base = keep.copy()
    sort_base.pop("sort", None)
    chart_keep = [(k, v) for k, v in keep.items() if k != "chart"]
    return render(
        request,
        "opendata/public_resource.html",
        {
            "resource": res,
            "dataset": res.dataset,
            "version": version,
            "schema": schema,
            "rows": [[query.display(v) for v in row] for row in page_rows],
            "total": total,
            "sort_base": sort_base.urlencode(),
            "chart_keep": chart_keep,
            "chart_dated": any(f["type"] in ("date", "datetime") for f in schema),
            "page_obj": page_obj,
            "error": error,
            "get": request.GET,
            "query_string": keep.urlencode(),
            "sort": request.GET.get("sort", ""),
            "numeric": numeric,
            "chart_field": chart_field,
            "chart": chart,
        },
    )


def _chart_bars(version: ResourceVersion, q: query.Query, index: int):
    """The chart's bars, kept for ten minutes: they depend on the filters (and, without a date field,
    the order) but not on the page, and aggregating a large resource costs more than its page."""
    import hashlib

    from django.core.cache import cache

    key = repr((q.filters, q.words, q.sort, index))
    key = f"opendata:chart:{version.pk}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    bars = cache.get(key)
    if bars is None:
        bars = query.chart_series(version.path(), version.schema, q, index)
        cache.set(key, bars, 600)
    return bars


def download(request, pk: int):
    """The published version as CSV (typed values, formula-like text guarded), filtered like the
    preview when its parameters are given."""
    res, version = _public_version(request, pk)
    try:
        q = query.parse(version.schema, preview_params(version.schema, request.GET))
    except query.QueryError:
        q = query.Query()
    response = StreamingHttpResponse(
        query.csv_lines(version.path(), version.schema, q), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{res.title}.csv")
    return response
