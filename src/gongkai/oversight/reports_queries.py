"""Reads of the annual reports: who may see and act on which, deadlines, 待办 and the dashboard."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Kind, Level, Role
from gongkai.agencies.scope import agency_filter, can_see_agency
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency

from .models.reports import AnnualReport, ReportState

DUE_SOON_DAYS = 15


def responsible_agency_ids(user) -> set[int]:
    """The agencies whose reports `user` writes: its own, and the one its office supervises
    (县政府办公室 writes the county government's consolidated report)."""
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return set()
    ids = {user.agency_id}
    if user.agency.supervises_id:
        ids.add(user.agency.supervises_id)
    return ids


def manages(user, report: AnnualReport) -> bool:
    if user.is_superuser:
        return True
    if report.agency_id in responsible_agency_ids(user):
        return True
    return user.is_supervisor and can_see_agency(user, report.agency)


def reports_for(user) -> QuerySet[AnnualReport]:
    """The reports `user` may see: its scope, plus the agency its office supervises."""
    q = agency_filter(user, "agency")
    extra = responsible_agency_ids(user)
    if extra:
        q |= Q(agency_id__in=extra)
    return AnnualReport.objects.filter(q).select_related("agency")


def creatable_agencies(user) -> QuerySet[Agency]:
    if user.is_superuser:
        return Agency.objects.filter(is_active=True)
    q = Q(pk__in=responsible_agency_ids(user))
    if user.is_supervisor and user.scope_root is not None:
        q |= Q(path__startswith=user.scope_root.path)
    return Agency.objects.filter(q, is_active=True)


# ---------------------------------------------------------------- deadlines


def writes_consolidated(agency: Agency) -> bool:
    """A government at county level or above publishes a consolidated report (条例第五十条)."""
    return agency.kind == Kind.GOVERNMENT and agency.level in (Level.PROVINCE, Level.CITY, Level.COUNTY)


def due_date(year: int, consolidated: bool) -> date:
    month, day = (
        settings.GONGKAI_ANNUAL_REPORT_CONSOLIDATED_DUE
        if consolidated
        else settings.GONGKAI_ANNUAL_REPORT_DEPARTMENT_DUE
    )
    return date(year + 1, month, day)


def required_reports(agencies) -> Iterator[tuple[Agency, bool]]:
    """(agency, consolidated) of every report the agencies owe each year."""
    for agency in agencies:
        yield agency, writes_consolidated(agency)


def reporting_year(today: date | None = None) -> int:
    """The year whose reports are being written now: last year."""
    return (today or timezone.localdate()).year - 1


@dataclass(frozen=True)
class Owed:
    agency: Agency
    year: int
    consolidated: bool
    due: date
    report: AnnualReport | None

    @property
    def title(self) -> str:
        return f"{self.year}年度政府信息公开工作年度报告 {self.due.month}月{self.due.day}日前发布"

    def urgency(self, today: date) -> Urgency:
        if today > self.due:
            return Urgency.OVERDUE
        if (self.due - today).days <= DUE_SOON_DAYS:
            return Urgency.DUE_SOON
        return Urgency.NORMAL

    @property
    def url(self) -> str:
        if self.report is not None:
            return reverse("oversight_staff:report", args=[self.report.pk])
        return (
            reverse("oversight_staff:report_new")
            + f"?agency={self.agency.pk}&year={self.year}{'&consolidated=1' if self.consolidated else ''}"
        )


def owed(agencies, year: int) -> list[Owed]:
    """The reports of `year` the agencies owe and have not published yet."""
    agencies = list(agencies)
    reports = {
        (r.agency_id, r.consolidated): r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).select_related("agency")
    }
    out = []
    for agency, consolidated in required_reports(agencies):
        report = reports.get((agency.pk, consolidated))
        if report is not None and report.state == ReportState.PUBLISHED:
            continue
        out.append(Owed(agency, year, consolidated, due_date(year, consolidated), report))
    return out


def todo_items(user) -> list[TodoItem]:
    """From 1 January, each agency the clerk writes for owes last year's report until it is published."""
    if not user.has_role(Role.CLERK):
        return []
    today = timezone.localdate()
    agencies = Agency.objects.filter(pk__in=responsible_agency_ids(user), is_active=True)
    return [
        TodoItem(
            title=o.title,
            url=o.url,
            agency=o.agency.name,
            status=str(ReportState(o.report.state).label) if o.report else "未创建",
            due=o.due,
            urgency=o.urgency(today),
        )
        for o in owed(agencies, reporting_year(today))
    ]


def dashboard_context(request) -> dict | None:
    """Agencies in the supervisor's scope past the deadline of last year's report."""
    today = timezone.localdate()
    agencies = Agency.objects.filter(agency_filter(request.user, "self"), is_active=True)
    late = [o for o in owed(agencies, reporting_year(today)) if today > o.due]
    if not late:
        return None
    return {"late": late, "year": reporting_year(today), "today": today}
