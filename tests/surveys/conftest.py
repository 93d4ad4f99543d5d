"""The people and surveys of 网上调查, on top of the county of tests/conftest.py.

县财政局: 李明 (clerk) drafts and opens surveys, 王芳 (reviewer) publishes results; 邻县: 陈静 (the
outsider). Respondents: 张三 (13812345678) and 李四 (13987654321). Time is frozen on Monday
2026-03-02 09:00 in Shanghai; the surveys run from 1 to 31 March.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.common import sms
from gongkai.surveys import actions
from gongkai.surveys.models import Rule, Survey

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
OPENS = datetime(2026, 3, 1, 8, 0, tzinfo=SHANGHAI)
CLOSES = datetime(2026, 3, 31, 18, 0, tzinfo=SHANGHAI)
ZHANG_SAN, LI_SI = "13812345678", "13987654321"


@pytest.fixture(autouse=True)
def march():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def build_survey(
    actor, agency, *, rule: str = Rule.PHONE, title: str = "县财政局政务服务满意度调查"
) -> Survey:
    survey = actions.create_survey(
        actor,
        agency=agency,
        title=title,
        intro="请就办事体验提出意见。",
        opens_at=OPENS,
        closes_at=CLOSES,
        rule=rule,
    )
    actions.add_question(
        actor, survey, kind="single", text="您办理的业务类型", options=["预算", "采购", "其他"]
    )
    actions.add_question(
        actor,
        survey,
        kind="multiple",
        text="您通过哪些渠道了解政策",
        options=["网站", "公众号", "窗口", "电话"],
        required=False,
    )
    actions.add_question(actor, survey, kind="rating", text="总体满意度")
    actions.add_question(actor, survey, kind="text", text="意见和建议", required=False)
    return survey


@pytest.fixture
def draft(county, li_ming) -> Survey:
    return build_survey(li_ming, county.finance)


@pytest.fixture
def phone_survey(draft, li_ming) -> Survey:
    return actions.open_survey(li_ming, draft)


@pytest.fixture
def browser_survey(county, li_ming) -> Survey:
    survey = build_survey(li_ming, county.finance, rule=Rule.BROWSER, title="县财政局网站改版意见调查")
    return actions.open_survey(li_ming, survey)


def fields(survey: Survey, *, single=0, multiple=(0, 2), rating="4", text="希望延长窗口办理时间。") -> dict:
    """A valid answer sheet as the form posts it: option indexes turned into option pks."""
    q = {question.kind: question for question in survey.questions.prefetch_related("options")}
    single_opts = list(q["single"].options.all())
    multiple_opts = list(q["multiple"].options.all())
    data = {
        q["single"].field_name: [str(single_opts[single].pk)] if single is not None else [],
        q["multiple"].field_name: [str(multiple_opts[i].pk) for i in multiple],
        q["rating"].field_name: [rating] if rating else [],
        q["text"].field_name: [text] if text else [],
    }
    return data


def questions(survey: Survey) -> dict:
    return {question.kind: question for question in survey.questions.prefetch_related("options")}


def answer_directly(survey: Survey, voter: str, key: str, **kw):
    """Submit through the action (the portal's checks are tested through the portal)."""
    return actions.submit_response(survey, data=fields(survey, **kw), voter=voter, idempotency_key=key)
