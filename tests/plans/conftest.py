"""People and a plan of the test county for 政务公开工作要点.

周敏 is the clerk of 县政府办公室 (the office that supervises 县人民政府 and manages its plan); 王芳
(reviewer of 县财政局) does not manage it; 赵强 (supervisor of the office) publishes it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.plans import actions, importing
from tests.conftest import _person

DATA = Path(__file__).parent / "data"
PLAN_DOCX = DATA / "gongzuo_yaodian_2026.docx"


def staged_plan(county, year: int = 2026) -> dict:
    return importing.read_plan(PLAN_DOCX.read_bytes(), PLAN_DOCX.name, year=year, agency=county.government)


def import_county_plan(actor, county, *, year: int = 2026, key: str = ""):
    """The shipped 工作要点 imported through the real actions; unmatched agencies go to the office."""
    staged = staged_plan(county, year)
    tasks = [{**t, "agency_id": t["agency_id"] or county.office.pk} for t in staged["tasks"]]
    return actions.import_plan(
        actor,
        agency=county.government,
        year=year,
        title=staged["title"],
        deadline=None,
        tasks=tasks,
        source_name=PLAN_DOCX.name,
        import_key=key,
    )


SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def spring_2026():
    """The plans' tests run on 2026-03-10, 9:00 in Shanghai (after the February deadline, before
    the first tasks' deadlines) unless they travel elsewhere."""
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=SHANGHAI), tick=False) as traveller:
        yield traveller


@pytest.fixture
def zhou_min(county):
    return _person("zhoumin", "周敏", county.office, Role.CLERK)


@pytest.fixture
def plan(county, zhou_min):
    return import_county_plan(zhou_min, county)


@pytest.fixture
def published_plan(plan, zhou_min, zhao_qiang):
    actions.submit_plan(zhou_min, plan)
    return actions.publish_plan(zhao_qiang, plan)


def finance_task(plan):
    """The first task of 县财政局: 及时公开财政预决算信息 (by 2026-06-30, with a criterion)."""
    return plan.tasks.filter(agency__short_name="县财政局").order_by("position").first()
