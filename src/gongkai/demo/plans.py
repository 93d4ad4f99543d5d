"""Demo data of 政务公开工作要点 (issue #12): the county's 2026 plan imported from the shipped Word
document (data/plans/gongzuo_yaodian_2026.docx), published, and its tasks in every state — done with
the completion criterion confirmed, in progress, not started and overdue — with a few year-end
summaries. Built through the real actions; running it twice adds nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.plans import actions, importing
from gongkai.plans.models import AnnualPlan

PLAN_DOCX = Path(__file__).parent / "data" / "plans" / "gongzuo_yaodian_2026.docx"
YEAR = 2026
# Task position → (percent, text); 100 is reported with the criterion confirmed.
PROGRESS = {
    1: (100, "县级部门预算已于3月20日前全部公开，决算于8月底前公开，公开率100%。"),
    2: (60, "惠企政策专栏已上线，已集中发布政策87条，正在按行业分类整理。"),
    3: (100, "今年出台的12件重要政策文件均同步发布解读材料，其中图解8件、视频解读3件。"),
    6: (40, "已公开保障性住房分配结果3批次，老旧小区改造计划已公开，进度信息尚未按月更新。"),
    7: (100, "义务教育招生政策和学区划分已于5月20日公开。"),
    12: (80, "县长信箱留言按时答复率为96%，第三季度办理情况已公开。"),
    13: (100, "提示函机制已建立，本年度已发出提示函1份并收到书面反馈。"),
    18: (30, "已举行新闻发布会2场，第四季度发布会正在筹备。"),
    19: (100, "县政府门户网站和部门网站已全部迁入集约化平台。"),
    27: (100, "2025年度政府信息公开工作年度报告已于1月28日公开。"),
}
SUMMARIES = {
    1: "全年公开县级部门预算58个、决算58个，“三公”经费均单独说明，公开率100%。",
    3: "全年12件重要政策文件同步解读，解读形式包括文字、图解和视频。",
}


def _staff(agency, role: str) -> Staff | None:
    return Staff.objects.filter(agency=agency, roles__role=role, is_active=True).order_by("pk").first()


@transaction.atomic
def build(agencies, out) -> None:
    """Build the demo records through the real actions; running it twice adds nothing."""
    government = agencies["xzf"]
    if AnnualPlan.objects.filter(agency=government, year=YEAR).exists():
        out.write("政务公开工作要点：示范县2026年工作要点已存在。")
        return
    office = agencies["xzfb"]
    clerk = Staff.objects.get(username=demo_username("xzfb", Role.CLERK))
    supervisor = Staff.objects.get(username=demo_username("xzfb", Role.SUPERVISOR))
    staged = importing.read_plan(PLAN_DOCX.read_bytes(), PLAN_DOCX.name, year=YEAR, agency=government)
    tasks = [{**t, "agency_id": t["agency_id"] or office.pk} for t in staged["tasks"]]
    plan = actions.import_plan(
        clerk,
        agency=government,
        year=YEAR,
        title=staged["title"],
        deadline=None,
        tasks=tasks,
        source_name=PLAN_DOCX.name,
    )
    actions.submit_plan(clerk, plan)
    actions.publish_plan(supervisor, plan, published_on=date(YEAR, 2, 26))
    for task in plan.tasks.select_related("agency").order_by("position"):
        reporter = _staff(task.agency, Role.CLERK)
        if reporter is None:
            continue
        if task.position in PROGRESS:
            percent, text = PROGRESS[task.position]
            actions.report_progress(
                reporter, task, text=text, percent=percent, criterion_confirmed=percent == 100
            )
        if task.position in SUMMARIES:
            actions.save_summary(reporter, task, text=SUMMARIES[task.position])
    today = timezone.localdate()
    states: dict[str, int] = {}
    for task in plan.tasks.all():
        label = task.status_label(today)
        states[label] = states.get(label, 0) + 1
    out.write(
        f"政务公开工作要点：{plan.title}（{plan.tasks.count()}项任务："
        + "，".join(f"{k}{v}项" for k, v in states.items())
        + "）。"
    )
