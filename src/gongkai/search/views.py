from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from gongkai.common.params import clean_query

from .forms import SearchForm
from .index import search as run_search


def search(request):
    form = SearchForm(clean_query(request.GET) or None, site=request.site)
    results = page_obj = None
    query_string = apply_url = ""
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        results = run_search(
            data["q"],
            filters=form.filters(),
            agencies=request.site.agency_ids(),  # 网站群: the site's agencies only
            page=data.get("page") or 1,
            per_page=20,
        )
        params = QueryDict(mutable=True)
        params.update({k: v for k, v in form.data.items() if k != "page" and v})
        query_string = params.urlencode()
        page_obj = _page(results)
        if not results.total:
            apply_url = _apply_url(results.query)
    return render(
        request,
        "search/search.html",
        {
            "nav": "search",
            "form": form,
            "results": results,
            "page_obj": page_obj,
            "query_string": query_string,
            "apply_url": apply_url,
            "header_query": form["q"].value() or "",
        },
    )


def _page(results):
    """The results' page as a Django Page, for the shared pager (gongkai/pagination.html)."""
    try:
        return Paginator(range(results.total), results.per_page).page(results.page)
    except EmptyPage:
        return None


def _apply_url(query: str) -> str:
    """申请公开, with the query as the start of the description — if the applications app is installed."""
    try:
        return reverse("applications:apply") + "?" + urlencode({"description": query})
    except NoReverseMatch:
        return ""
