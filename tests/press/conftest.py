"""The people and things of 新闻发布, on top of the county of tests/conftest.py.

县财政局: 李明 (clerk — does the press work), 周婷 (spokesperson); 县政府办公室: 赵强 (supervisor);
邻县: 陈静 (the outsider). Today is Thursday 2026-12-03, 10:00 in Shanghai.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.press import actions
from gongkai.press.models import PressClass
from tests.conftest import _person

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=SHANGHAI)
LIVELIHOOD = "与经济和民生关系密切的部门"


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """Uploaded transcript files go to the test's own directory, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def zhou_ting(county):
    return _person("zhouting", "周婷", county.finance, Role.SPOKESPERSON)


def at(year, month, day, hour=15, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def conference(
    actor, when: datetime, *, topic="财政预算执行情况新闻发布会", held=True, head=False, kind="regular"
):
    """A conference of the actor's agency, recorded as held when `held` (time travels to after it)."""
    speakers = [("周婷", "县财政局新闻发言人", False)] + ([("钱局长", "县财政局局长", True)] if head else [])
    item = actions.create_conference(
        actor, topic=topic, starts_at=when, place="县政府新闻发布厅", kind=kind, speakers=speakers
    )
    if held:
        with time_machine.travel(when.replace(hour=20), tick=False):
            actions.record_conference(actor, item)
    item.refresh_from_db()
    return item


@pytest.fixture
def checked_finance(county, zhao_qiang):
    """县财政局 in the livelihood class (quarterly, head yearly) since 2025-01-01."""
    return actions.set_agency_class(
        zhao_qiang,
        county.finance,
        press_class=PressClass.objects.get(name=LIVELIHOOD),
        since=date(2025, 1, 1),
    )
