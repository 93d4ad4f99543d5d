"""Deadline reminders of the annual reports (run daily by `gongkai report_reminders`).

On each of the days before a deadline listed in GONGKAI_ANNUAL_REPORT_REMINDER_DAYS (15, 7, 3), the
clerks of every agency still owing last year's report — and of the office that writes it for its
government — get an e-mail. One reminder per (agency, year, kind, day) however often the job runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.common.mail import queue_mail

from .models.reports import ReportReminder
from .reports_queries import Owed, owed, reporting_year


@dataclass(frozen=True)
class Planned:
    owed: Owed
    days_before: int
    recipients: list[str]

    @property
    def text(self) -> str:
        kind = "本级政府汇总报告" if self.owed.consolidated else "年度报告"
        return (
            f"{self.owed.agency.name}{self.owed.year}年度政府信息公开工作{kind}应于"
            f"{self.owed.due:%Y年%-m月%-d日}前发布，距期限还有{self.days_before}天。"
        )


def recipients(agency: Agency) -> list[str]:
    """The clerks of the agency and of any office that supervises it (writes its report)."""
    people = Staff.objects.filter(
        Q(agency=agency) | Q(agency__supervises=agency), roles__role=Role.CLERK, is_active=True
    ).distinct()
    return sorted({p.email for p in people if p.email})


def plan(today: date) -> list[Planned]:
    days = set(settings.GONGKAI_ANNUAL_REPORT_REMINDER_DAYS)
    year = reporting_year(today)
    sent = set(
        ReportReminder.objects.filter(year=year).values_list("agency_id", "consolidated", "days_before")
    )
    out = []
    for o in owed(Agency.objects.filter(is_active=True), year):
        left = (o.due - today).days
        if left in days and (o.agency.pk, o.consolidated, left) not in sent:
            out.append(Planned(o, left, recipients(o.agency)))
    return out


def send(planned: list[Planned], today: date) -> int:
    count = 0
    for p in planned:
        try:
            with transaction.atomic():
                ReportReminder.objects.create(
                    agency=p.owed.agency,
                    year=p.owed.year,
                    consolidated=p.owed.consolidated,
                    days_before=p.days_before,
                    sent_on=today,
                    recipients=p.recipients,
                )
                if p.recipients:
                    queue_mail("政府信息公开工作年度报告发布期限提醒", p.text, p.recipients)
        except IntegrityError:
            continue  # another run got there first
        count += 1
    return count
