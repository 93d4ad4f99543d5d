from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render

from gongkai.common.params import clean_query

from .forms import SearchForm
from .index import search as run_search


def search(request):
    form = SearchForm(clean_query(request.GET) or None)
    results = None
    query_string = ""
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        results = run_search(data["q"], filters=form.filters(), page=data.get("page") or 1, per_page=20)
        params = QueryDict(mutable=True)
        params.update({k: v for k, v in form.data.items() if k != "page" and v})
        query_string = params.urlencode()
    return render(
        request,
        "search/search.html",
        {"nav": "search", "form": form, "results": results, "query_string": query_string},
    )
