"""The life of a new-media account, as data for the core workflow engine (国办发〔2018〕123号:
new accounts are reviewed and registered, closures and mergers recorded).

A clerk registers an account (待审核); a reviewer of the same agency approves it (运营) or turns it
down with a reason. A running account is closed (注销) or merged into another (整合) with a date and a
reason; its details are edited while pending or running. Who: the staff of the account's agency, or
a supervisor whose scope covers it.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import SAME, Transition, Workflow

from .models import AccountState

S = AccountState
A = "gongkai.newmedia.actions.accounts."
F = "gongkai.newmedia.forms."
EDITORS = (Role.CLERK, Role.REVIEWER, Role.SUPERVISOR)

TRANSITIONS: tuple[Transition, ...] = (
    Transition("approve", (S.PENDING,), S.ACTIVE, (Role.REVIEWER,), "审核通过", "账号已审核通过，开始运营",
               A + "approve_account", F + "NoteForm"),
    Transition("reject", (S.PENDING,), S.REJECTED, (Role.REVIEWER,), "不予通过", "账号未通过审核",
               A + "reject_account", F + "ReasonForm", primary=False),
    Transition("edit", (S.PENDING, S.ACTIVE), SAME, EDITORS, "修改账号信息", "账号信息已修改",
               A + "update_account", F + "AccountEditForm", primary=False),
    Transition("close", (S.ACTIVE,), S.CLOSED, EDITORS, "注销账号", "账号已注销",
               A + "close_account", F + "CloseForm", primary=False),
    Transition("merge", (S.ACTIVE,), S.MERGED, EDITORS, "整合到其他账号", "账号已整合",
               A + "merge_account", F + "MergeForm", primary=False),
)  # fmt: skip


def may_manage(actor, account) -> bool:
    return (
        actor.is_superuser
        or actor.agency_id == account.agency_id
        or (actor.is_supervisor and can_see_agency(actor, account.agency))
    )


def _guard(actor, account, transition: Transition) -> None:
    if actor is None:
        raise ActionRefused("请先登录")
    if not may_manage(actor, account):
        raise ActionRefused(f"只有{account.agency}的工作人员可以{transition.label}")
    if (
        transition.action in ("approve", "reject")
        and actor.pk == account.registered_by_id
        and not actor.is_superuser
    ):
        raise ActionRefused("登记人不能审核自己登记的账号")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .queries import accounts_for

    return get_object_or_404(accounts_for(request.user), pk=pk)


ACCOUNTS = Workflow(
    name="newmedia_accounts",
    noun="账号",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(AccountState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda account: reverse("newmedia_staff:account", args=[account.pk]),
    list_url=lambda: reverse("newmedia_staff:home"),
    nav="newmedia",
    extra_context=lambda request, account, transition: {"account": account},
)
