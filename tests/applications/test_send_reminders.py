"""The daily reminder job: due-soon and overdue cases, one reminder per case per day."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.applications.models import Reminder
from tests.applications.helpers import register

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminders_go_to_clerks_and_supervisors_once_a_day(
    county, li_ming, zhao_qiang, django_capture_on_commit_callbacks
):
    li_ming.email, zhao_qiang.email = "liming@example.gov.cn", "zhaoqiang@example.gov.cn"
    li_ming.save(), zhao_qiang.save()
    overdue = register(li_ming, county.finance, on=date(2026, 9, 28))  # due 2026-10-30
    soon = register(li_ming, county.finance, on=date(2026, 10, 23))  # due 2026-11-20
    register(li_ming, county.finance, on=date(2026, 11, 16))  # not yet
    dry = run("--dry-run", "--today", "2026-11-18")
    assert overdue.receipt_code in dry and soon.receipt_code in dry and "演练" in dry
    assert Reminder.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        run("--today", "2026-11-18")
        run("--today", "2026-11-18")
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 2
    assert set(mail.outbox[0].to) == {"liming@example.gov.cn", "zhaoqiang@example.gov.cn"}
    assert "逾期" in run("--dry-run", "--today", "2026-11-19")
