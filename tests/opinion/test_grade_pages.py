"""The handling pages: the list (query count), the generic action view confirming a grade with every
error at once, the event's handling part showing the response time, the rules table and reports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.opinion import actions_handling as actions
from gongkai.opinion.models import AgencyRule, Report
from tests.opinion.handling_helpers import make_event

pytestmark = pytest.mark.django_db


def test_list_queries_do_not_grow(client, county, zhou_min, django_assert_max_num_queries):
    for i in range(3):
        event = make_event(county.office, f"事件{i}", proposed_grade="4", posts=1)
        actions.assign_event(
            zhou_min, actions.confirm_grade(zhou_min, event, grade="4"), agency=county.housing
        )
    client.force_login(zhou_min)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("opinion_staff:handling"))
    page = response.content.decode()
    assert response.status_code == 200 and "事件2" in page and "县住建局" in page and "grade-4" in page


def test_grade_form_refuses_a_change_without_reason_and_keeps_nothing(client, county, zhou_min):
    event = make_event(county.office, proposed_grade="3")
    client.force_login(zhou_min)
    url = reverse("opinion_staff:event_act", args=[event.pk, "grade"])
    page = client.get(url).content.decode()
    assert "规则建议等级：较大" in page
    response = client.post(url, {"grade": "1", "reason": ""})
    assert "等级与建议等级（较大）不同，请填写定级理由" in response.content.decode()
    event.refresh_from_db()
    assert event.grade == ""
    response = client.post(url, {"grade": "1", "reason": "已造成人员伤亡"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "特别重大" in page and "已造成人员伤亡" in page and "等级已确认" in page


def test_event_page_shows_the_response_time(client, county, zhou_min):
    event = make_event(county.office, hours_ago=4, proposed_grade="2", grade="2", agency=county.housing,
                       state="responded", responded_at=timezone.now() - timedelta(hours=1, minutes=30))  # fmt: skip
    client.force_login(zhou_min)
    page = client.get(reverse("opinion_staff:handling_event", args=[event.pk])).content.decode()
    assert "首次出现后2.5小时" in page


def test_rules_table_and_a_suggestion(client, county, zhou_min):
    client.force_login(zhou_min)
    response = client.post(
        reverse("opinion_staff:rules"), {"region": "城关镇", "topic": "停水", "agency": county.housing.pk}
    )
    assert response.status_code == 302
    rule = AgencyRule.objects.get()
    assert (rule.owner, rule.agency) == (county.office, county.housing)
    event = actions.confirm_grade(zhou_min, make_event(county.office, proposed_grade="4"), grade="4")
    page = client.get(reverse("opinion_staff:event_act", args=[event.pk, "assign"])).content.decode()
    assert "建议：县住建局（交办规则：城关镇 × 停水）" in page
    response = client.post(
        reverse("opinion_staff:rules"), {"region": "", "topic": "", "agency": county.housing.pk}
    )
    assert "属地关键词和主题关键词至少填写一个" in response.content.decode()


def test_report_pages(client, county, zhou_min):
    make_event(county.office, posts=2)
    client.force_login(zhou_min)
    now = timezone.localtime()
    response = client.post(reverse("opinion_staff:reports"), {
        "kind": "weekly", "period_start": (now - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "period_end": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "event": "",
    })  # fmt: skip
    report = Report.objects.get()
    assert response["Location"] == reverse("opinion_staff:report", args=[report.pk])
    data = {"title": report.title, "number": "第1期", "overview": "概况", "spread": "传播", "content": "内容",
            "advice": "建议", "issue": "1"}  # fmt: skip
    client.post(reverse("opinion_staff:report", args=[report.pk]), data)
    report.refresh_from_db()
    assert report.state == "issued" and report.advice == "建议"
    download = client.get(reverse("opinion_staff:report_download", args=[report.pk]))
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
