"""The workflow of a 通报, as data for the core engine (`gongkai.common.workflow`).

草稿 → 待审核 (the supervising office's clerk submits) → 已审核 (its reviewer approves) or 退回 (with
a reason; the clerk edits and submits again) → 已发布 (a supervisor publishes). Only staff of the
issuing agency act on its bulletins (a supervisor: of an agency whose scope holds the issuer).
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import BulletinState

S = BulletinState
A = "gongkai.oversight.bulletins_actions."
F = "gongkai.oversight.bulletins_forms."

TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", (S.DRAFT, S.RETURNED), S.REVIEWING, (Role.CLERK,), "提交审核", "通报已提交审核",
               A + "submit_bulletin", "gongkai.common.forms.ActionForm"),
    Transition("approve", (S.REVIEWING,), S.APPROVED, (Role.REVIEWER,), "审核通过", "通报已审核通过",
               A + "approve_bulletin", "gongkai.common.forms.ActionForm"),
    Transition("return", (S.REVIEWING, S.APPROVED), S.RETURNED, (Role.REVIEWER, Role.SUPERVISOR), "退回修改",
               "通报已退回修改", A + "return_bulletin", F + "ReasonForm", primary=False),
    Transition("publish", (S.APPROVED,), S.PUBLISHED, (Role.SUPERVISOR,), "发布", "通报已发布",
               A + "publish_bulletin", "gongkai.common.forms.ActionForm"),
)  # fmt: skip


def acts_for_issuer(actor, bulletin) -> bool:
    """Staff of the issuing agency; a supervisor whose scope holds it; a superuser."""
    from gongkai.agencies.scope import can_see_agency

    if actor is None or actor.is_superuser:
        return True
    if actor.agency_id == bulletin.agency_id:
        return True
    return actor.is_supervisor and can_see_agency(actor, bulletin.agency)


def _guard(actor, bulletin, transition: Transition) -> None:
    if not acts_for_issuer(actor, bulletin):
        raise ActionRefused(f"只有{bulletin.agency}的工作人员可以{transition.label}")
    if transition.action in ("submit", "approve", "publish") and not bulletin.entries.exists():
        raise ActionRefused("通报还没有任何表扬或批评事项，请先添加")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .bulletins_queries import bulletins_for

    return get_object_or_404(bulletins_for(request.user), pk=pk)


BULLETINS = Workflow(
    name="oversight_bulletins",
    noun="通报",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(BulletinState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda b: reverse("oversight_staff:bulletin", args=[b.pk]),
    list_url=lambda: reverse("oversight_staff:bulletins"),
    template="oversight/bulletins/wb_act.html",
    nav="oversight_bulletins",
    extra_context=lambda request, b, transition: {"bulletin": b},
)
