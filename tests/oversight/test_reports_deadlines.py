"""Deadlines of the annual reports: the 待办 from 1 January (departments by 1月31日, a county government's
consolidated report by 3月31日, written by its office), reminders 15/7/3 days before (once each), and
the reports overdue on the supervisor's dashboard within his scope."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role
from gongkai.common import registry
from gongkai.oversight import reports_reminders
from gongkai.oversight.models import AnnualReport, ReportReminder
from gongkai.oversight.reports_queries import dashboard_context, due_date, todo_items
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_clerk(county):
    return create_staff(
        None,
        username="office_clerk",
        password=PASSWORD,
        agency=county.office,
        full_name="周敏",
        email="zhoumin@example.gov.cn",
        roles=[Role.CLERK],
    )


def test_due_dates_follow_the_settings(settings):
    assert due_date(2025, False) == date(2026, 1, 31)
    assert due_date(2025, True) == date(2026, 3, 31)
    settings.GONGKAI_ANNUAL_REPORT_DEPARTMENT_DUE = (2, 15)
    assert due_date(2025, False) == date(2026, 2, 15)


def test_the_todo_from_january_until_published(county, li_ming, office_clerk, wang_fang):
    assert todo_items(wang_fang) == []  # a reviewer writes no report
    with time_machine.travel(date(2026, 1, 2)):
        (item,) = todo_items(li_ming)
        assert item.title == "2025年度政府信息公开工作年度报告 1月31日前发布"
        assert item.agency == "示范县财政局" and item.status == "未创建" and item.due == date(2026, 1, 31)
        assert item.urgency == "normal"
        office = {i.agency: i for i in todo_items(office_clerk)}
        # the office writes its own report and the county government's consolidated one
        assert office["示范县人民政府"].title == "2025年度政府信息公开工作年度报告 3月31日前发布"
        assert office["示范县人民政府办公室"].due == date(2026, 1, 31)
    with time_machine.travel(date(2026, 2, 3)):
        (item,) = todo_items(li_ming)
        assert item.urgency == "overdue"
        AnnualReport.objects.create(agency=county.finance, year=2025, state="published")
        assert todo_items(li_ming) == []


def test_reminders_15_7_3_days_before_once_each(
    county, li_ming, office_clerk, django_capture_on_commit_callbacks
):
    li_ming.email = "liming@example.gov.cn"
    li_ming.save()
    with time_machine.travel(date(2026, 1, 16)), django_capture_on_commit_callbacks(execute=True):
        call_command("report_reminders")
        call_command("report_reminders")  # the same day again: nothing more
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert ("liming@example.gov.cn", "政府信息公开工作年度报告发布期限提醒") in sent
    finance = [m for m in mail.outbox if "示范县财政局" in m.body]
    assert len(finance) == 1 and "应于2026年1月31日前发布，距期限还有15天" in finance[0].body
    assert ReportReminder.objects.filter(agency=county.finance, days_before=15).count() == 1
    # the consolidated report's deadline is 3月31日: no reminder for it on 16 January
    assert not ReportReminder.objects.filter(agency=county.government, consolidated=True).exists()
    # the office clerk is reminded of the government's consolidated report 7 days before
    planned = {p.owed.agency: p for p in reports_reminders.plan(date(2026, 3, 24))}
    assert set(planned) == {county.government, county.neighbour}  # the two county governments
    assert planned[county.government].recipients == ["zhoumin@example.gov.cn"]
    assert reports_reminders.plan(date(2026, 1, 20)) == []


def test_the_dashboard_lists_late_reports_in_scope(county, zhao_qiang, chen_jing):
    AnnualReport.objects.create(agency=county.housing, year=2025, state="published")
    request = RequestFactory().get("/")
    with time_machine.travel(date(2026, 2, 10)):
        request.user = zhao_qiang
        late = {o.agency.name for o in dashboard_context(request)["late"]}
        assert "示范县财政局" in late and "示范县住房和城乡建设局" not in late
        assert "示范县人民政府" not in late  # its consolidated report is due 3月31日
        assert "邻县人民政府" not in late
        request.user = chen_jing
        assert dashboard_context(request) is None  # 邻县's own consolidated report is not late yet
    with time_machine.travel(date(2026, 4, 1)):
        assert {o.agency.name for o in dashboard_context(request)["late"]} == {"邻县人民政府"}
    assert any(p.key == "oversight_reports" for p in registry.dashboard_panels(zhao_qiang))
    assert any(j.command == "report_reminders" and j.group == "daily" for j in registry.jobs())
