"""The people and drafts of 征求意见, on top of the county of tests/conftest.py.

县财政局 drafts: 李明 (clerk) prepares, 王芳 (reviewer) approves and moderates; 赵强 (supervisor of
县政府办公室) oversees the county; 陈静 (邻县) is the outsider. The citizen is 张三 (13812345678).
Today is 2026-05-06 unless a test travels.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.consultation import actions

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 5, 6)
PHONE = "13812345678"
TITLE = "示范县政府性债务管理办法（征求意见稿）"
DRAFT = f"""{TITLE}
第一章　总则
第一条　为了加强政府性债务管理，防范财政风险，根据《中华人民共和国预算法》，制定本办法。
第二条　本办法适用于本县各级政府及其部门的债务管理活动。
第三条　县财政局是政府性债务的主管部门，负责下列工作：
（一）编制债务限额方案；
（二）监督债务资金使用。
县审计局依法对政府性债务进行审计监督。
第二章　举借和使用
第四条　政府性债务资金只能用于公益性资本支出。
第五条　债务资金不得用于经常性支出。
"""


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture(autouse=True)
def _today():
    with at(TODAY):
        yield


def new_draft(clerk, **fields):
    fields.setdefault("agency", clerk.agency)
    fields.setdefault("title", TITLE)
    fields.setdefault("draft_text", DRAFT)
    fields.setdefault("background", "本县政府性债务规模逐年增长，需要规范管理。")
    fields.setdefault("basis", "《中华人民共和国预算法》")
    fields.setdefault("main_content", "共两章五条，规定了主管部门、举借和使用要求。")
    fields.setdefault("letter_address", "示范县人民路1号县财政局（邮编276000）")
    fields.setdefault("email", "czj@example.gov.cn")
    fields.setdefault("fax", "0539-8100003")
    return actions.create_consultation(clerk, **fields)


def opened(clerk, reviewer, **fields):
    """An uploaded draft prepared by `clerk`, approved by `reviewer` and opened today."""
    c = new_draft(clerk, **fields)
    c = actions.submit_consultation(clerk, c)
    c = actions.approve_consultation(reviewer, c, note="同意")
    return actions.open_consultation(clerk, c)


@pytest.fixture
def consultation(li_ming, wang_fang):
    return opened(li_ming, wang_fang)


def comment(consultation, body="建议明确债务限额的审批程序和公开要求。", *, key="k1", paragraph=None, **kw):
    kw.setdefault("phone", PHONE)
    return actions.submit_comment(consultation, body=body, idempotency_key=key, paragraph=paragraph, **kw)[0]
