"""Portal pages of 办事服务 (/services/): power lists with the diff between versions, enforcement
decisions (personal data masked), service guides (missing elements shown) and 办件查询."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from gongkai.agencies.models import Agency
from gongkai.common import ratelimit
from gongkai.common.net import client_ip
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_choice, param_id, param_int, param_text

from . import queries
from .forms import CaseLookupForm
from .models import DecisionKind, ServiceCase

NAV = "services"
NOT_FOUND = "未查询到该办件。请核对办件编号和申请人手机号后四位；办件信息一般在受理后一个工作日内可查。"


def _render(request, template: str, context: dict):
    return render(request, template, {"nav": NAV, **context})


@public_page
def index(request):
    agencies = request.site.agencies()
    return _render(
        request,
        "services/public_index.html",
        {
            "n_lists": queries.current_lists().filter(agency__in=agencies).count(),
            "n_decisions": queries.published_decisions().filter(agency__in=agencies).count(),
            "n_guides": queries.published_guides().filter(agency__in=agencies).count(),
        },
    )


@public_page
def power_lists(request):
    lists = queries.current_lists().filter(agency__in=request.site.agencies())
    return _render(request, "services/public_power_lists.html", {"lists": lists})


@public_page(params=("v",))
def power_list(request, agency: int):
    agency = get_object_or_404(request.site.agencies(), pk=agency)
    versions = list(queries.published_versions(agency))
    if not versions:
        from django.http import Http404

        raise Http404("该机关尚未发布权责清单")
    wanted = param_int(request.GET.get("v"))
    pl = next((v for v in versions if v.version == wanted), versions[0])
    base, diff = queries.version_diff(pl)
    items = list(pl.items.all())
    changed = {c.new["key"] for c in diff.changed} if base else set()
    added = {i["key"] for i in diff.added} if base else set()
    for item in items:
        item.mark = "added" if item.key in added else "changed" if item.key in changed else ""
    return _render(
        request,
        "services/public_power_list.html",
        {
            "agency": agency,
            "power_list": pl,
            "current": versions[0],
            "versions": versions,
            "items": items,
            "base": base,
            "diff": diff,
            "kind_counts": queries.kind_counts(pl),
        },
    )


@public_page(params=("kind", "agency", "page"))
def decisions(request):
    agencies = request.site.agencies()
    kind = param_choice(request.GET.get("kind"), DecisionKind.values)
    agency_id = param_id(request.GET.get("agency"))
    qs = queries.published_decisions().filter(agency__in=agencies)
    if kind:
        qs = qs.filter(kind=kind)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    page = Paginator(qs.order_by("-published_on", "-pk"), 30).get_page(request.GET.get("page"))
    with_decisions = Agency.objects.filter(
        pk__in=queries.published_decisions().filter(agency__in=agencies).values("agency_id")
    ).order_by("path")
    return _render(
        request,
        "services/public_decisions.html",
        {
            "page_obj": page,
            "kinds": DecisionKind.choices,
            "kind": kind,
            "agencies": with_decisions,
            "agency_id": agency_id,
            "query_string": urlencode({k: v for k, v in (("kind", kind), ("agency", agency_id or "")) if v}),
        },
    )


@public_page
def decision(request, pk: int):
    d = get_object_or_404(queries.published_decisions().filter(agency__in=request.site.agencies()), pk=pk)
    return _render(request, "services/public_decision.html", {"decision": d})


@public_page(params=("q",))
def guides(request):
    q = param_text(request.GET.get("q"), max_length=50)
    qs = queries.published_guides().filter(agency__in=request.site.agencies())
    if q:
        qs = qs.filter(name__icontains=q)
    by_agency: dict[Agency, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for g in qs.order_by("agency__path", "theme", "name"):
        g.missing = g.missing_elements()
        by_agency[g.agency][g.theme or "其他"].append(g)
    groups = [(agency, sorted(themes.items())) for agency, themes in by_agency.items()]
    return _render(request, "services/public_guides.html", {"groups": groups, "q": q, "total": qs.count()})


@public_page
def guide(request, pk: int):
    g = get_object_or_404(queries.published_guides().filter(agency__in=request.site.agencies()), pk=pk)
    from .models import OTHER_ELEMENTS, REQUIRED_ELEMENTS

    elements = [
        (str(g._meta.get_field(f).verbose_name), getattr(g, f), f in REQUIRED_ELEMENTS)
        for f in (*REQUIRED_ELEMENTS[1:], *OTHER_ELEMENTS)
    ]
    return _render(
        request,
        "services/public_guide.html",
        {"guide": g, "elements": elements, "missing": g.missing_elements()},
    )


@never_cache
def case_lookup(request):
    """The same answer for an unknown number and a wrong phone tail, so the form reveals nothing
    about which case numbers exist; lookups per address are limited."""
    form = CaseLookupForm(request.POST or None)
    case, refusal = None, ""
    if request.method == "POST" and form.is_valid():
        limited = ratelimit.hit(
            "services.case_lookup",
            client_ip(request),
            limit=settings.GONGKAI_CASE_LOOKUPS_PER_IP_PER_HOUR,
            window=3600,
        )
        if limited:
            refusal = "查询过于频繁，请一小时后再试"
        else:
            d = form.cleaned_data
            case = (
                ServiceCase.objects.filter(
                    number=d["number"].strip(), phone_tail=d["phone_tail"], agency__in=request.site.agencies()
                )
                .select_related("agency")
                .first()
            )
            if case is None:
                refusal = NOT_FOUND
    return _render(
        request,
        "services/public_case_lookup.html",
        {"form": form, "case": case, "steps": list(case.steps.all()) if case else [], "refusal": refusal},
    )
