"""The supervisor's pages of 考核评议: the scheme editor (weights not summing to 100 refused in
Chinese, nothing saved), computing and publishing from the pages, and who gets in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.oversight.models import Assessment, AssessmentScheme

from .assessment_builders import ON_TIME, UNREGISTERED, county_metrics

pytestmark = pytest.mark.django_db


def _formset(rows, extra=0):
    data = {"action": "save", "ind-TOTAL_FORMS": str(len(rows) + extra), "ind-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        base = {"direction": "higher", "no_data": "full", "denominator": ""}
        for k, v in {**base, **row}.items():
            data[f"ind-{i}-{k}"] = v
    for i in range(len(rows), len(rows) + extra):
        data[f"ind-{i}-direction"] = "higher"
        data[f"ind-{i}-no_data"] = "full"
    return data


def test_supervisor_builds_computes_and_publishes_from_the_pages(client, county, zhao_qiang, monkeypatch):
    from gongkai.oversight import assessment_queries

    # a code the editor offers although no domain registers it (as the codes were at first)
    monkeypatch.setitem(assessment_queries.KNOWN_METRICS, UNREGISTERED, "测试未登记指标")
    client.force_login(zhao_qiang)
    with county_metrics(county):
        response = client.post(
            reverse("oversight_staff:assessment_scheme_new"), {"agency": county.government.pk, "year": "2025"}
        )
        scheme = AssessmentScheme.objects.get()
        assert response["Location"] == reverse("oversight_staff:assessment_scheme", args=[scheme.pk])
        url = response["Location"]
        page = client.get(url).content.decode()
        assert "按时率（testing.work.on_time_pct）" in page  # registered metrics are offered
        assert f"测试未登记指标（{UNREGISTERED}，尚未登记，暂无数据）" in page
        rows = [
            {"label": "按时答复率", "metric": ON_TIME, "weight": "60", "full_at": "95", "zero_at": "60"},
            {
                "label": "培训",
                "metric": UNREGISTERED,
                "weight": "30",
                "full_at": "90",
                "zero_at": "0",
            },
        ]
        bad = client.post(url, _formset(rows, extra=1))
        assert "各项指标分值合计应为100分，现为90分" in bad.content.decode()
        assert scheme.indicators.count() == 0
        rows[1]["weight"] = "40"
        assert client.post(url, _formset(rows, extra=1)).status_code == 302
        assert [i.label for i in scheme.indicators.all()] == ["按时答复率", "培训"]
        response = client.post(url, {"action": "compute", "quarter": "0"})
        assessment = Assessment.objects.get()
        assert response["Location"] == reverse("oversight_staff:assessment_detail", args=[assessment.pk])
        detail = client.get(response["Location"]).content.decode()
        assert "待审核" in detail and "示范县财政局" in detail and "指标数据暂缺" in detail
        # each figure links to the records behind it where the metric names a list
        assert (
            f'<a href="/workbench/records/?from=2025-01-01&amp;to=2025-12-31&amp;agency={county.finance.pk}">97%'
            in detail
        )
        client.post(response["Location"], {"action": "publish"})
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.PUBLISHED
    locked = client.get(url).content.decode()
    assert "该方案已有发布的考核结果，指标不能再修改" in locked and "保存指标" not in locked
    refused = client.post(url, _formset(rows))
    assert "不能再修改" in refused.content.decode()
    response = client.post(url, {"action": "copy", "year": "2026"})
    assert AssessmentScheme.objects.filter(year=2026, copied_from=scheme).exists()


def test_staff_without_the_supervisor_role_are_refused(client, county, li_ming):
    client.force_login(li_ming)
    assert client.get(reverse("oversight_staff:assessments")).status_code == 403


def test_supervisor_todo_lists_results_to_publish_and_comments_to_review(
    client, county, zhao_qiang, chen_jing
):
    from gongkai.oversight import assessment_actions as actions
    from gongkai.oversight.assessment_queries import todo_items

    from .assessment_builders import scheme_2025

    with county_metrics(county):
        assessment = actions.compute_assessment(zhao_qiang, scheme_2025(zhao_qiang, county))
    assert [i.title for i in todo_items(zhao_qiang)] == [
        "考核结果待审核发布：示范县人民政府2025年度政务公开工作考核"
    ]
    assert todo_items(chen_jing) == []
    assessment = actions.publish_assessment(zhao_qiang, assessment)
    actions.rate_scorecard(assessment, county.finance, useful=True, comment="好", idempotency_key="todo-1")
    actions.rate_scorecard(assessment, county.housing, useful=True, idempotency_key="todo-2")  # no comment
    items = todo_items(zhao_qiang)
    assert [(i.title, i.url) for i in items] == [
        ("考核成绩单评价意见待审核1条", reverse("oversight_staff:assessment_ratings"))
    ]
    assert todo_items(chen_jing) == []
    client.force_login(zhao_qiang)
    assert "考核成绩单评价意见待审核1条" in client.get(reverse("workbench:home")).content.decode()
