"""The rows of the consultation's workflow after closing (joined to `workflow.TRANSITIONS`).

closed (意见处理中) —提交审核→ report_review (采纳情况待审核) —审核通过→ reviewed (采纳情况已审核)
—公布采纳情况→ reported (已公布采纳情况); the reviewer may return it to closed with a reason.
The actions re-check what a table cannot say: every comment needs a disposition to be submitted and
a reviewed disposition to be published, and the refusal says how many lack one.
"""

from __future__ import annotations

from gongkai.agencies.models import Role
from gongkai.common.workflow import Transition

from .models import State

S = State
A = "gongkai.consultation.report_actions."
F = "gongkai.consultation.report_forms."
# Who prepares the dispositions, who reviews them and publishes the report (the drafting agency's own staff).
PREPARERS = (Role.CLERK, Role.RESPONDER)
REVIEWERS = (Role.REVIEWER, Role.SIGNER)


def _t(action, label, done, sources, target, roles, run, form="EmptyForm", **kw) -> Transition:
    return Transition(action, tuple(sources), target, tuple(roles), label, done, A + run, F + form, **kw)


REPORT_TRANSITIONS: tuple[Transition, ...] = (
    _t("submit_report", "提交采纳情况审核", "意见处理情况已提交审核", (S.CLOSED,), S.REPORT_REVIEW, PREPARERS,
       "submit_report"),
    _t("approve_report", "审核通过", "意见处理情况已审核通过", (S.REPORT_REVIEW,), S.REVIEWED, REVIEWERS,
       "approve_report"),
    _t("return_report", "退回修改", "意见处理情况已退回修改", (S.REPORT_REVIEW, S.REVIEWED), S.CLOSED, REVIEWERS,
       "return_report", "ReasonForm", primary=False),
    _t("publish_report", "公布采纳情况", "意见采纳情况已在门户网站公布", (S.REVIEWED,), S.REPORTED, REVIEWERS,
       "publish_report"),
)  # fmt: skip
