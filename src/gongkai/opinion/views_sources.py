"""Workbench pages of 舆情 collection (/workbench/opinion/): sources with their health, a source's page
(fetch log, export upload, push token), and the list of collected posts. Opinion analysts manage the
sources of their agency; supervisors read. Nothing here fetches a source: "立即抓取" only makes it
due for the worker."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import get_scoped_or_404, scoped, staff_view, visible_agencies
from gongkai.common.errors import ActionRefused
from gongkai.common.params import param_int

from .collect import actions
from .forms_sources import ExportUploadForm, PostFilterForm, SourceForm
from .models import Post, Source

READ_ROLES = (Role.OPINION_ANALYST, Role.SUPERVISOR)
NAV = "opinion"
PAGE_SIZE = 50


def sources_for(user):
    return scoped(user, Source.objects.select_related("owner"), "owner")


def posts_for(user):
    return scoped(user, Post.objects.all(), "source__owner")


def _form_error(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# ---------------------------------------------------------------- sources


@staff_view(*READ_ROLES)
def source_list(request):
    """Every source in scope with its health: last success, last error, failures, next fetch."""
    sources = sources_for(request.user).order_by("owner__path", "name")
    return render(
        request,
        "opinion/sources_list.html",
        {
            "nav": NAV,
            "sources": sources,
            "may_create": request.user.is_superuser or request.user.has_role(Role.OPINION_ANALYST),
            "now": timezone.now(),
        },
    )


@staff_view(*READ_ROLES)
def source_new(request):
    agencies = visible_agencies(request.user).order_by("path")
    form = SourceForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        initial={"owner": request.user.agency_id, "schedule_minutes": 30},
    )
    if request.method == "POST" and form.is_valid():
        try:
            source = actions.create_source(request.user, **form.values())
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(request, f"来源“{source.name}”已添加")
            return redirect("opinion_staff:source", source.pk)
    return render(request, "opinion/source_form.html", {"nav": NAV, "form": form, "source": None})


@staff_view(*READ_ROLES)
def source_edit(request, pk: int):
    source = get_scoped_or_404(request.user, Source.objects.select_related("owner"), "owner", pk=pk)
    form = SourceForm(
        request.POST if request.method == "POST" else None,
        agencies=None,
        editing=True,
        initial=SourceForm.initial_for(source),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_source(request.user, source, **form.values())
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(request, "来源已保存")
            return redirect("opinion_staff:source", source.pk)
    return render(request, "opinion/source_form.html", {"nav": NAV, "form": form, "source": source})


@staff_view(*READ_ROLES)
def source_detail(request, pk: int):
    source = get_scoped_or_404(request.user, Source.objects.select_related("owner"), "owner", pk=pk)
    return _detail(request, source, status=200)


def _detail(request, source, *, status: int = 400, upload_form=None, issued_token: str = ""):
    return render(
        request,
        "opinion/source_detail.html",
        {
            "nav": NAV,
            "source": source,
            "logs": source.fetch_logs.all()[:20],
            "recent": source.posts.order_by("-published_at")[:10],
            "editable": actions.may_manage(request.user, source.owner),
            "upload_form": upload_form or ExportUploadForm(),
            "issued_token": issued_token,
            "now": timezone.now(),
        },
        status=status,
    )


@staff_view(*READ_ROLES)
def source_toggle(request, pk: int):
    source = get_scoped_or_404(request.user, Source.objects.select_related("owner"), "owner", pk=pk)
    if request.method != "POST":
        return _detail(request, source, status=200)
    try:
        source = actions.set_source_enabled(request.user, source, enabled=not source.enabled)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "来源已启用" if source.enabled else "来源已停用，不再抓取或接收推送")
    return redirect("opinion_staff:source", source.pk)


@staff_view(*READ_ROLES)
def source_refetch(request, pk: int):
    source = get_scoped_or_404(request.user, Source.objects.select_related("owner"), "owner", pk=pk)
    if request.method != "POST":
        return _detail(request, source, status=200)
    try:
        actions.request_fetch(request.user, source)
    except ActionRefused as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "已安排抓取：后台任务将在几分钟内抓取该来源")
    return redirect("opinion_staff:source", source.pk)


@staff_view(*READ_ROLES)
def source_import(request, pk: int):
    source = get_scoped_or_404(request.user, Source.objects.select_related("owner"), "owner", pk=pk)
    if request.method != "POST":
        return _detail(request, source, status=200)
    form = ExportUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = actions.import_export(request.user, source, data=upload.read(), filename=upload.name)
        except ActionRefused as exc:
            _form_error(form, exc)
            source.refresh_from_db()
        else:
            note = f"，{result.truncated}条过长已截断" if result.truncated else ""
            flash.success(request, f"导入完成：新增{result.added}条，{result.duplicates}条此前已有{note}")
            return redirect("opinion_staff:source", source.pk)
    return _detail(request, source, upload_form=form)


@staff_view(*READ_ROLES)
def source_token(request, pk: int):
    source = get_scoped_or_404(request.user, Source.objects.select_related("owner"), "owner", pk=pk)
    if request.method != "POST":
        return _detail(request, source, status=200)
    try:
        source, raw = actions.issue_push_token(request.user, source)
    except ActionRefused as exc:
        flash.error(request, exc.message)
        return redirect("opinion_staff:source", source.pk)
    # Shown once, on this response only (never stored in plain text).
    return _detail(request, source, status=200, issued_token=raw)


# ---------------------------------------------------------------- posts


def _day_start(day, *, end=False):
    moment = datetime.combine(day, time.max if end else time.min)
    return timezone.make_aware(moment, timezone.get_default_timezone())


@staff_view(*READ_ROLES)
def post_list(request):
    sources = list(scoped(request.user, Source.objects.order_by("name"), "owner").only("pk", "name"))
    form = PostFilterForm(request.GET or None, sources=sources)
    posts = posts_for(request.user).select_related("source", "duplicate_of").order_by("-published_at", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["source"]:
            posts = posts.filter(source_id=data["source"])
        if data["sentiment"]:
            posts = posts.filter(sentiment=data["sentiment"])
        if data["since"]:
            posts = posts.filter(published_at__gte=_day_start(data["since"]))
        if data["until"]:
            posts = posts.filter(published_at__lte=_day_start(data["until"], end=True))
        if data["originals"]:
            posts = posts.filter(duplicate_of__isnull=True)
        q = (data["q"] or "").strip()
        for word in q.split()[:5]:
            posts = posts.filter(Q(title__icontains=word) | Q(body__icontains=word))
    page = Paginator(posts, PAGE_SIZE).get_page(param_int(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "opinion/posts_list.html",
        {"nav": NAV, "form": form, "page_obj": page, "query_string": query.urlencode()},
    )
