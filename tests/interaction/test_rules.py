"""The refusals of RULES.md §7 and the issue: return window, one extension by the signer from the
signer's own account, reopen once, rating rules (unrated ≠ satisfied)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.common.errors import ActionRefused
from gongkai.interaction import actions
from gongkai.interaction.models import Message, Rating, State

from .conftest import answer


@pytest.fixture
def at_finance(message, zhou_min, county, li_ming, wu_lei):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    actions.assign_responder(li_ming, message, responder=wu_lei)
    message.refresh_from_db()
    return message


def test_reply_due_in_five_working_days(message):
    # Received Monday 2 March 2026: the five working days are 3–6 and 9 March.
    assert message.received_on == date(2026, 3, 2)
    assert message.due_on == date(2026, 3, 9)


@pytest.mark.parametrize(("days_later", "allowed"), [(0, True), (2, True), (3, False)])
def test_return_window_is_two_working_days(message, monday, zhou_min, county, li_ming, days_later, allowed):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    monday.shift(days_later * 86400)  # Monday → Wednesday is 2 working days, Thursday 3
    if allowed:
        actions.return_message(li_ming, message, reason="不属本局职责")
        assert Message.objects.get(pk=message.pk).state == State.RETURNED
    else:
        with pytest.raises(ActionRefused, match="退回期限已于2026年3月4日届满"):
            actions.return_message(li_ming, message, reason="不属本局职责")
        assert Message.objects.get(pk=message.pk).state == State.DISPATCHED


def test_only_the_lead_agency_returns(message, zhou_min, county, liu_yang):
    actions.dispatch_message(zhou_min, message, lead_agency=county.finance)
    with pytest.raises(ActionRefused, match="只有主办单位的工作人员可以退回交办单位"):
        actions.return_message(liu_yang, message, reason="不属本局职责")


def test_extension_once_by_the_signer(at_finance, wu_lei, zhang_wei, wang_fang):
    message = at_finance
    actions.request_extension(wu_lei, message, days=10, reason="需现场勘查")
    with pytest.raises(ActionRefused, match="批准延期需要以下角色之一：审发人"):
        actions.extend_message(wang_fang, message)
    actions.extend_message(zhang_wei, message)
    message.refresh_from_db()
    assert message.extended and message.extension_approved_by == zhang_wei
    assert message.due_on == date(2026, 3, 23)  # 9 March + 10 working days
    with pytest.raises(ActionRefused, match="本留言已延期一次，不能再次延期"):
        actions.request_extension(wu_lei, message, days=2, reason="再延")


def test_extension_at_most_ten_working_days(at_finance, wu_lei):
    with pytest.raises(ActionRefused, match="延期天数应为1至10个工作日"):
        actions.request_extension(wu_lei, at_finance, days=11, reason="需现场勘查")


def test_signer_of_another_agency_cannot_extend(at_finance, wu_lei, chen_jing):
    actions.request_extension(wu_lei, at_finance, days=5, reason="需现场勘查")
    with pytest.raises(ActionRefused, match="只有主办单位的工作人员可以批准延期"):
        actions.extend_message(chen_jing, at_finance)


def test_rating_an_unanswered_message_is_refused(at_finance):
    with pytest.raises(ActionRefused, match="留言尚未答复，不能评价"):
        actions.rate_reply(at_finance, value="satisfied")
    assert not Rating.objects.exists()


def test_second_rating_is_refused(at_finance, zhou_min, county, wu_lei, wang_fang):
    answer(at_finance, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    actions.rate_reply(at_finance, value="basically")
    with pytest.raises(ActionRefused, match="本次答复已评价，不能重复评价"):
        actions.rate_reply(at_finance, value="dissatisfied", reopen=True)
    assert Rating.objects.get().value == "basically"


def test_unrated_is_not_satisfied(at_finance, zhou_min, county, wu_lei, wang_fang):
    message = answer(at_finance, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    assert message.state == State.REPLIED
    assert not Rating.objects.filter(message=message).exists()


def test_reopen_only_once(at_finance, zhou_min, county, wu_lei, wang_fang):
    message = answer(at_finance, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    actions.rate_reply(message, value="dissatisfied", reopen=True)
    message = answer(message, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    with pytest.raises(ActionRefused, match="本留言已重办过一次，不能再次要求重办"):
        actions.rate_reply(message, value="dissatisfied", reopen=True)
    actions.rate_reply(message, value="dissatisfied")
    with pytest.raises(ActionRefused, match="本留言已重办过一次，不能再次重办"):
        actions.reopen_message(zhou_min, message, reason="再办一次")
    assert Message.objects.get(pk=message.pk).state == State.CLOSED


def test_reopen_by_the_office_needs_a_dissatisfied_rating(at_finance, zhou_min, county, wu_lei, wang_fang):
    message = answer(at_finance, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    actions.rate_reply(message, value="satisfied")
    with pytest.raises(ActionRefused, match="只有留言人对答复不满意时可以重办"):
        actions.reopen_message(zhou_min, message, reason="再办一次")


def test_only_the_named_responder_drafts(at_finance, liu_yang, county):
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    other = _person("qianjun", "钱军", county.finance, Role.RESPONDER)
    with pytest.raises(ActionRefused, match="只有本留言指定的网络回应人可以拟写答复"):
        actions.draft_reply(other, at_finance, body="答复")


def test_reviewer_cannot_approve_own_reply(at_finance, county, wu_lei):
    from gongkai.agencies.models import Role
    from tests.conftest import _person

    both = _person("zhengjie", "郑杰", county.finance, Role.RESPONDER, Role.REVIEWER)
    actions.assign_responder(both, at_finance, responder=both)
    actions.submit_reply(both, at_finance, body="答复")
    with pytest.raises(ActionRefused, match="答复须由答复人以外的审核人审核"):
        actions.approve_reply(both, at_finance)


def test_publishing_needs_consent(county_box, monday, zhou_min, county, wu_lei, wang_fang):
    from .conftest import write

    message = write(county_box, key="private", public_consent=False)
    answer(message, office=zhou_min, lead=county.finance, responder=wu_lei, reviewer=wang_fang)
    with pytest.raises(ActionRefused, match="留言人未同意公开，不能公开答复"):
        actions.publish_reply(wang_fang, message)


def test_invalid_message_is_kept(message, zhou_min):
    actions.mark_invalid(zhou_min, message, reason="广告")
    message.refresh_from_db()
    assert (message.state, message.is_valid, message.public_status) == ("invalid", False, "hidden")
