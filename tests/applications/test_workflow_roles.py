"""The transition table decides who may take each step, and from which state."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions, workflow
from gongkai.applications.models import State
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import register, submit

pytestmark = pytest.mark.django_db
D = date


def test_every_action_has_roles_and_sources():
    for t in workflow.TRANSITIONS:
        assert t.roles and t.sources, t.action


def test_online_application_waits_for_confirmation(county, li_ming):
    app = submit(county.finance, submitted_on=D(2026, 11, 16))
    assert app.state == State.RECEIVED and app.clock is None
    with pytest.raises(ActionRefused, match="不能告知补正"):
        actions.request_correction(li_ming, app, items=["x"])
    with pytest.raises(ActionRefused, match="早于申请提交日期"):
        actions.confirm_application(li_ming, app, confirmed_on=D(2026, 11, 13))
    actions.confirm_application(li_ming, app, confirmed_on=D(2026, 11, 17))
    app.refresh_from_db()
    assert app.received_on == D(2026, 11, 17) and app.clock.started_on == D(2026, 11, 17)
    assert app.notices.get(kind="acceptance").text.count(app.receipt_code) == 1


def test_reviewer_cannot_draft_and_clerk_cannot_review(county, li_ming, wang_fang):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    with pytest.raises(ActionRefused, match="需要以下角色"):
        actions.draft_reply(wang_fang, app, outcome="disclose", values={"where": "邮寄"})
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "邮寄"})
    with pytest.raises(ActionRefused, match="需要以下角色"):
        actions.review_reply(li_ming, app)
    actions.return_reply(wang_fang, app, note="请补充获取途径")
    app.refresh_from_db()
    assert app.state == State.ACCEPTED


def test_partial_needs_the_withheld_parts(county, li_ming):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    with pytest.raises(ActionRefused, match="条例第三十七条"):
        actions.draft_reply(li_ming, app, outcome="partial", values={"where": "邮寄"})


def test_outsider_cannot_touch_another_countys_case(county, li_ming, chen_jing):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    with pytest.raises(ActionRefused, match="该申请不在您的工作范围内"):
        actions.draft_reply(chen_jing, app, outcome="disclose", values={"where": "邮寄"})


def test_on_the_spot_answer_closes_at_once(county, li_ming):
    app = submit(county.finance)
    actions.answer_on_the_spot(li_ming, app, outcome="disclose", values={"where": "当场提供复印件"})
    app.refresh_from_db()
    assert app.state == State.REPLIED and app.on_the_spot and app.closed_on == app.received_on
    assert app.clock.state == "stopped"


def test_supervisor_reassigns_within_subtree_and_issues_supervision(
    county, li_ming, zhao_qiang, liu_yang, chen_jing
):
    app = register(li_ming, county.finance, on=D(2026, 11, 2))
    actions.assign_application(zhao_qiang, app, handler=liu_yang, agency=county.housing)
    app.refresh_from_db()
    assert app.agency == county.housing and app.handler == liu_yang and app.clock.agency == county.housing
    actions.supervise_application(zhao_qiang, app, note="请于本周内答复")
    assert app.supervisions.get().note == "请于本周内答复"
    # 刘洋 works at 县住建局, so the case is in his scope: only the role can refuse him.
    with pytest.raises(ActionRefused, match="督办需要以下角色之一：主管部门"):
        actions.supervise_application(liu_yang, app, note="x")
    with pytest.raises(ActionRefused, match="不能改派到您主管范围以外的机关"):
        actions.assign_application(zhao_qiang, app, handler=chen_jing, agency=county.neighbour)
    assert app.supervisions.count() == 1
