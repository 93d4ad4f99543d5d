"""Demo data of the oversight part `training`: three sessions over the last fifteen months with their
sign-in sheets; 县住建局's clerk attended only the oldest, so the rotation rule lists him as lapsed.
Built through the real actions; running it twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.oversight import training_actions as actions
from gongkai.oversight.models import TrainingSession
from gongkai.oversight.training_queries import DISCLOSURE_ROLES, months_before

FIRST_TITLE = "全县政务公开工作集中培训"


def build(agencies, out) -> None:
    if TrainingSession.objects.filter(title=FIRST_TITLE).exists():
        out.write("业务培训：示范县的培训记录已存在。")
        return
    today = timezone.localdate()
    office = agencies["xzfb"]
    organiser = Staff.objects.get(username=demo_username("xzfb", Role.SUPERVISOR))
    county = list(agencies["xzf"].subtree().filter(is_active=True))
    staff = list(
        Staff.objects.filter(agency__in=county, is_active=True, roles__role__in=DISCLOSURE_ROLES)
        .distinct()
        .order_by("pk")
    )
    lapsed = Staff.objects.get(username=demo_username("zjj", Role.CLERK))
    sessions = [
        (FIRST_TITLE, months_before(today, 15), "central", "4", staff, "条例解读、依申请公开办理、年度报告编制"),
        ("政务公开业务轮训（第一期）", months_before(today, 8), "rotation", "3",
         [s for s in staff if s.pk % 2 == 0 and s != lapsed], "主动公开目录和基本目录标准"),
        ("政府网站与政务新媒体管理网络培训", today - timedelta(days=30), "online", "2",
         [s for s in staff if s.pk % 2 == 1 and s != lapsed], "网站常态化监管指标、政务新媒体运维"),
    ]  # fmt: skip
    for title, held_on, kind, hours, present, materials in sessions:
        session = actions.create_session(
            organiser,
            title=title,
            held_on=held_on,
            organiser=office,
            hours=hours,
            kind=kind,
            agencies=county,
            materials=materials,
        )
        absent = [s for s in staff if s not in present][:5]
        actions.record_attendance(organiser, session, present=present, absent=absent)
    out.write(f"业务培训：3次培训，{len(staff)}名工作人员的签到；{lapsed}超过轮训期限。")
