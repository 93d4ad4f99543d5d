"""The pages: the workflow through the generic view, the public plan (no personal names, masked
progress text), scope (陈静 the outsider gets 404) and query counts that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.plans import actions
from gongkai.plans.models import AnnualPlan
from tests.plans.conftest import finance_task

pytestmark = pytest.mark.django_db


def test_submit_and_publish_through_the_workflow_view(client, plan, zhou_min, zhao_qiang, wang_fang):
    client.force_login(zhou_min)
    assert "提交审核" in client.get(f"/workbench/plans/{plan.pk}/").content.decode()
    response = client.post(f"/workbench/plans/{plan.pk}/act/submit/")
    assert response["Location"] == f"/workbench/plans/{plan.pk}/"
    plan.refresh_from_db()
    assert plan.state == "reviewing"
    # 王芳 is a reviewer of 县财政局: she does not manage the government's plan (and cannot see it)
    client.force_login(wang_fang)  # she sees the plan (县财政局 has tasks in it) but cannot publish it
    refused = "只有示范县人民政府及其办公室的工作人员可以发布"
    assert refused in client.get(f"/workbench/plans/{plan.pk}/act/publish/").content.decode()
    assert (
        refused in client.post(f"/workbench/plans/{plan.pk}/act/publish/", {"document": ""}).content.decode()
    )
    client.force_login(zhao_qiang)
    response = client.post(f"/workbench/plans/{plan.pk}/act/publish/", {"document": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == "published" and plan.published_on.isoformat() == "2026-03-10"


def test_an_empty_plan_cannot_be_submitted(client, county, zhou_min):
    empty = actions.create_plan(zhou_min, agency=county.government, year=2027, title="空的要点")
    client.force_login(zhou_min)
    response = client.post(f"/workbench/plans/{empty.pk}/act/submit/")
    assert "工作要点还没有任何任务，请先导入或录入任务" in response.content.decode()
    empty.refresh_from_db()
    assert empty.state == "draft"


def test_the_public_plan_shows_progress_without_personal_names(
    client, county, published_plan, li_ming, zhou_min
):
    task = finance_task(published_plan)
    actions.update_task(
        zhou_min,
        task,
        content=task.content,
        agency_id=task.agency_id,
        person="钱进",
        criterion=task.criterion,
    )
    actions.report_progress(
        li_ming, task, text="钱进牵头，已公开28个部门预算，联系电话13812345678。", percent=60
    )
    actions.save_summary(li_ming, task, text="全年由钱进负责，公开部门预决算58个。")
    page = client.get(f"/plans/{published_plan.pk}/").content.decode()
    assert "及时公开财政预决算信息" in page and "示范县财政局" in page
    assert "已公开28个部门预算" in page and "60%" in page
    assert "钱进" not in page and "13812345678" not in page
    assert "李明" not in page  # the reporter is internal too
    assert published_plan.title in client.get("/plans/").content.decode()


def test_a_draft_plan_is_not_public(client, plan):
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert plan.title not in client.get("/plans/").content.decode()


def test_scripts_in_text_are_escaped(client, published_plan, li_ming):
    task = finance_task(published_plan)
    actions.report_progress(li_ming, task, text="<script>alert(1)</script>已公开。", percent=10)
    page = client.get(f"/plans/{published_plan.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_the_outsider_sees_nothing(client, published_plan, chen_jing):
    task = finance_task(published_plan)
    client.force_login(chen_jing)
    for url in (
        f"/workbench/plans/{published_plan.pk}/",
        f"/workbench/plans/{published_plan.pk}/edit/",
        f"/workbench/plans/{published_plan.pk}/tasks/new/",
        f"/workbench/plans/tasks/{task.pk}/",
        f"/workbench/plans/tasks/{task.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert published_plan.title not in client.get("/workbench/plans/").content.decode()


def test_a_department_sees_the_plan_and_reports_only_on_its_own_tasks(
    client, published_plan, li_ming, liu_yang
):
    task = finance_task(published_plan)
    client.force_login(liu_yang)  # 县住建局 has tasks in the plan: it sees the plan
    assert client.get(f"/workbench/plans/{published_plan.pk}/").status_code == 200
    assert client.get(f"/workbench/plans/tasks/{task.pk}/").status_code == 404  # not its task
    client.force_login(li_ming)
    page = client.get(f"/workbench/plans/tasks/{task.pk}/").content.decode()
    assert "报告进展" in page
    assert client.get(f"/workbench/plans/tasks/{task.pk}/edit/").status_code == 404  # does not manage


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["zhao_qiang", "li_ming"])
def test_query_counts_do_not_grow_with_rows(request, client, county, published_plan, li_ming, zhou_min, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    task = finance_task(published_plan)
    actions.report_progress(li_ming, task, text="第一次报告。", percent=5)
    urls = [
        "/workbench/plans/",
        f"/workbench/plans/{published_plan.pk}/",
        f"/plans/{published_plan.pk}/",
        "/plans/",
    ]
    urls.append(f"/workbench/plans/tasks/{task.pk}/")
    before = {url: _queries(client, url) for url in urls}
    for i in range(3):  # more reports, more tasks, another plan
        for t in published_plan.tasks.filter(agency=county.finance):
            actions.report_progress(li_ming, t, text=f"第{i}次报告。", percent=10 + i)
        actions.add_task(zhou_min, published_plan, content=f"新增任务{i}。", agency_id=county.finance.pk)
    actions.create_plan(zhou_min, agency=county.government, year=2027, title="2027年要点")
    after = {url: _queries(client, url) for url in urls}
    assert after == before
    assert before["/workbench/plans/"] <= 12 and before[f"/plans/{published_plan.pk}/"] <= 10


def test_the_plan_links_to_its_published_document(
    client, plan, zhou_min, zhao_qiang, li_ming, wang_fang, zhang_wei, sun_li
):
    from tests.publishing.builders import Team, published

    doc = published(Team(li_ming, wang_fang, zhang_wei, sun_li), title="示范县2026年政务公开工作要点")
    actions.submit_plan(zhou_min, plan)
    client.force_login(zhao_qiang)
    form = client.get(f"/workbench/plans/{plan.pk}/act/publish/").content.decode()
    assert f'<option value="{doc.pk}">示范县2026年政务公开工作要点</option>' in form
    client.post(f"/workbench/plans/{plan.pk}/act/publish/", {"document": doc.pk})
    plan = AnnualPlan.objects.get(pk=plan.pk)
    assert plan.document == doc
    assert doc.get_absolute_url() in client.get(f"/plans/{plan.pk}/").content.decode()
