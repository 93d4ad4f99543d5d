"""培训: a session and its sign-in sheet (bulk, never duplicated), the rotation rule's lapses, the
supervisor's 待办 and dashboard panel, the three metrics, and scope."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Role, Staff
from gongkai.common import registry
from gongkai.common.errors import ActionRefused
from gongkai.oversight import training_actions as ta
from gongkai.oversight import training_queries as tq
from gongkai.oversight.models import Attendance
from tests.oversight.bulletins_fixtures import person

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield


def _joined(staff: Staff, day: date) -> Staff:
    Staff.objects.filter(pk=staff.pk).update(
        date_joined=datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)
    )
    staff.refresh_from_db()
    return staff


@pytest.fixture
def finance_staff(county, li_ming, wang_fang, zhang_wei):
    """李明, 王芳, 张伟 of 县财政局, all joined in 2024; 刘洋 of 县住建局 likewise."""
    liu = person("liuyang", "刘洋", county.housing, Role.RESPONDER)
    return [_joined(s, date(2024, 1, 2)) for s in (li_ming, wang_fang, zhang_wei, liu)]


def _session(county, held_on, agencies, title="政务公开业务培训"):
    return ta.create_session(
        None,
        title=title,
        held_on=held_on,
        organiser=county.office,
        hours="2.5",
        kind="central",
        agencies=agencies,
    )


def test_sign_in_sheet_is_bulk_and_never_duplicated(county, finance_staff, zhao_qiang):
    li, wang, zhang, liu = finance_staff
    session = _session(county, date(2026, 3, 1), [county.finance])
    ta.record_attendance(
        zhao_qiang, session, present=[li, wang], absent=[zhang], externals=[("外聘讲师", county.finance)]
    )
    ta.record_attendance(
        zhao_qiang, session, present=[li, wang, zhang], externals=[("外聘讲师", county.finance)]
    )
    rows = {a.name: a.attended for a in Attendance.objects.filter(session=session)}
    assert rows == {"李明": True, "王芳": True, "张伟": True, "外聘讲师": True}
    with pytest.raises(ActionRefused, match="刘洋所在的示范县住房和城乡建设局不是本次培训的参训单位"):
        ta.record_attendance(zhao_qiang, session, present=[liu])
    with pytest.raises(
        ActionRefused, match="只有示范县人民政府办公室的信息公开工作人员或主管部门可以登记签到"
    ):
        ta.record_attendance(wang, session, present=[li])
    with pytest.raises(ActionRefused, match="培训日期不能晚于今天"):
        _session(county, date(2026, 7, 1), [county.finance])
    with pytest.raises(ActionRefused, match="邻县人民政府不在您的管辖范围内"):
        ta.create_session(
            zhao_qiang, title="t", held_on=date(2026, 3, 1), organiser=county.office, hours=1, kind="online",
            agencies=[county.neighbour],
        )  # fmt: skip


def test_lapses_count_from_the_last_session_or_joining(county, finance_staff, settings):
    settings.GONGKAI_TRAINING_ROTATION_MONTHS = 12
    li, wang, zhang, liu = finance_staff
    _joined(zhang, date(2025, 9, 1))  # joined 9 months ago: not due yet
    old = _session(county, date(2025, 6, 14), [county.finance, county.housing], "2025年培训")
    recent = _session(county, date(2025, 6, 15), [county.finance], "2025年6月15日培训")
    ta.record_attendance(None, old, present=[li, liu])
    ta.record_attendance(None, recent, present=[wang])
    lapsed = tq.lapses(county.government.subtree())
    # 李明 and 刘洋: last trained 2025-06-14, one day more than 12 months ago; 王芳 exactly 12 months
    # ago (lapsed on the day); 张伟 joined 9 months ago.
    assert [(lp.staff.full_name, lp.last) for lp in lapsed] == [
        ("李明", date(2025, 6, 14)),
        ("王芳", date(2025, 6, 15)),
        ("刘洋", date(2025, 6, 14)),
    ]
    settings.GONGKAI_TRAINING_ROTATION_MONTHS = 13
    assert tq.lapses(county.government.subtree()) == []


def test_supervisor_sees_lapses_as_todo_and_panel(client, county, finance_staff, zhao_qiang, chen_jing):
    titles = [i.title for i in tq.todo_items(zhao_qiang)]
    assert "县财政局有3名工作人员超过12个月未参加培训" in titles
    assert "县住建局有1名工作人员超过12个月未参加培训" in titles
    assert tq.todo_items(finance_staff[0]) == []  # a clerk has no such 待办
    assert tq.todo_items(chen_jing) == []  # the neighbour county's supervisor sees none of ours
    client.force_login(zhao_qiang)
    page = client.get(reverse("workbench:dashboard")).content.decode()
    assert "培训超期未轮训人员" in page and "李明" in page


def test_metrics_sessions_attendances_and_coverage(county, finance_staff):
    li, wang, zhang, liu = finance_staff
    s1 = _session(county, date(2026, 1, 10), [county.finance, county.housing])
    s2 = _session(county, date(2025, 12, 1), [county.finance])
    ta.record_attendance(None, s1, present=[li, liu], absent=[wang])
    ta.record_attendance(None, s2, present=[wang])
    metrics = registry.metrics()
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert metrics["oversight.training.sessions"].fn(*year) == {county.office.pk: 1}
    assert metrics["oversight.training.attendances"].fn(*year) == {county.finance.pk: 1, county.housing.pk: 1}
    coverage = metrics["oversight.training.coverage_pct"].fn(*year, [county.finance.pk, county.housing.pk])
    assert coverage == {county.finance.pk: Decimal("33.3"), county.housing.pk: Decimal("100.0")}
    both = metrics["oversight.training.coverage_pct"].fn(date(2025, 1, 1), date(2026, 12, 31))
    assert both[county.finance.pk] == Decimal("66.7")


def test_sessions_are_scoped(client, county, finance_staff, chen_jing, zhao_qiang):
    session = _session(county, date(2026, 3, 1), [county.finance])
    client.force_login(chen_jing)
    assert client.get(reverse("oversight_staff:training", args=[session.pk])).status_code == 404
    sibling = person("zhujian", "住建办事员", county.housing, Role.CLERK)  # 县住建局: not a participant
    client.force_login(sibling)
    assert client.get(reverse("oversight_staff:training", args=[session.pk])).status_code == 404
    client.force_login(finance_staff[0])
    assert client.get(reverse("oversight_staff:training", args=[session.pk])).status_code == 200
    client.force_login(zhao_qiang)
    response = client.post(
        reverse("oversight_staff:training", args=[session.pk]),
        {"present": [finance_staff[0].pk, finance_staff[1].pk], "mark_absent": "1"},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("staff__full_name", "attended")) == {
        "李明": True, "王芳": True, "张伟": False,
    }  # fmt: skip
