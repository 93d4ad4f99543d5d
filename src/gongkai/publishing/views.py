"""Workbench pages of 主动公开 and the public catalog. Thin: parse, call an action or a query, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Role
from gongkai.agencies.scope import agency_filter, staff_view
from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response
from gongkai.common.metric_records import read_figure_filter
from gongkai.common.pagecache import public_page
from gongkai.common.params import (
    param_choice,
    param_date,
    param_id,
    param_int,
    param_slug,
    param_text,
    param_year,
)

from . import actions, metrics, workflow
from .forms import AttachmentForm, DocumentForm, FindingRevealForm, GuideForm, ImportForm
from .importing import import_file, warning_label
from .models import (
    Attachment,
    Column,
    Disclosure,
    Document,
    Finding,
    Guide,
    Revision,
    State,
    Subject,
    Validity,
)
from .queries import CatalogFilters, catalog_documents, public_documents
from .related import related_documents
from .revisions import diff
from .todo import waiting_for
from .workflow import DOCUMENTS

PER_PAGE = 20
WORKBENCH_ROLES = (
    Role.CLERK,
    Role.REVIEWER,
    Role.SIGNER,
    Role.SECRECY_REVIEWER,
    Role.SUPERVISOR,
    Role.SYSADMIN,
)


# --- workbench ---------------------------------------------------------------------------------


def visible_documents(user):
    """Documents the user may see: its scope, plus those sent to its office for review (上报)."""
    qs = Document.objects.all()
    if user.is_superuser:
        return qs
    return qs.filter(agency_filter(user) | Q(via_agency_id=user.agency_id))


TABS = {
    "drafts": ("草稿", lambda user, qs: qs.filter(state=State.DRAFT)),
    "waiting": ("待我审查", lambda user, qs: qs.filter(waiting_for(user))),
    "scheduled": ("定时发布", lambda user, qs: qs.filter(state=State.READY, scheduled_at__isnull=False)),
    "ready": ("待发布", lambda user, qs: qs.filter(state=State.READY)),
    "published": ("已发布", lambda user, qs: qs.filter(state=State.PUBLISHED)),
    "late": (
        "超期",
        lambda user, qs: qs.filter(
            Q(state__in=[State.DRAFT, *workflow.REVIEW_STATES, State.READY], due_on__lt=timezone.localdate())
            | Q(state=State.PUBLISHED, published_at__date__gt=models_due_on())
        ),
    ),
}


def models_due_on():
    from django.db.models import F

    return F("due_on")


def _document_list(request, tab: str):
    label, narrow = TABS[tab]
    qs = narrow(request.user, visible_documents(request.user))
    # The records behind a figure of the annual report or a scorecard (see publishing.metrics).
    figure = read_figure_filter(request, [c for c, f in metrics.FIGURES.items() if f.tab == tab])
    agency_id = None if figure else param_id(request.GET.get("agency"))
    filters = {
        "q": param_text(request.GET.get("q")),
        "agency": str(agency_id or ""),
        "state": param_choice(request.GET.get("state"), State.values),
    }
    if filters["q"]:
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(doc_number__icontains=filters["q"]))
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if figure:
        qs = qs.filter(metrics.figure_q(figure.figure, figure.start, figure.end))
        if figure.agency_ids:
            qs = qs.filter(agency_id__in=figure.agency_ids)
    if filters["state"]:
        qs = qs.filter(state=filters["state"])
    qs = qs.select_related("agency").order_by("-updated_at", "-pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "publishing/wb_list.html",
        {
            "nav": "publishing",
            "tab": tab,
            "tab_label": label,
            "tabs": [(key, TABS[key][0]) for key in TABS],
            "page_obj": page,
            "filters": filters,
            "states": State.choices,
            "today": timezone.localdate(),
            "query_string": urlencode(
                [(k, v) for k, v in filters.items() if v] + (figure.query() if figure else [])
            ),
            "figure": figure,
            "figure_label": metrics.FIGURES[figure.figure].label if figure else "",
        },
    )


@staff_view(*WORKBENCH_ROLES)
def drafts(request):
    return _document_list(request, "drafts")


@staff_view(*WORKBENCH_ROLES)
def waiting(request):
    return _document_list(request, "waiting")


@staff_view(*WORKBENCH_ROLES)
def scheduled(request):
    return _document_list(request, "scheduled")


@staff_view(*WORKBENCH_ROLES)
def ready(request):
    return _document_list(request, "ready")


@staff_view(*WORKBENCH_ROLES)
def published(request):
    return _document_list(request, "published")


@staff_view(*WORKBENCH_ROLES)
def late(request):
    return _document_list(request, "late")


def get_document(user, pk: int) -> Document:
    """A document the user may work on (the workflow view fetches it through this too)."""
    try:
        return visible_documents(user).select_related("agency", "subject__parent", "column").get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


def _form_to_action_kwargs(form: DocumentForm) -> dict:
    data = dict(form.cleaned_data)
    data["publishers"] = list(data.pop("publishers") or [])
    data["topics"] = list(data.pop("topics") or [])
    return data


@staff_view(*WORKBENCH_ROLES)  # the action refuses anyone but a clerk of the agency
def create(request):
    form = DocumentForm(request.POST or None, initial={"made_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            doc = actions.create_document(request.user, **_form_to_action_kwargs(form))
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存为草稿")
            return redirect("publishing:detail", pk=doc.pk)
    return render(request, "publishing/wb_edit.html", {"nav": "publishing", "form": form, "doc": None})


@staff_view(*WORKBENCH_ROLES)  # the action refuses anyone but a clerk of the agency
def edit(request, pk: int):
    doc = get_document(request.user, pk)
    initial = {"publishers": list(doc.publishers.all()), "topics": list(doc.topics.all())}
    form = DocumentForm(request.POST or None, instance=doc, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_document(
                request.user, Document.objects.get(pk=doc.pk), **_form_to_action_kwargs(form)
            )
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存，并保留了修改前的版本")
            return redirect("publishing:detail", pk=doc.pk)
    return render(request, "publishing/wb_edit.html", {"nav": "publishing", "form": form, "doc": doc})


@staff_view(*WORKBENCH_ROLES)  # the action refuses anyone but a clerk of the agency
def upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        result = import_file(request.user, uploaded.read(), name=uploaded.name)
        if result.ok:
            messages.success(request, f"已导入“{result.document.title}”为草稿，请核对识别结果")
            return redirect("publishing:detail", pk=result.document.pk)
        form.add_error("file", f"{uploaded.name}：{result.message}")
    return render(request, "publishing/wb_import.html", {"nav": "publishing", "form": form})


def do_finding(request, finding: Finding) -> None:
    """遮盖 or 同意保留 one finding of a document or an interpretation."""
    if request.POST.get("action") == "redact":
        actions.redact_finding(request.user, finding)
        messages.success(request, "已遮盖")
    else:
        actions.accept_finding(request.user, finding, reason=request.POST.get("reason", ""))
        messages.success(request, "已同意保留")


@staff_view(*WORKBENCH_ROLES)
def finding_reveal(request, pk: int):
    """The clear text of one finding, after a reason is given (audited), as for applicants."""
    finding = get_object_or_404(
        Finding.objects.select_related("document__agency", "interpretation__agency"), pk=pk
    )
    owner = finding.owner
    if isinstance(owner, Document):
        get_document(request.user, owner.pk)  # 404 outside the user's scope
        back = reverse("publishing:detail", args=[owner.pk])
    else:
        from .interpretations.views import get_interpretation

        get_interpretation(request.user, owner.pk)
        back = reverse("publishing:interpretation_detail", args=[owner.pk])
    form = FindingRevealForm(request.POST or None)
    clear = None
    if request.method == "POST" and form.is_valid():
        try:
            clear = actions.reveal_finding(request.user, finding, reason=form.cleaned_data["reason"])
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    response = render(
        request,
        "publishing/wb_finding_reveal.html",
        {"nav": "publishing", "finding": finding, "owner": owner, "back": back, "form": form, "clear": clear},
    )
    response["Cache-Control"] = "no-store"
    return response


def _do(request, doc: Document) -> None:
    """Work on the document's parts (findings, screening, attachments); the workflow actions go
    through the generic workflow view. ActionRefused becomes an error message."""
    action = request.POST.get("action", "")
    user = request.user
    if action in ("redact", "accept"):
        do_finding(request, get_object_or_404(Finding, pk=request.POST.get("finding") or 0, document=doc))
    elif action == "screen":
        found = actions.screen_document(user, doc)
        messages.success(request, f"筛查完成，待处理 {len(found)} 项")
    elif action == "validity":
        validity = param_choice(request.POST.get("validity"), Validity.values)
        if not validity:
            raise ActionRefused("请选择有效性")
        raw_on = request.POST.get("on", "").strip()
        on = param_date(raw_on)
        if raw_on and on is None:
            raise ActionRefused("有效性变更日期应写作“年-月-日”，如 2025-06-30")
        note = param_text(request.POST.get("note"))
        changed = actions.set_validity(user, doc, validity=validity, on=on, note=note)
        messages.success(request, f"有效性已变更为{changed.get_validity_display()}")
    elif action == "attach":
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ActionRefused("请选择要上传的附件")
        uploaded = form.cleaned_data["file"]
        actions.add_attachment(user, doc, name=uploaded.name, data=uploaded.read())
        messages.success(request, "附件已上传")
    else:
        raise ActionRefused("未知的操作")


@staff_view(*WORKBENCH_ROLES)
def detail(request, pk: int):
    doc = get_document(request.user, pk)
    if request.method == "POST":
        try:
            _do(request, doc)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        return redirect("publishing:detail", pk=doc.pk)
    revisions = list(doc.revisions.select_related("author").order_by("-number"))
    return render(
        request,
        "publishing/wb_detail.html",
        {
            "nav": "publishing",
            "doc": doc,
            "publishers": doc.publishers.all(),
            "findings": doc.findings.select_related("resolved_by").exclude(
                resolution=Finding.Resolution.GONE
            ),
            "open_findings": doc.findings.filter(resolution=Finding.Resolution.OPEN).count(),
            "steps": doc.review_steps.select_related("actor", "agency"),
            "revisions": revisions,
            "transitions": DOCUMENTS.available(request.user, doc),
            "can_accept": request.user.has_role(Role.SECRECY_REVIEWER) or request.user.is_superuser,
            "warnings": [warning_label(w) for w in doc.import_warnings],
            "forwards": doc.forwards.all(),
            "interpretations": doc.interpretations.all(),
            "attachment_form": AttachmentForm(),
            "today": timezone.localdate(),
            "validities": Validity.choices,
        },
    )


@staff_view(*WORKBENCH_ROLES)
def revision_diff(request, pk: int):
    doc = get_document(request.user, pk)
    numbers = list(doc.revisions.order_by("number").values_list("number", flat=True))
    if not numbers:
        raise Http404
    given_a, given_b = request.GET.get("a"), request.GET.get("b")
    a = param_int(given_a) if given_a else (numbers[-2] if len(numbers) > 1 else numbers[0])
    b = param_int(given_b) if given_b else numbers[-1]
    if a is None or b is None:
        return HttpResponseBadRequest("版本号应为正整数")
    old = get_object_or_404(Revision, document=doc, number=a)
    new = get_object_or_404(Revision, document=doc, number=b)
    return render(
        request,
        "publishing/wb_diff.html",
        {
            "nav": "publishing",
            "doc": doc,
            "old": old,
            "new": new,
            "lines": diff(old.data, new.data),
            "numbers": numbers,
        },
    )


@staff_view(Role.CLERK, Role.SIGNER, Role.SUPERVISOR)
def guide_edit(request):
    agency = request.user.agency
    if agency is None:
        raise Http404
    guide = Guide.objects.filter(agency=agency).first()
    form = GuideForm(request.POST or None, initial={"body": guide.body if guide else ""})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_guide(
                request.user, agency, body=form.cleaned_data["body"],
                keep_reason=form.cleaned_data["keep_reason"],
            )  # fmt: skip
        except ActionRefused as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, "公开指南已更新")
            return redirect("publishing:guide_edit")
    return render(request, "publishing/wb_guide.html", {"nav": "publishing", "form": form, "agency": agency})


# --- portal ------------------------------------------------------------------------------------


@public_page
def openness(request, pk: int):
    """政府信息公开 home of one agency: its details, its guide and its latest documents."""
    agency = get_object_or_404(request.site.agencies().select_related("parent"), pk=pk)
    children = agency.children.filter(is_active=True).order_by("sort_order", "pk")
    latest = public_documents().filter(agency=agency).order_by("-published_at")[:10]
    return render(
        request,
        "publishing/openness.html",
        {
            "nav": "openness",
            "agency": agency,
            "children": children,
            "guide": Guide.objects.filter(agency=agency).first(),
            "latest": latest,
        },
    )


CATALOG_FILTERS = ("agency", "subject", "genre", "year", "validity", "column")


@public_page(params=(*CATALOG_FILTERS, "page"))
def catalog(request):
    agency_id, subject_id = param_id(request.GET.get("agency")), param_id(request.GET.get("subject"))
    year = param_year(request.GET.get("year"))
    f = {
        "agency": str(agency_id or ""),
        "subject": str(subject_id or ""),
        "genre": param_text(request.GET.get("genre"), max_length=20),
        "year": str(year or ""),
        "validity": param_choice(request.GET.get("validity"), Validity.values),
        "column": param_slug(request.GET.get("column")),
    }
    filters = CatalogFilters(
        agency=agency_id,
        subject=subject_id,
        genre=f["genre"],
        year=year,
        validity=f["validity"],
        column=f["column"],
    )
    # 网站群: the site's agency (and below, by its rule)
    qs = catalog_documents(filters, scope=request.site.scope())
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    this_year = timezone.localdate().year
    subjects = list(Subject.objects.filter(parent=None).prefetch_related("children"))
    return render(
        request,
        "publishing/catalog.html",
        {
            "nav": "catalog",
            "page_obj": page,
            "filters": f,
            "agencies": request.site.agencies().only("id", "name", "path"),
            "subjects": subjects,
            "subject": _selected_subject(subjects, subject_id),
            "columns": [c for c in Column.objects.all() if request.site.shows_column(c.slug)],
            "validities": Validity.choices,
            "genres": ["通知", "意见", "决定", "办法", "方案", "规定", "批复", "公告", "通告", "报告", "函"],
            "years": range(this_year, this_year - 10, -1),
            "query_string": urlencode({k: v for k, v in f.items() if v}),
        },
    )


def _selected_subject(tree: list[Subject], pk: int | None) -> tuple[Subject, Subject | None] | None:
    """(top category, sub-category or None) of the catalog's 主题分类 filter, from the loaded tree."""
    for top in tree:
        if top.pk == pk:
            return top, None
        for child in top.children.all():
            if child.pk == pk:
                return top, child
    return None


