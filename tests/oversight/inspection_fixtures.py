"""Hand-made sites and inspections for the inspection tests (findings created directly, scored by
the real `scoring.apply`), so the pages, to-dos, .xlsx and CLI are tested without a crawl."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from gongkai.oversight.inspection import scoring
from gongkai.oversight.models import Finding, Inspection
from gongkai.portal.actions import create_site


def make_site(name: str, agency=None, host: str = "www.example.gov.cn", code: str = "3700000001"):
    return create_site(None, name=name, code=code, agency=agency, hosts=[host] if host else [])


def inspect_with(
    site, findings: Iterable[tuple], *, at: dt.datetime | None = None, actor=None, clear_previous: bool = True
) -> Inspection:
    """An inspection of `site` at `at` finding `findings` — (check_code, key, agency, count[, url]) —
    scored, finished; findings of the previous inspection not found again are cleared by it, as
    the runner does."""
    at = at or timezone.now()
    previous = (
        Inspection.objects.filter(site=site, state=Inspection.State.DONE).order_by("-started_at").first()
    )
    inspection = Inspection.objects.create(site=site, started_at=at, started_by=actor, pages_checked=12)
    keys = set()
    for row in findings:
        code, key, agency, count, *rest = row
        keys.add((code, key))
        Finding.objects.create(
            inspection=inspection,
            check_code=code,
            key=key,
            agency=agency,
            count=count,
            url=rest[0] if rest else f"/{key}/",
            title=f"{code} {key}",
        )
    scoring.apply(inspection)
    inspection.state = Inspection.State.DONE
    inspection.finished_at = at + dt.timedelta(minutes=1)
    inspection.save()
    if previous and clear_previous:
        for f in previous.findings.filter(cleared_by__isnull=True):
            if (f.check_code, f.key) not in keys:
                f.cleared_by = inspection
                f.save(update_fields=["cleared_by"])
    return inspection
