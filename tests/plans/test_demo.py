"""The demo's plan: imported from the shipped .docx, published, tasks in every state; idempotent."""

import io

import pytest

from gongkai.demo import county
from gongkai.demo import plans as demo_plans
from gongkai.plans import importing
from gongkai.plans.models import AnnualPlan, PlanTask, ProgressReport

pytestmark = pytest.mark.django_db


def test_the_demo_plan_has_tasks_in_every_state(spring_2026):
    spring_2026.move_to("2026-09-15 09:00+08:00")
    agencies = county.build_county()
    out = io.StringIO()
    demo_plans.build(agencies, out)
    plan = AnnualPlan.objects.get()
    assert plan.state == "published" and plan.agency == agencies["xzf"]
    assert plan.tasks.count() == 27
    states = {task.status() for task in plan.tasks.all()}
    assert states == {"done", "in_progress", "not_started", "overdue"}
    # every agency named in the document was matched in the demo county
    staged = importing.read_plan(
        demo_plans.PLAN_DOCX.read_bytes(), "x.docx", year=2026, agency=agencies["xzf"]
    )
    assert all(t["agency_id"] for t in staged["tasks"])
    assert plan.tasks.get(position=7).agency == agencies["jyj"]
    reports = ProgressReport.objects.count()
    demo_plans.build(agencies, io.StringIO())  # again: nothing new
    assert (AnnualPlan.objects.count(), PlanTask.objects.count(), ProgressReport.objects.count()) == (
        1,
        27,
        reports,
    )
    assert "27项任务" in out.getvalue()
