"""The open-data site's home page (/data/) and the DCAT-AP export of the catalog
(/data/catalog.jsonld, /data/catalog.rdf). The search box and the theme links lead to the catalog
list (od-data's /data/datasets/)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from gongkai.common.pagecache import public_page

from . import dcat
from . import queries_access as queries
from .models import Openness, Resource

NAV = "opendata"
NEWEST = 8


def _site(request):
    return getattr(request, "site", None)


def _site_name(request) -> str:
    return getattr(_site(request), "name", "") or "政府"


@public_page
def home(request):
    site = _site(request)
    published = queries.published_datasets(site).select_related("agency")
    return render(
        request,
        "opendata/home.html",
        {
            "nav": NAV,
            "counts": queries.home_counts(site),
            "newest": published.order_by("-published_at", "-pk")[:NEWEST],
            "conditional": published.filter(openness=Openness.CONDITIONAL).order_by("title", "pk")[:NEWEST],
            "themes": queries.theme_counts(site),
        },
    )


def _catalog(request, fmt: str, content_type: str) -> HttpResponse:
    released = Resource.objects.filter(published_version__isnull=False).select_related("published_version")
    datasets = (
        queries.published_datasets(_site(request))
        .select_related("agency")
        .prefetch_related(Prefetch("resources", queryset=released, to_attr="released"))
        .order_by("pk")
    )
    graph = dcat.build_graph(datasets, title=f"{_site_name(request)}数据开放目录")
    return HttpResponse(dcat.serialise(graph, fmt), content_type=content_type)


@public_page
def catalog_jsonld(request):
    return _catalog(request, "json-ld", "application/ld+json; charset=utf-8")


@public_page
def catalog_rdf(request):
    return _catalog(request, "xml", "application/rdf+xml; charset=utf-8")
