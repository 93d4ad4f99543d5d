"""Daily reminders for due-soon and overdue applications (run by `gongkai send_reminders`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.common.mail import queue_mail
from gongkai.common.urgency import Urgency

from .models import OPEN_STATES, Application, Reminder, State
from .queries import rows


@dataclass(frozen=True)
class Planned:
    application: Application
    kind: str  # due_soon / overdue
    recipients: list[str]
    text: str


def _supervisors(agency: Agency) -> list[Staff]:
    """Supervisors whose scope covers `agency` (its own, and those of supervising offices above)."""
    candidates = Staff.objects.filter(roles__role=Role.SUPERVISOR, is_active=True).select_related(
        "agency__supervises"
    )
    return [s for s in candidates.distinct() if s.scope_root is not None and agency.is_within(s.scope_root)]


def _recipients(application: Application) -> list[Staff]:
    people = [application.handler] if application.handler_id else []
    if not people:
        people = list(
            Staff.objects.filter(agency=application.agency, roles__role=Role.CLERK, is_active=True).distinct()
        )
    return [*people, *_supervisors(application.agency)]


def plan(today: date) -> list[Planned]:
    """Reminders due today that were not sent yet (one per case per day)."""
    already = set(Reminder.objects.filter(day=today).values_list("application_id", flat=True))
    qs = (
        Application.objects.filter(state__in=OPEN_STATES)
        .exclude(state=State.RECEIVED)
        .exclude(pk__in=already)
        .select_related("agency", "handler", "clock")
        .prefetch_related("clock__pause_records")
    )
    out = []
    for row in rows(qs, today):
        if row.urgency == Urgency.NORMAL:
            continue
        app, status = row.application, row.status
        kind = row.urgency.value  # Reminder.kind: "overdue" or "due_soon"
        if kind == "overdue":
            text = f"已逾期{-status.remaining_workdays}个工作日（到期日{status.due_on}）"
        else:
            text = f"剩余{status.remaining_workdays}个工作日（到期日{status.due_on}{'，暂定' if status.provisional else ''}）"
        emails = sorted({p.email for p in _recipients(app) if p.email})
        out.append(
            Planned(app, kind, emails, f"政府信息公开申请 {app.receipt_code}（{app.agency.name}）{text}")
        )
    return out


def send(planned: list[Planned], today: date) -> int:
    """Record and e-mail each reminder; a reminder already recorded today is skipped."""
    sent = 0
    for p in planned:
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    application=p.application, day=today, kind=p.kind, recipients=p.recipients
                )
                subject = "依申请公开期限提醒" if p.kind == "due_soon" else "依申请公开逾期提醒"
                queue_mail(subject, p.text, p.recipients)
        except IntegrityError:
            continue  # another run got there first
        sent += 1
    return sent
