"""The workflow of an annual plan, as data for the core engine (`gongkai.common.workflow`).

draft (entered or imported by a clerk) → reviewing (submitted) → published (a reviewer, signer or
supervisor publishes it, optionally naming the published document that carries it); a reviewer
may return it to draft with a reason. Every side is "manager": see `rules.manages`.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import PlanState

S = PlanState
A = "gongkai.plans.actions."
F = "gongkai.plans.forms."
APPROVERS = (Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)

TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", (S.DRAFT,), S.REVIEWING, (Role.CLERK,), "提交审核", "工作要点已提交审核",
               A + "submit_plan", "gongkai.common.forms.ActionForm"),
    Transition("return", (S.REVIEWING,), S.DRAFT, APPROVERS, "退回修改", "工作要点已退回修改",
               A + "return_plan", F + "ReasonForm", primary=False),
    Transition("publish", (S.REVIEWING,), S.PUBLISHED, APPROVERS, "发布", "工作要点已发布",
               A + "publish_plan", F + "PublishForm"),
)  # fmt: skip


def _guard(actor, plan, transition: Transition) -> None:
    from .rules import manages

    if actor is None:
        raise ActionRefused("请先登录")
    if not manages(actor, plan):
        raise ActionRefused(f"只有{plan.agency}及其办公室的工作人员可以{transition.label}")
    if transition.action in ("submit", "publish") and not plan.tasks.exists():
        raise ActionRefused("工作要点还没有任何任务，请先导入或录入任务")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .rules import plans_for

    return get_object_or_404(plans_for(request.user), pk=pk)


PLANS = Workflow(
    name="plans",
    noun="工作要点",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(PlanState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda plan: reverse("plans_staff:plan", args=[plan.pk]),
    list_url=lambda: reverse("plans_staff:home"),
    template="plans/wb_act.html",
    nav="plans",
    extra_context=lambda request, plan, transition: {"plan": plan},
)