@public_page
def subjects(request):
    """The catalog by 主题分类: the two-level tree with the number of public documents under each."""
    counts = dict(
        public_documents()
        .filter(request.site.scope(), subject__isnull=False)
        .order_by()
        .values_list("subject_id")
        .annotate(n=Count("pk"))
    )
    tree = []
    for top in Subject.objects.filter(parent=None).prefetch_related("children"):
        children = [(child, counts.get(child.pk, 0)) for child in top.children.all()]
        total = counts.get(top.pk, 0) + sum(n for _, n in children)
        tree.append((top, total, children))
    return render(request, "publishing/subjects.html", {"nav": "catalog", "tree": tree})


@public_page
def document(request, key: str):
    # Look up by the unique key first, then check it is public: the planner then always uses the
    # 索引号 (or primary-key) index instead of scanning the published-documents index.
    qs = Document.objects.select_related("agency", "subject__parent", "column", "replaced_by").defer(
        "source_text"  # the imported original, often larger than the body, never shown here
    )
    if len(key) > 100 or param_text(key) != key:  # no 索引号 is that long or holds control characters
        raise Http404
    doc = qs.filter(index_number=key).first()
    if doc is None and param_id(key):
        doc = qs.filter(pk=param_id(key)).first()
    if doc is None or not doc.is_public or not request.site.shows_agency(doc.agency):
        raise Http404
    return render(
        request,
        "publishing/document.html",
        {
            "nav": "catalog",
            "doc": doc,
            "publishers": doc.publishers.all(),
            "attachments": doc.attachments.all(),
            "interpretations": doc.interpretations.filter(state=State.PUBLISHED),
            "replacement": doc.replaced_by if doc.replaced_by_id and doc.replaced_by.is_public else None,
            "forwards": doc.forwards.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE).order_by(
                "pk"
            ),
            "forwarded_by": doc.forwarded_by if doc.forwarded_by_id and doc.forwarded_by.is_public else None,
            "related": related_documents(doc, scope=request.site.scope()),
            "panels": _document_panels(request, doc),
        },
    )


def _document_panels(request, doc: Document) -> list[tuple[registry.DocumentPanel, dict]]:
    """The sections other domains add to this page (registry.register_document_panel)."""
    shown = []
    for panel in registry.document_panels():
        data = panel.context(request, doc)
        if data is not None:
            shown.append((panel, data))
    return shown


@require_GET
def attachment(request, pk: int):
    item = get_object_or_404(
        Attachment.objects.select_related("document__agency"),
        pk=pk, document__state=State.PUBLISHED, document__disclosure=Disclosure.PROACTIVE,
    )  # fmt: skip
    if not request.site.shows_agency(item.document.agency):
        raise Http404
    return stored_file_response(item.file, filename=item.name)
