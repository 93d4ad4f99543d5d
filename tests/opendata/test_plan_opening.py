"""年度数据开放计划: items with an owner and a planned date, overdue the day after while not opened,
shown on the portal and in the owner's 待办; opening is reported by the owner agency only."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.common.errors import ActionRefused
from gongkai.opendata import actions_access as actions
from gongkai.opendata.queries_access import todo_items
from tests.opendata.access_helpers import at, make_dataset

pytestmark = pytest.mark.django_db


def _item(actor, agency, planned_on=date(2026, 6, 30), title="县级国有资产统计"):
    return actions.add_plan_item(actor, year=2026, title=title, agency=agency, planned_on=planned_on)


STATES = [
    (date(2026, 6, 30), False, "planned"),
    (date(2026, 7, 1), False, "overdue"),
    (date(2026, 7, 1), True, "opened"),
]


@pytest.mark.parametrize("today,opened,expected", STATES)
def test_state_around_the_planned_date(county, li_ming, today, opened, expected):
    with at(date(2026, 1, 10)):
        item = _item(li_ming, county.finance)
    if opened:
        with at(date(2026, 6, 29)):
            item = actions.open_plan_item(li_ming, item, dataset=None, opened_on=date(2026, 6, 29))
    assert item.status(today) == expected


def test_overdue_items_are_in_the_clerks_todo_and_marked_on_the_portal(client, county, li_ming):
    with at(date(2026, 1, 10)):
        _item(li_ming, county.finance)
        _item(li_ming, county.finance, planned_on=date(2026, 9, 30), title="县级政府采购目录")
    with at(date(2026, 7, 2)):
        assert [i.title for i in todo_items(li_ming)] == ["数据开放计划：县级国有资产统计"]
        page = client.get(reverse("opendata:plan")).content.decode()
    assert "县级国有资产统计" in page and "县级政府采购目录" in page
    assert "逾期未开放1项" in page and page.count("badge-overdue") == 1


def test_who_may_plan_and_report(county, li_ming, liu_yang, zhao_qiang, chen_jing, wang_fang):
    with at(date(2026, 1, 10)):
        with pytest.raises(ActionRefused, match="编制开放计划需要以下角色之一"):
            _item(liu_yang, county.housing)
        with pytest.raises(ActionRefused, match="您不能为县住建局编制开放计划"):
            _item(li_ming, county.housing)
        with pytest.raises(ActionRefused, match="计划开放日期应在2026年内"):
            _item(li_ming, county.finance, planned_on=date(2027, 1, 1))
        item = _item(zhao_qiang, county.finance)  # the supervisor plans for agencies in his scope
        with pytest.raises(ActionRefused, match="您不能为县财政局编制开放计划"):
            _item(chen_jing, county.finance)
        with pytest.raises(ActionRefused, match="只有县财政局的工作人员才能报告开放计划完成情况"):
            actions.open_plan_item(liu_yang, item, dataset=None, opened_on=None)
        other = make_dataset(county.housing, "住建数据", openness="open")
        with pytest.raises(ActionRefused, match="只能选择本单位的数据集"):
            actions.open_plan_item(wang_fang, item, dataset=other, opened_on=None)
        opened = actions.open_plan_item(wang_fang, item, dataset=None, opened_on=None)
        with pytest.raises(ActionRefused, match="该事项已开放，不能再次处理"):
            actions.cancel_plan_item(zhao_qiang, opened, note="不再需要")
    assert opened.state == "opened" and opened.opened_on == date(2026, 1, 10)
