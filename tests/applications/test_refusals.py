"""The refusals of the actions no other test reaches; each matches its message and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import actions
from gongkai.applications.models import Appeal, Application, Release, State, Supervision
from gongkai.common.errors import ActionRefused
from tests.applications.helpers import CITIZEN, REQUEST, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("far_today")]
D = date


@pytest.fixture
def app(county, li_ming):
    return register(li_ming, county.finance, on=D(2026, 11, 2))


# ---------------------------------------------------------------- register_application


@pytest.mark.parametrize(
    ("who", "change", "message", "field"),
    [
        ("li_ming", {"channel": "online"}, "请选择申请渠道（互联网申请由申请人在门户网站提交）", "channel"),
        ("wang_fang", {}, "登记申请需要信息公开工作人员或主管部门角色", None),
        ("li_ming", {"agency": "neighbour"}, "该机关不在您的工作范围内", "agency"),
        (
            "li_ming",
            {"submitted_on": None},
            "以“当面提交”方式提交的申请，以提交之日为收到申请之日",
            "received",
        ),
    ],
)
def test_register_refusals(request, county, who, change, message, field):
    kwargs = {"agency": county.finance, "channel": "in_person", "submitted_on": D(2026, 11, 2)} | change
    if kwargs["agency"] == "neighbour":
        kwargs["agency"] = county.neighbour
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.register_application(
            request.getfixturevalue(who), applicant=CITIZEN, request=REQUEST, **kwargs
        )
    assert refused.value.field == field
    assert not Application.objects.exists()


# ---------------------------------------------------------------- send_notice


def test_send_notice_refusals(app, li_ming, wang_fang, chen_jing):
    receipt = app.notices.get(kind="acceptance")
    with pytest.raises(ActionRefused, match="该申请不在您的工作范围内"):
        actions.send_notice(chen_jing, receipt)
    with pytest.raises(ActionRefused, match="发出告知书需要信息公开工作人员或审发人角色"):
        actions.send_notice(wang_fang, receipt)
    with pytest.raises(ActionRefused, match="告知书正文不能为空"):
        actions.send_notice(li_ming, receipt, text="  ")
    with pytest.raises(ActionRefused, match="发出日期不能早于收到申请之日"):
        actions.send_notice(li_ming, receipt, on=D(2026, 10, 30))
    receipt.refresh_from_db()
    assert not receipt.is_sent and not receipt.file
    actions.send_notice(li_ming, receipt, on=D(2026, 11, 2))
    with pytest.raises(ActionRefused, match="该受理回执已于2026年11月2日发出，不能再修改"):
        actions.send_notice(li_ming, receipt, text="改过的正文")


def test_the_reply_goes_out_only_with_send_reply(app, li_ming):
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "邮寄"})
    reply = app.notices.get(kind="reply")
    with pytest.raises(ActionRefused, match="答复告知书随“发出答复”一并发出"):
        actions.send_notice(li_ming, reply)


# ---------------------------------------------------------------- supervise_application


def test_supervise_refusals(app, li_ming, zhao_qiang, wang_fang):
    with pytest.raises(ActionRefused, match="请填写督办意见") as refused:
        actions.supervise_application(zhao_qiang, app, note=" ")
    assert refused.value.field == "note"
    with pytest.raises(ActionRefused, match="督办需要以下角色之一：主管部门"):
        actions.supervise_application(li_ming, app, note="加快")
    actions.draft_reply(li_ming, app, outcome="disclose", values={"where": "邮寄"})
    actions.review_reply(wang_fang, app)
    actions.send_reply(li_ming, app, on=D(2026, 11, 20))
    with pytest.raises(ActionRefused, match="申请当前状态为“已答复”，不能督办"):
        actions.supervise_application(zhao_qiang, app, note="加快")
    assert not Supervision.objects.exists()


# ---------------------------------------------------------------- record_appeal


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"kind": "petition"}, "请选择案件类型", "kind"),
        ({"result": "won"}, "请选择结果", "result"),
        ({"decided_on": D(2026, 12, 20)}, "尚未审结的案件不应填写审结日期", "decided_on"),
        ({"result": "upheld"}, "已审结的案件请填写审结日期", "decided_on"),
        ({"result": "upheld", "decided_on": D(2026, 11, 30)}, "审结日期不能早于提起日期", "decided_on"),
        ({"filed_on": None}, "请填写提起日期", "filed_on"),
        ({"filed_on": D(2027, 1, 4)}, "提起日期不能晚于今天", "filed_on"),
    ],
)
def test_record_appeal_refusals(app, li_ming, change, message, field):
    kwargs = {"kind": "review", "filed_on": D(2026, 12, 1)} | change
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.record_appeal(li_ming, app, **kwargs)
    assert refused.value.field == field
    assert not Appeal.objects.exists()


def test_record_appeal_outside_scope(app, chen_jing):
    with pytest.raises(ActionRefused, match="该申请不在您的工作范围内"):
        actions.record_appeal(chen_jing, app, kind="review", filed_on=D(2026, 12, 1))


# ---------------------------------------------------------------- release_redacted


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"title": " "}, "请填写材料名称和原文", "text"),
        ({"text": ""}, "请填写材料名称和原文", "text"),
        (
            {"redactions": [{"part": "王五", "reason": "个人隐私"}]},
            "原文中找不到要遮盖的内容“王五”，请核对",
            "redactions",
        ),
    ],
)
def test_release_refusals(app, li_ming, change, message, field):
    kwargs = {
        "title": "2026年部门预算",
        "text": "预算总额100万元。联系人赵六。",
        "redactions": [{"part": "赵六", "reason": "个人隐私"}],
    } | change
    with pytest.raises(ActionRefused, match=message) as refused:
        actions.release_redacted(li_ming, app, **kwargs)
    assert refused.value.field == field
    assert not Release.objects.exists()


def test_release_needs_a_clerk_and_an_open_case(app, li_ming, wang_fang):
    kwargs = {"title": "预算", "text": "联系人赵六。", "redactions": [{"part": "赵六", "reason": "个人隐私"}]}
    with pytest.raises(
        ActionRefused, match="制作公开文本（遮盖不予公开部分）需要以下角色之一：信息公开工作人员"
    ):
        actions.release_redacted(wang_fang, app, **kwargs)
    app.state = State.ARCHIVED  # the state alone decides here; no need to walk the whole case
    with pytest.raises(ActionRefused, match="申请当前状态为“已归档”，不能制作公开文本"):
        actions.release_redacted(li_ming, app, **kwargs)
    assert not Release.objects.exists()
