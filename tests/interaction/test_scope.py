"""Who sees a message: its office, its lead agency, its assisting agencies and the supervisors over
them — nobody else; and whose 待办 it is at each step."""

from __future__ import annotations

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions
from gongkai.interaction.queries import messages_for, todo_items


def _codes(user) -> set[str]:
    return set(messages_for(user).values_list("receipt_code", flat=True))


def test_office_lead_assist_and_supervisor_see_it_others_do_not(
    message, zhou_min, county, li_ming, liu_yang, zhao_qiang, chen_jing
):
    code = message.receipt_code
    assert code in _codes(zhou_min) and code in _codes(zhao_qiang)
    assert code not in _codes(li_ming) and code not in _codes(liu_yang) and code not in _codes(chen_jing)
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    assert code in _codes(li_ming) and code not in _codes(liu_yang)
    actions.return_message(li_ming, message, reason="不属本局职责")
    actions.redispatch_message(
        zhou_min, message, lead_agency=county.finance, assist_agencies=[county.housing]
    )
    assert code in _codes(liu_yang) and code not in _codes(chen_jing)


def test_a_supervisor_of_another_county_cannot_supervise(message, chen_jing):
    with pytest.raises(ActionRefused, match="该留言不在您的督办范围内"):
        actions.supervise_message(chen_jing, message, text="请尽快办理")


def test_only_the_office_dispatches(message, county, li_ming):
    with pytest.raises(ActionRefused, match="交办需要以下角色之一|只有交办单位"):
        actions.dispatch_message(li_ming, message, lead_agency=county.finance)


def test_whose_todo_it_is(message, zhou_min, county, li_ming, wu_lei, wang_fang, zhang_wei):
    def has(user) -> bool:
        return any(message.receipt_code in item.title for item in todo_items(user))

    assert has(zhou_min) and not has(li_ming)
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    assert has(li_ming) and not has(zhou_min) and not has(wu_lei)
    actions.assign_responder(li_ming, message, responder=wu_lei)
    assert has(wu_lei) and not has(li_ming)
    actions.request_extension(wu_lei, message, days=3, reason="需现场勘查")
    assert has(zhang_wei)
    actions.submit_reply(wu_lei, message, body="已安排维修。")
    assert has(wang_fang) and not has(wu_lei)
