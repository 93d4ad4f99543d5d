"""The list of records behind a registered metric (`registry.register_metric(..., records=...)`).

A domain's staff list page narrows itself to one figure when asked
`?figure=<code>&from=YYYY-MM-DD&to=YYYY-MM-DD&agency=<id>&agency=<id>…`: the domain applies the
same filter its metric counts with, so the list and the figure cannot disagree. These helpers write
and read that query string; what a figure selects stays in the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from .params import param_choice, param_date, param_ids


@dataclass(frozen=True)
class FigureFilter:
    figure: str
    start: date
    end: date
    agency_ids: tuple[int, ...]  # empty: every agency the user may see

    def query(self) -> list[tuple[str, str]]:
        return [
            ("figure", self.figure),
            ("from", self.start.isoformat()),
            ("to", self.end.isoformat()),
            *(("agency", str(pk)) for pk in self.agency_ids),
        ]

    @property
    def period(self) -> str:
        return f"{self.start:%Y-%m-%d}至{self.end:%Y-%m-%d}"


def records_url(url_name: str, figure: str) -> Callable[..., str]:
    """A `records=` function: the page `url_name` narrowed to `figure` over the dates and agencies."""

    def url(start: date, end: date, agency_ids: Iterable[int] | None = None) -> str:
        flt = FigureFilter(figure, start, end, tuple(sorted(set(agency_ids or ()))))
        return f"{reverse(url_name)}?{urlencode(flt.query())}"

    url.__name__ = f"records_{figure.replace('.', '_')}"
    return url


def read_figure_filter(request, figures: Iterable[str]) -> FigureFilter | None:
    """The figure a list page is asked for, or None (no figure, an unknown one, or bad dates)."""
    figure = param_choice(request.GET.get("figure"), figures)
    start, end = param_date(request.GET.get("from")), param_date(request.GET.get("to"))
    if not figure or start is None or end is None or end < start:
        return None
    return FigureFilter(figure, start, end, tuple(param_ids(request.GET.getlist("agency"))))


@dataclass(frozen=True)
class Narrowed:
    """A list page's queryset narrowed to a figure, and what the page says about it."""

    qs: Any
    figure: FigureFilter | None
    label: str = ""

    def context(self) -> dict:
        return {"figure": self.figure, "figure_label": self.label}

    def query(self) -> list[tuple[str, str]]:
        return self.figure.query() if self.figure else []


def narrow(
    request,
    qs,
    figures: dict[str, tuple[str, Callable[[date, date], Q]]],
    *,
    agency_field: str | Callable[[tuple[int, ...]], Q] = "agency_id",
) -> Narrowed:
    """`qs` narrowed to the figure the request asks for (see `read_figure_filter`); `figures` maps a
    figure code to (label, where(start, end) -> Q); `agency_field` names the agency column, or
    builds the agency filter."""
    figure = read_figure_filter(request, figures)
    if figure is None:
        return Narrowed(qs, None)
    label, where = figures[figure.figure]
    qs = qs.filter(where(figure.start, figure.end))
    if figure.agency_ids:
        if callable(agency_field):
            qs = qs.filter(agency_field(figure.agency_ids))
        else:
            qs = qs.filter(**{f"{agency_field}__in": figure.agency_ids})
    return Narrowed(qs, figure, str(label))
