"""The checks of the website inspection, registered by code.

A check is a function `fn(ctx) -> Iterable[Found]` where `ctx` is the run's `InspectionContext`
(oversight/inspection/context.py: the site, the time, the crawled pages, the metrics). It reports
what it sees; whether that is a veto item or a deduction, and how many points, is the scoring rules'
business (oversight/inspection/scoring.py), so a deployment can configure them without code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Found:
    key: str  # stable across inspections: the same problem gets the same key next time
    title: str  # in Chinese: what is wrong
    url: str = ""  # the page (site-relative path or absolute URL)
    agency_id: int | None = None  # the agency responsible for fixing it
    detail: str = ""
    count: int = 1


@dataclass(frozen=True)
class Check:
    code: str  # "columns.stale", "links.broken", "pages.defaced" …
    label: str  # 中文名称
    indicator: str  # the indicator it checks, cited (国办秘函〔2019〕19号 …)
    fn: Callable[[Any], Iterable[Found]]
    order: int = 50


_checks: dict[str, Check] = {}


def register_check(code: str, label: str, indicator: str, fn, *, order: int = 50) -> None:
    _checks[code] = Check(code, label, indicator, fn, order)


def checks() -> list[Check]:
    return sorted(_checks.values(), key=lambda c: (c.order, c.code))


def check(code: str) -> Check | None:
    return _checks.get(code)
