"""Named people and records of the bulletins and training parts, built through the real actions.

县政府办公室 (the supervising office): 周敏 (clerk) drafts, 吴刚 (reviewer) reviews, 赵强 (supervisor,
tests/conftest.py) publishes. 县财政局 is criticised and records its 整改; 城关镇 is praised.
"""

from __future__ import annotations

from datetime import date

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role, Staff
from gongkai.oversight import bulletins_actions as ba
from gongkai.oversight import training_actions as ta
from gongkai.oversight.models import Bulletin, ExternalSupervisor, Feedback, TrainingSession
from tests.conftest import PASSWORD

TITLE = "关于2025年度政务公开工作考核情况的通报"
NUMBER = "示政办发〔2026〕3号"
FINANCE_FINDING = "政府信息公开年度报告未按期发布，依申请公开答复超期2件。"
FINANCE_FEEDBACK = "财政预算公开栏目更新不及时，建议按月更新。"
SESSION_TITLE = "2026年县财政局政务公开业务培训"


def person(username: str, full_name: str, agency, *roles: str) -> Staff:
    existing = Staff.objects.filter(username=username).first()
    return existing or create_staff(
        None, username=username, password=PASSWORD, agency=agency, full_name=full_name, roles=roles
    )


def zhou_min(county) -> Staff:
    return person("zhoumin", "周敏", county.office, Role.CLERK)


def wu_gang(county) -> Staff:
    return person("wugang", "吴刚", county.office, Role.REVIEWER)


def draft_bulletin(county, *, clerk=None) -> Bulletin:
    """A draft of 县政府办公室: 城关镇 praised, 县财政局 criticised."""
    clerk = clerk or zhou_min(county)
    bulletin = ba.create_bulletin(
        clerk,
        agency=county.office,
        title=TITLE,
        number=NUMBER,
        preface="各乡镇人民政府，县政府各部门：\n根据年度考核方案，现将2025年度政务公开工作考核情况通报如下。",
        closing="被通报批评的单位要在规定期限内完成整改，并报送整改情况。",
    )
    ba.add_entry(clerk, bulletin, agency=county.township, kind="praise", finding="考核得分第一。")
    ba.add_entry(clerk, bulletin, agency=county.finance, kind="criticism", finding=FINANCE_FINDING)
    return bulletin


def published_bulletin(county, supervisor) -> Bulletin:
    existing = Bulletin.objects.filter(title=TITLE, state="published").first()
    if existing:
        return existing
    bulletin = draft_bulletin(county)
    ba.submit_bulletin(zhou_min(county), bulletin)
    ba.approve_bulletin(wu_gang(county), bulletin)
    return ba.publish_bulletin(supervisor, bulletin)


def finance_rectification(county, supervisor):
    bulletin = published_bulletin(county, supervisor)
    return bulletin.entries.get(agency=county.finance).rectification


def external_supervisor(county) -> ExternalSupervisor:
    existing = ExternalSupervisor.objects.filter(agency=county.office, name="钱进").first()
    return existing or ba.register_supervisor(
        None, agency=county.office, name="钱进", unit="县人大代表", consents_to_publish=False
    )


def finance_feedback(county) -> Feedback:
    existing = Feedback.objects.filter(agency=county.finance).first()
    if existing:
        return existing
    fb, _ = ba.enter_paper_feedback(
        None,
        supervisor=external_supervisor(county),
        agency=county.finance,
        rating="fair",
        text=FINANCE_FEEDBACK,
        received_on=date(2026, 1, 5),
    )
    return fb


def finance_session(county) -> TrainingSession:
    existing = TrainingSession.objects.filter(title=SESSION_TITLE).first()
    return existing or ta.create_session(
        None,
        title=SESSION_TITLE,
        held_on=date(2026, 3, 10),
        organiser=county.finance,
        hours="3",
        kind="central",
        agencies=[county.finance],
    )
