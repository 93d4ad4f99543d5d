"""Dispositions after closing: every comment (held, hidden and offline ones included) or its group gets
采纳 / 部分采纳 / 不采纳 with a reason; the report cannot go forward while any lacks one, and the
refusal says how many."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.consultation import report_actions
from gongkai.consultation.models import Comment, State
from gongkai.consultation.report import lacking_disposition, lacking_review
from tests.consultation.report_helpers import after, closed_with_comments, dispose_all, reported

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("disposed", "grouped", "message"),
    [
        (0, False, "还有6条意见没有处理意见（暂扣和不予公开的意见也要逐条处理），不能提交审核"),
        (5, False, "还有1条意见没有处理意见（暂扣和不予公开的意见也要逐条处理），不能提交审核"),  # the letter
        (
            3,
            True,
            "还有3条意见没有处理意见（暂扣和不予公开的意见也要逐条处理），不能提交审核",
        ),  # group not disposed
    ],
)
def test_submit_refused_while_a_comment_lacks_a_disposition(li_ming, wang_fang, disposed, grouped, message):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        report_actions.set_final_text(li_ming, c, text="第一条　定稿。")
        if grouped:
            report_actions.group_comments(li_ming, c, [m.pk for m in comments[:3]], title="适用范围")
            dispose_all(li_ming, c, comments[3:])
        else:
            dispose_all(li_ming, c, comments[:disposed])
        with pytest.raises(ActionRefused) as refused:
            report_actions.submit_report(li_ming, c)
    assert refused.value.message == message
    c.refresh_from_db()
    assert c.state == State.CLOSED


def test_the_hidden_comment_still_needs_and_gets_a_disposition(li_ming, wang_fang):
    c, comments = closed_with_comments(li_ming, wang_fang)
    hidden = comments[4]
    hidden.refresh_from_db()
    assert hidden.moderation == "hidden"
    with after(c):
        assert lacking_disposition(c) == 6
        report_actions.dispose(li_ming, hidden, disposition="not_adopted", reason="与草案内容无关")
        assert lacking_disposition(c) == 5


@pytest.mark.parametrize(
    ("disposition", "reason", "message", "field"),
    [
        ("adopted", "  ", "请填写采纳或不采纳的理由", "reason"),
        ("maybe", "理由", "请选择采纳、部分采纳或不采纳", "disposition"),
        ("adopted", "长" * 2001, "理由不能超过2000字（现有2001字）", "reason"),
    ],
)
def test_bad_disposition_is_refused_and_changes_nothing(
    li_ming, wang_fang, disposition, reason, message, field
):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c), pytest.raises(ActionRefused) as refused:
        report_actions.dispose(li_ming, comments[0], disposition=disposition, reason=reason)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert Comment.objects.get(pk=comments[0].pk).disposition == ""


def test_no_disposition_before_closing(li_ming, wang_fang):
    from tests.consultation.conftest import comment, opened

    c = opened(li_ming, wang_fang)
    m = comment(c, "建议增加公开要求。", key="early")
    with pytest.raises(ActionRefused, match="仅在意见处理中时可以"):
        report_actions.dispose(li_ming, m, disposition="adopted", reason="好")


def test_a_grouped_comment_takes_the_groups_disposition(li_ming, wang_fang):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        group = report_actions.group_comments(li_ming, c, [m.pk for m in comments[:3]], title="适用范围")
        report_actions.dispose(li_ming, group, disposition="partly", reason="部分采纳")
        with pytest.raises(ActionRefused, match="已归入“适用范围”，请对该归类填写处理意见"):
            report_actions.dispose(li_ming, comments[0], disposition="adopted", reason="好")
        assert {Comment.objects.get(pk=m.pk).effective_disposition() for m in comments[:3]} == {"partly"}
        report_actions.ungroup_comment(li_ming, comments[0])
        assert Comment.objects.get(pk=comments[0].pk).effective_disposition() == ""
    assert AuditEntry.objects.filter(action="consultation.disposition.set").count() == 1


def test_staff_of_another_agency_cannot_dispose(li_ming, wang_fang, liu_yang):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with (
        after(c),
        pytest.raises(ActionRefused, match="只有起草单位（示范县财政局）的工作人员可以填写处理意见"),
    ):
        report_actions.dispose(liu_yang, comments[0], disposition="adopted", reason="好")


def test_workflow_submit_approve_publish_and_return(li_ming, wang_fang):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        dispose_all(li_ming, c, comments)
        report_actions.set_final_text(li_ming, c, text="第一条　定稿。")
        report_actions.submit_report(li_ming, c)
        with pytest.raises(ActionRefused, match="审核通过需要以下角色之一：审核人、审发人"):
            report_actions.approve_report(li_ming, c)
        with pytest.raises(ActionRefused, match="征求意见当前状态为“采纳情况待审核”，不能填写处理意见"):
            report_actions.dispose(li_ming, comments[0], disposition="not_adopted", reason="改主意")
        report_actions.approve_report(wang_fang, c)
        assert lacking_review(c) == 0
        report_actions.return_report(wang_fang, c, reason="第4条理由过于简单")
        c.refresh_from_db()
        assert (c.state, c.report_note) == (State.CLOSED, "第4条理由过于简单")
        # A disposition changed after the return needs a new review: the others keep theirs.
        report_actions.dispose(
            li_ming, comments[3], disposition="partly", reason="部分采纳：增加绩效评价的原则规定"
        )
        assert lacking_review(c) == 1
        report_actions.submit_report(li_ming, c)
        report_actions.approve_report(wang_fang, c)
        report_actions.publish_report(wang_fang, c)
    c.refresh_from_db()
    assert c.state == State.REPORTED and c.report_published_at is not None
    codes = list(
        AuditEntry.objects.filter(action__startswith="consultation.report.").values_list("action", flat=True)
    )
    assert codes.count("consultation.report.submit") == 2 and "consultation.report.publish" in codes


def test_submit_needs_the_final_text(li_ming, wang_fang):
    c, comments = closed_with_comments(li_ming, wang_fang)
    with after(c):
        dispose_all(li_ming, c, comments)
        with pytest.raises(ActionRefused, match="请先录入决策文本（采纳后），再提交审核"):
            report_actions.submit_report(li_ming, c)


def test_reported_fixture_reaches_reported(li_ming, wang_fang):
    c, _ = reported(li_ming, wang_fang)
    assert c.state == State.REPORTED
