"""The workflow of an annual report, as data for the core engine (`gongkai.common.workflow`).

草稿 → (clerk submits) 待审核 → (reviewer, signer or supervisor approves) 已审核 → (publishes) 已发布;
待审核 or 已审核 may be returned with a reason (已退回, edited and submitted again). Who may act on a
report: staff of its agency, of the office that supervises it (县政府办公室 for the county's consolidated
report), or a supervisor whose scope covers it.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models.reports import ReportState

S = ReportState
A = "gongkai.oversight.reports_actions."
F = "gongkai.oversight.reports_forms."
APPROVERS = (Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)

TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, (Role.CLERK,), "提交审核", "年度报告已提交审核",
               A + "submit_report", "gongkai.common.forms.ActionForm"),
    Transition("approve", (S.SUBMITTED,), S.APPROVED, APPROVERS, "审核通过", "年度报告已审核通过",
               A + "approve_report", "gongkai.common.forms.ActionForm"),
    Transition("return", (S.SUBMITTED, S.APPROVED), S.RETURNED, APPROVERS, "退回修改", "年度报告已退回修改",
               A + "return_report", F + "ReasonForm", primary=False),
    Transition("publish", (S.APPROVED,), S.PUBLISHED, APPROVERS, "发布", "年度报告已发布",
               A + "publish_report", "gongkai.common.forms.ActionForm"),
)  # fmt: skip


def _guard(actor, report, transition: Transition) -> None:
    from .reports_queries import manages

    if actor is None:
        return  # the system (demo, commands) acting on its own
    if not manages(actor, report):
        raise ActionRefused(f"只有{report.agency}及其主管部门的工作人员可以{transition.label}")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .reports_queries import reports_for

    return get_object_or_404(reports_for(request.user), pk=pk)


REPORTS = Workflow(
    name="oversight_reports",
    noun="年度报告",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(ReportState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda report: reverse("oversight_staff:report", args=[report.pk]),
    list_url=lambda: reverse("oversight_staff:reports"),
    template="oversight/reports/wb_act.html",
    nav="oversight_reports",
    extra_context=lambda request, report, transition: {"report": report},
)
