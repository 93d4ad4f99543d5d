"""What the adoption report's pages and panels read: overdue reports (the dashboard, the metric),
the consultations a public document was adopted from (the document page's panel)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Consultation, State

AWAITING_REPORT = (State.OPEN, State.CLOSED, State.REPORT_REVIEW, State.REVIEWED)


def overdue_cutoff(today: date | None = None) -> date:
    """A consultation closing before this day is overdue without a report."""
    return (today or timezone.localdate()) - timedelta(days=settings.GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS)


def overdue(queryset=None, today: date | None = None):
    qs = Consultation.objects.all() if queryset is None else queryset
    return qs.filter(state__in=AWAITING_REPORT, closes_on__lt=overdue_cutoff(today))


def reported_late(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Per agency: consultations whose report fell due in [start, end] and was not published by then
    (published late, or still missing once the due day has passed)."""
    out: dict[int, int] = {}
    for _pk, agency_id in reported_late_rows(start, end, agency_ids):
        out[agency_id] = out.get(agency_id, 0) + 1
    return out


def reported_late_rows(
    start: date, end: date, agency_ids: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """(consultation id, agency id) of each consultation `reported_late` counts."""
    days = settings.GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS
    today = timezone.localdate()
    qs = Consultation.objects.filter(
        closes_on__gte=start - timedelta(days=days),
        closes_on__lte=min(end, today - timedelta(days=1)) - timedelta(days=days),
    ).exclude(state__in=(State.DRAFT, State.REVIEW, State.READY))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    out = []
    for pk, agency_id, closes_on, published_at in qs.values_list(
        "pk", "agency_id", "closes_on", "report_published_at"
    ):
        due = closes_on + timedelta(days=days)
        if published_at is None or timezone.localdate(published_at) > due:
            out.append((pk, agency_id))
    return out


def adopting_consultations(document) -> list[Consultation]:
    """The reported consultations whose adopted decision is `document` (the document page's panel)."""
    return list(
        Consultation.objects.filter(Q(adopted_document=document), state=State.REPORTED).only(
            "pk", "title", "opens_on", "closes_on", "report_published_at"
        )
    )
