"""The review of a power list version, as data for the core engine (`gongkai.common.workflow`).

draft (a clerk adjusts items) → reviewing (submitted) → published (a reviewer, signer or
supervisor approves); a reviewer may return it to draft with a reason.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import ListState
from .rules import APPROVERS, MAKERS

S = ListState
A = "gongkai.services.actions."
F = "gongkai.services.forms."

TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", (S.DRAFT,), S.REVIEWING, MAKERS, "提交审核", "权责清单已提交审核",
               A + "submit_power_list", "gongkai.common.forms.ActionForm"),
    Transition("return", (S.REVIEWING,), S.DRAFT, APPROVERS, "退回修改", "权责清单已退回修改",
               A + "return_power_list", F + "ReasonForm", primary=False),
    Transition("publish", (S.REVIEWING,), S.PUBLISHED, APPROVERS, "审核通过并发布", "权责清单已发布",
               A + "publish_power_list", "gongkai.common.forms.ActionForm"),
)  # fmt: skip


def _guard(actor, power_list, transition: Transition) -> None:
    from gongkai.agencies.scope import can_see_agency

    if actor is None:
        raise ActionRefused("请先登录")
    if not (actor.is_superuser or can_see_agency(actor, power_list.agency)):
        raise ActionRefused(f"只有{power_list.agency}及其主管部门的工作人员可以{transition.label}")
    if transition.action in ("submit", "publish") and not power_list.items.exists():
        raise ActionRefused("权责清单还没有任何事项，请先添加事项")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .queries import power_lists_for

    return get_object_or_404(power_lists_for(request.user), pk=pk)


POWER_LISTS = Workflow(
    name="services.power_list",
    noun="权责清单",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(ListState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda pl: reverse("services_staff:power_list", args=[pl.pk]),
    list_url=lambda: reverse("services_staff:power_lists"),
    template="services/wb_act.html",
    nav="services",
    extra_context=lambda request, pl, transition: {"power_list": pl},
)
