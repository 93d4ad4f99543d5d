"""Overdue tasks and late plans, around their deadlines: the task's state, the agency's 待办, the
supervisor's dashboard (only within his scope), and the metrics for oversight."""

from datetime import date, datetime

import pytest
import time_machine

from gongkai.common import registry
from gongkai.plans import actions
from gongkai.plans.queries import todo_items
from tests.plans.conftest import SHANGHAI, finance_task, import_county_plan

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 9):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI), tick=False)


# The first task of 县财政局 is due 2026-06-30 (2026年6月底前).
STATES = [
    (date(2026, 6, 29), 0, "not_started"),
    (date(2026, 6, 30), 0, "not_started"),  # on the deadline: not yet overdue
    (date(2026, 6, 30), 40, "in_progress"),
    (date(2026, 7, 1), 0, "overdue"),  # the day after
    (date(2026, 7, 1), 40, "overdue"),
]


@pytest.mark.parametrize("day,percent,expected", STATES)
def test_task_state_around_its_deadline(published_plan, li_ming, day, percent, expected):
    task = finance_task(published_plan)
    if percent:
        actions.report_progress(li_ming, task, text="推进中。", percent=percent)
        task.refresh_from_db()
    assert task.status(day) == expected


def test_done_before_the_deadline_is_never_overdue(published_plan, li_ming):
    task = finance_task(published_plan)
    actions.report_progress(li_ming, task, text="完成。", percent=100, criterion_confirmed=True)
    task.refresh_from_db()
    assert task.status(date(2027, 1, 1)) == "done"


def _todo_titles(user) -> list[str]:
    return [item.title for item in todo_items(user)]


def test_overdue_tasks_are_on_the_agencys_todo(published_plan, li_ming, liu_yang):
    task = finance_task(published_plan)
    with at(date(2026, 6, 1)):
        assert not any(task.content[:20] in t for t in _todo_titles(li_ming))
    with at(date(2026, 6, 20)):  # within two weeks: due soon
        items = [i for i in todo_items(li_ming) if task.content[:20] in i.title]
        assert [i.urgency for i in items] == ["due_soon"]
    with at(date(2026, 7, 1)):
        items = [i for i in todo_items(li_ming) if task.content[:20] in i.title]
        assert [(i.urgency, i.css, i.url) for i in items] == [
            ("overdue", "overdue", f"/workbench/plans/tasks/{task.pk}/")
        ]
        assert not any(task.content[:20] in t for t in _todo_titles(liu_yang))  # another agency's


def test_the_registered_todo_provider_reaches_the_workbench(client, published_plan, li_ming):
    assert todo_items in registry.todo_providers()
    with at(date(2026, 7, 1)):
        client.force_login(li_ming)
        page = client.get("/workbench/").content.decode()
    assert "工作要点任务：及时公开财政预决算信息" in page


def test_an_unpublished_plan_past_february_is_on_the_offices_todo_and_the_dashboard(
    client, county, zhou_min, zhao_qiang
):
    with at(date(2026, 2, 10)):
        plan = import_county_plan(zhou_min, county)
        assert not [i for i in todo_items(zhou_min) if i.title == f"发布{plan.title}"]
    with at(date(2026, 2, 20)):
        assert [i.urgency for i in todo_items(zhou_min) if i.title == f"发布{plan.title}"] == ["due_soon"]
    with at(date(2026, 2, 28)):
        assert not plan.is_late()
    with at(date(2026, 3, 1)):
        assert plan.is_late()
        assert [i.urgency for i in todo_items(zhou_min) if i.title == f"发布{plan.title}"] == ["overdue"]
        client.force_login(zhao_qiang)
        page = client.get("/workbench/dashboard/").content.decode()
    assert 'id="panel-plans"' in page and "逾期未发布的工作要点" in page and plan.title in page
    assert f'<tr class="overdue"><td><a href="/workbench/plans/{plan.pk}/">' in page


def test_the_dashboard_lists_overdue_tasks_in_scope_only(
    client, county, published_plan, zhao_qiang, chen_jing
):
    # 陈静 supervises the neighbouring county: its own plan, with an overdue task, is not 赵强's
    from gongkai.agencies.actions import create_staff
    from tests.conftest import PASSWORD

    neighbour_clerk = create_staff(
        None,
        username="ljclerk",
        password=PASSWORD,
        agency=county.neighbour,
        full_name="邻县文员",
        roles=["clerk"],
    )
    theirs = actions.import_plan(
        neighbour_clerk,
        agency=county.neighbour,
        year=2026,
        title="邻县2026年政务公开工作要点",
        deadline=None,
        tasks=[
            {
                "content": "邻县专属任务：公开邻县预算。",
                "agency_id": county.neighbour.pk,
                "deadline": date(2026, 4, 30),
            }
        ],
    )
    actions.submit_plan(neighbour_clerk, theirs)
    actions.publish_plan(chen_jing, theirs)
    with at(date(2026, 7, 1)):
        client.force_login(zhao_qiang)
        page = client.get("/workbench/dashboard/").content.decode()
        assert "超期未完成的任务" in page
        assert "及时公开财政预决算信息" in page
        assert "邻县专属任务" not in page
        client.force_login(chen_jing)
        theirs_page = client.get("/workbench/dashboard/").content.decode()
        assert "邻县专属任务" in theirs_page and "及时公开财政预决算信息" not in theirs_page


def test_no_panel_when_nothing_is_late(client, published_plan, zhao_qiang):
    client.force_login(zhao_qiang)
    with at(date(2026, 1, 15)):  # before the plan's first task deadline (2026-01-31)
        assert 'id="panel-plans"' not in client.get("/workbench/dashboard/").content.decode()


def test_metrics(county, published_plan, li_ming):
    metrics = registry.metrics()
    assert {"plans.tasks.total", "plans.tasks.done", "plans.tasks.overdue", "plans.tasks.summaries"} <= set(
        metrics
    )
    task = finance_task(published_plan)
    actions.report_progress(li_ming, task, text="完成。", percent=100, criterion_confirmed=True)
    actions.save_summary(li_ming, task, text="全年公开部门预决算58个。")
    year = (date(2026, 1, 1), date(2026, 12, 31))
    total = metrics["plans.tasks.total"].fn(*year)
    assert sum(total.values()) == 27
    assert total[county.finance.pk] == 6  # 县财政局 leads six tasks of the shipped plan
    assert metrics["plans.tasks.done"].fn(*year) == {county.finance.pk: 1}
    with at(date(2026, 7, 1)):
        overdue = metrics["plans.tasks.overdue"].fn(*year, [county.finance.pk, county.housing.pk])
    # due by 2026-06-30: 住建 (上半年), 财政/住建/教育 responders (4月前, lead 县财政局) — not the done one
    assert overdue == {county.finance.pk: 1, county.housing.pk: 1}
    summaries = metrics["plans.tasks.summaries"].fn(*year, [county.finance.pk])
    assert [s["summary"] for s in summaries[county.finance.pk]][0] == "全年公开部门预决算58个。"
    assert summaries[county.finance.pk][0]["status"] == "已完成"
    assert metrics["plans.tasks.total"].fn(date(2025, 1, 1), date(2025, 12, 31)) == {}
