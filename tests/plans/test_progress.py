"""Agencies report progress on their tasks: the rules of a report, the history, the summary."""

import pytest
from django.test import override_settings

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.plans import actions
from gongkai.plans.models import ProgressReport
from tests.plans.conftest import finance_task

pytestmark = pytest.mark.django_db


def report(actor, task, **kw):
    return actions.report_progress(actor, task, **({"text": "已完成部门预算公开。", "percent": 50} | kw))


REFUSED = [
    ({"percent": -1}, "完成进度须为0至100之间的整数"),
    ({"percent": 101}, "完成进度须为0至100之间的整数"),
    ({"percent": "五十"}, "完成进度须为0至100之间的整数"),
    ({"percent": ""}, "完成进度须为0至100之间的整数"),
    ({"text": "  "}, "请填写进展情况"),
    ({"text": "字" * 5001}, "进展情况不能超过5000字"),
    ({"percent": 100}, r"进度为100%时，须确认已达到完成标准（县级部门预决算公开率100%）"),
    ({"links": ["https://evil.example.com/x"]}, "佐证链接须是本网站的网址：https://evil.example.com/x"),
    ({"links": ["//evil.example.com/x"]}, "佐证链接须是本网站的网址"),
    ({"links": ["javascript:alert(1)"]}, "佐证链接须是本网站的网址"),
    ({"links": [f"/p/{i}/" for i in range(11)]}, "佐证链接最多10条"),
]


@pytest.mark.parametrize("changes,message", REFUSED)
def test_bad_reports_are_refused(published_plan, li_ming, changes, message):
    task = finance_task(published_plan)
    with pytest.raises(ActionRefused, match=message):
        report(li_ming, task, **changes)
    task.refresh_from_db()
    assert task.percent == 0 and not ProgressReport.objects.exists()


@pytest.mark.parametrize("percent", [0, 1, 99])
def test_percentages_in_range_are_kept(published_plan, li_ming, percent):
    task = finance_task(published_plan)
    report(li_ming, task, percent=percent)
    task.refresh_from_db()
    assert task.percent == percent and task.done_on is None


@override_settings(GONGKAI_ALLOWED_HOSTS=["gov.example.cn"])
@pytest.mark.parametrize(
    "link", ["/plans/1/", "https://gov.example.cn/publishing/x/", "http://gov.example.cn/"]
)
def test_links_of_this_site_are_evidence(published_plan, li_ming, link):
    made = report(li_ming, finance_task(published_plan), links=[link])
    assert made.links == [link]


def test_evidence_is_a_published_document_in_scope(
    published_plan, li_ming, wang_fang, zhang_wei, sun_li, liu_yang
):
    from tests.publishing.builders import Team, published

    doc = published(Team(li_ming, wang_fang, zhang_wei, sun_li), title="示范县财政局2026年部门预算公开情况")
    made = report(li_ming, finance_task(published_plan), documents=[doc.pk])
    assert list(made.documents.all()) == [doc]
    # 县住建局 cannot cite 县财政局's document for its own task
    housing_task = published_plan.tasks.filter(agency__short_name="县住建局").first()
    with pytest.raises(ActionRefused, match="佐证材料只能选择本单位权限范围内已主动公开的政府信息"):
        report(liu_yang, housing_task, documents=[doc.pk])
    assert not housing_task.reports.exists()


def test_a_draft_is_no_evidence(published_plan, li_ming):
    from tests.publishing.builders import draft

    with pytest.raises(ActionRefused, match="佐证材料只能选择本单位权限范围内已主动公开的政府信息"):
        report(li_ming, finance_task(published_plan), documents=[draft(li_ming).pk])


def test_100_percent_with_the_criterion_confirmed_is_done(published_plan, li_ming):
    task = finance_task(published_plan)
    report(li_ming, task, percent=60)
    report(li_ming, task, percent=100, criterion_confirmed=True, text="全部公开，公开率100%。")
    task.refresh_from_db()
    assert task.percent == 100 and task.done_on is not None and task.status() == "done"
    assert [r.percent for r in task.reports.all()] == [100, 60]  # history kept, newest first
    assert AuditEntry.objects.filter(action="plans.task.report").count() == 2
    report(li_ming, task, percent=90, text="发现两个部门漏报，正在补充。")
    task.refresh_from_db()
    assert task.done_on is None and task.status() == "in_progress"


def test_the_same_form_sent_twice_adds_one_report(published_plan, li_ming):
    task = finance_task(published_plan)
    first = report(li_ming, task, form_key="k1")
    second = report(li_ming, task, form_key="k1", percent=70)
    assert first.pk == second.pk and ProgressReport.objects.count() == 1


def test_only_the_responsible_agency_reports(published_plan, liu_yang, zhao_qiang):
    task = finance_task(published_plan)
    for person in (liu_yang, zhao_qiang):
        with pytest.raises(ActionRefused, match="只有责任单位（示范县财政局）的工作人员可以报告进展"):
            report(person, task)


def test_no_report_before_the_plan_is_published(plan, li_ming):
    with pytest.raises(ActionRefused, match="工作要点尚未发布，暂不能报告进展"):
        report(li_ming, finance_task(plan))


def test_year_end_summary(published_plan, li_ming):
    task = finance_task(published_plan)
    with pytest.raises(ActionRefused, match="请填写年终总结"):
        actions.save_summary(li_ming, task, text="")
    actions.save_summary(li_ming, task, text="全年公开部门预决算58个。")
    task.refresh_from_db()
    assert task.summary == "全年公开部门预决算58个。" and task.summary_at is not None


def test_reporting_through_the_page(client, published_plan, li_ming):
    task = finance_task(published_plan)
    client.force_login(li_ming)
    page = client.get(f"/workbench/plans/tasks/{task.pk}/")
    key = page.context["report_form"]["form_key"].value()
    post = {"what": "report", "text": "已公开28个部门预算。", "percent": "100", "links": "", "form_key": key}
    response = client.post(f"/workbench/plans/tasks/{task.pk}/", post)
    assert response.status_code == 200
    assert "须确认已达到完成标准" in response.content.decode()
    post["criterion_confirmed"] = "on"
    assert client.post(f"/workbench/plans/tasks/{task.pk}/", post).status_code == 302
    assert client.post(f"/workbench/plans/tasks/{task.pk}/", post).status_code == 302  # Back, resubmit
    assert task.reports.count() == 1
    task.refresh_from_db()
    assert task.status() == "done"
