"""Workbench and portal pages of 政策解读 and 解读专家. Thin: parse, call an action or a query, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.models import Role
from gongkai.agencies.scope import agency_filter, get_scoped_or_404, scoped, staff_view
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page

from .. import actions
from ..models import Disclosure, Expert, Finding, Interpretation, State
from ..views import PER_PAGE, TABS, WORKBENCH_ROLES, do_finding, public_documents
from ..workflow import INTERPRETATIONS
from .forms import ExpertForm, InterpretationForm

# --- workbench: interpretations ----------------------------------------------------------------


@staff_view(*WORKBENCH_ROLES)  # the action refuses anyone but a clerk of the agency
def interpretation_create(request):
    form = InterpretationForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = actions.create_interpretation(
                request.user, title=data["title"], kind=data["kind"], body=data["body"],
                documents=data["documents"], experts=data["experts"],
            )  # fmt: skip
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "解读已保存为草稿")
            return redirect("publishing:interpretation_detail", pk=item.pk)
    return render(request, "publishing/wb_interpretation_form.html", {"nav": "publishing", "form": form})


def get_interpretation(user, pk: int) -> Interpretation:
    """An interpretation the user may work on: its agency's, or one sent to the user's office."""
    qs = Interpretation.objects.select_related("agency")
    if not user.is_superuser:
        qs = qs.filter(agency_filter(user) | Q(via_agency_id=user.agency_id))
    return get_object_or_404(qs, pk=pk)


@staff_view(*WORKBENCH_ROLES)
def interpretation_detail(request, pk: int):
    item = get_interpretation(request.user, pk)
    if request.method == "POST":
        try:
            do_finding(
                request, get_object_or_404(Finding, pk=request.POST.get("finding") or 0, interpretation=item)
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        return redirect("publishing:interpretation_detail", pk=item.pk)
    return render(
        request,
        "publishing/wb_interpretation.html",
        {
            "nav": "publishing",
            "item": item,
            "documents": item.documents.all(),
            "steps": item.review_steps.select_related("actor"),
            "transitions": INTERPRETATIONS.available(request.user, item),
            "findings": item.findings.select_related("resolved_by").exclude(
                resolution=Finding.Resolution.GONE
            ),
            "open_findings": item.findings.filter(resolution=Finding.Resolution.OPEN).count(),
            "can_accept": request.user.has_role(Role.SECRECY_REVIEWER) or request.user.is_superuser,
        },
    )


# --- experts (解读专家) ----------------------------------------------------------------------------


def _tabs_context(tab: str) -> dict:
    return {"nav": "publishing", "tab": tab, "tabs": [(key, TABS[key][0]) for key in TABS]}


@staff_view(*WORKBENCH_ROLES)
def experts(request):
    """The experts registered by the agencies the user sees (a supervisor: its whole subtree)."""
    qs = scoped(request.user, Expert.objects.select_related("agency")).order_by("agency__path", "name", "pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "publishing/wb_experts.html", {**_tabs_context("experts"), "page_obj": page})


def _expert_form(request, expert: Expert | None):
    initial = {k: getattr(expert, k) for k in actions.EXPERT_FIELDS} if expert else None
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if expert is None:
                actions.create_expert(request.user, **form.cleaned_data)
            else:
                actions.update_expert(request.user, expert, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "解读专家已登记" if expert is None else "解读专家信息已更新")
            return redirect("publishing:experts")
    context = {**_tabs_context("experts"), "form": form, "expert": expert}
    return render(request, "publishing/wb_expert_form.html", context)


@staff_view(*WORKBENCH_ROLES)  # the action refuses anyone but a clerk or signer of the agency
def expert_create(request):
    return _expert_form(request, None)


@staff_view(*WORKBENCH_ROLES)
def expert_edit(request, pk: int):
    return _expert_form(
        request, get_scoped_or_404(request.user, Expert.objects.select_related("agency"), pk=pk)
    )


# --- portal ------------------------------------------------------------------------------------


@public_page(params=("page",))
def interpretations(request):
    qs = (
        Interpretation.objects.filter(request.site.scope(), state=State.PUBLISHED)
        .select_related("agency")
        .prefetch_related(
            Prefetch("documents", queryset=public_documents().only("id", "title", "index_number"))
        )
        .order_by("-published_at", "-pk")
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "publishing/interpretations.html", {"nav": "interpretations", "page_obj": page})


@public_page
def interpretation(request, pk: int):
    item = get_object_or_404(Interpretation.objects.select_related("agency"), pk=pk, state=State.PUBLISHED)
    if not request.site.shows_agency(item.agency):
        raise Http404
    return render(
        request,
        "publishing/interpretation.html",
        {
            "nav": "interpretations",
            "item": item,
            "documents": item.documents.filter(state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE),
            "experts": item.experts.all(),
        },
    )
