"""Read-side helpers: the scoped list of applications, list rows, the 待办 provider, the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import scoped
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency
from gongkai.workdays.models import ClockStatus

from . import crypto
from .models import OPEN_STATES, Appeal, Application, State
from .report import AppealRecord, ApplicationRecord, Table3, Table4, build_table3, build_table4


def find_application(code: str, phone_last4: str) -> Application | None:
    """The application with receipt code `code` whose applicant's phone ends in `phone_last4`, else
    None (the same answer for a wrong code and a wrong phone): the status page's and the API's lookup."""
    code = (code or "").strip().upper().replace(" ", "")
    if not code or len(phone_last4 or "") != 4 or not phone_last4.isdigit():
        return None
    return (
        Application.objects.select_related("agency", "clock")
        .prefetch_related("clock__pause_records")
        .filter(lookup_hash=crypto.lookup_hash(code, phone_last4), receipt_code=code)
        .first()
    )


def applications_for(user: Staff) -> QuerySet[Application]:
    """Applications in the user's scope, with what a list row needs in a constant number of queries."""
    return scoped(
        user,
        Application.objects.select_related("agency", "handler", "applicant", "clock").prefetch_related(
            "clock__pause_records"
        ),
    )


@dataclass
class Row:
    application: Application
    status: ClockStatus | None

    @property
    def urgency(self) -> Urgency:
        if self.status is None or self.application.is_closed:
            return Urgency.NORMAL
        if self.status.overdue:
            return Urgency.OVERDUE
        return Urgency.DUE_SOON if self.status.due_soon else Urgency.NORMAL

    @property
    def css(self) -> str:
        return self.urgency.css


def workdays_taken(status: ClockStatus | None) -> int | None:
    """Working days a closed case took: the counted days, plus those after a missed due date
    (the count itself stops at the due date)."""
    if status is None:
        return None
    if status.overdue:
        return status.total_workdays - status.remaining_workdays
    return status.elapsed_workdays


def rows(applications, today: date | None = None) -> list[Row]:
    today = today or timezone.localdate()
    out = []
    for app in applications:
        status = app.clock.status(today) if app.clock_id else None
        out.append(Row(app, status))
    return out


def todo_items(user: Staff) -> list[TodoItem]:
    """Open applications the user should act on: handlers their cases, clerks and supervisors all
    open cases in scope (a supervisor only the due-soon and overdue ones)."""
    if not (user.is_superuser or user.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)):
        return []
    qs = (
        applications_for(user)
        .filter(state__in=[*OPEN_STATES, State.RECEIVED])
        .select_related("extension_requested_by")
    )
    if not user.has_role(Role.CLERK):
        # Reviewers see what awaits review; signers what awaits their decision (延期 requests
        # first of all: only the signer can approve them).
        waiting = []
        if user.has_role(Role.REVIEWER):
            waiting.append(State.DRAFTED)
        if user.has_role(Role.SIGNER):
            waiting += [State.EXTENSION_REQUESTED, State.REVIEWED, State.REASONS_PENDING]
        if waiting:
            qs = qs.filter(state__in=waiting)
    items = []
    for row in rows(qs[:200]):
        app, status = row.application, row.status
        if user.is_supervisor and not user.has_role(Role.CLERK) and row.urgency == Urgency.NORMAL:
            continue
        title = f"依申请公开 {app.receipt_code}：{app.description[:30]}"
        items.append(
            TodoItem(
                title=title,
                url=reverse("applications_staff:detail", kwargs={"pk": app.pk}),
                agency=app.agency.display_name,
                status=app.get_state_display() + _todo_hint(app),
                due=status.due_on if status else None,
                provisional=bool(status and status.provisional),
                urgency=row.urgency,
            )
        )
    return items


def _todo_hint(app: Application) -> str:
    if app.state == State.RECEIVED:
        return "（待确认收到日期）"
    if app.state == State.EXTENSION_REQUESTED:
        return f"（{app.extension_requested_by}申请延长{app.extension_days}个工作日）"
    return ""


# ---------------------------------------------------------------- report


def report_agencies(agency: Agency, *, subtree: bool) -> QuerySet[Agency]:
    return agency.subtree() if subtree else Agency.objects.filter(pk=agency.pk)


def table3_for(agency: Agency, year: int, *, subtree: bool = False) -> Table3:
    qs = Application.objects.filter(
        agency__in=report_agencies(agency, subtree=subtree),
        received_on__isnull=False,
        received_on__lte=date(year, 12, 31),
    ).values_list("applicant_kind", "received_on", "closed_on", "outcome", "receipt_code")
    records = (
        ApplicationRecord(column=k, received_on=r, closed_on=c, outcome=o or None, ref=code)
        for k, r, c, o, code in qs
    )
    return build_table3(records, year)


def table4_for(agency: Agency, year: int, *, subtree: bool = False) -> Table4:
    qs = Appeal.objects.filter(application__agency__in=report_agencies(agency, subtree=subtree)).values_list(
        "kind", "result", "filed_on", "decided_on", "application__receipt_code"
    )
    records = (AppealRecord(kind=k, result=r, filed_on=f, decided_on=d, ref=code) for k, r, f, d, code in qs)
    return build_table4(records, year)
