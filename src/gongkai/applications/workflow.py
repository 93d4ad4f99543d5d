"""The workflow of an application, declared once: (state, action) → new state, and who may act.

The states read like the law (条例第三十条至第三十五条). `RETURN` as a target means "back to the
state the case was in before it was paused" (征求意见, 收费, 说明理由 and 补正 all interrupt a
case that may be accepted, in progress or extended). `actions.py` calls `check()` before
touching anything; a refused transition raises `ActionRefused` with a Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused

from .models import State

RETURN = "<return>"
S = State
CLERK, REVIEWER, SIGNER, SUPERVISOR = Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR
WORKING = (S.ACCEPTED, S.IN_PROGRESS, S.EXTENDED)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]


TRANSITIONS: tuple[Transition, ...] = (
    Transition("confirm", "确认收到（双方确认）", (S.RECEIVED,), S.ACCEPTED, (CLERK,)),
    Transition("answer_on_the_spot", "当场答复", (S.RECEIVED, S.ACCEPTED), S.REPLIED, (CLERK,)),
    Transition("request_correction", "告知补正", (S.ACCEPTED, S.IN_PROGRESS), S.CORRECTION, (CLERK,)),
    Transition("receive_correction", "收到补正", (S.CORRECTION,), RETURN, (CLERK,)),
    Transition("lapse_correction", "逾期未补正，不再处理", (S.CORRECTION,), S.REPLIED, (CLERK,)),
    Transition(
        "assign", "交承办人办理", (S.ACCEPTED, S.IN_PROGRESS, S.EXTENDED), S.IN_PROGRESS, (CLERK, SUPERVISOR)
    ),
    Transition("start_inquiry", "征求意见（暂停计时）", WORKING, S.PAUSED, (CLERK,)),
    Transition("end_inquiry", "收到意见或期满（恢复计时）", (S.PAUSED,), RETURN, (CLERK,)),
    Transition("extend", "延期答复", (S.ACCEPTED, S.IN_PROGRESS), S.EXTENDED, (CLERK, SIGNER)),
    Transition("notify_fee", "发出收费通知", WORKING, S.FEE_PENDING, (CLERK,)),
    Transition("record_payment", "登记缴费", (S.FEE_PENDING,), RETURN, (CLERK,)),
    Transition("lapse_fee", "逾期未缴费，不再处理", (S.FEE_PENDING,), S.REPLIED, (CLERK,)),
    Transition("ask_reasons", "要求说明理由（条例第三十五条）", WORKING, S.REASONS_PENDING, (CLERK,)),
    Transition("decide_reasons", "认定理由（条例第三十五条）", (S.REASONS_PENDING,), RETURN, (CLERK, SIGNER)),
    Transition("draft_reply", "拟写答复", WORKING, S.DRAFTED, (CLERK,)),
    Transition("return_reply", "退回修改", (S.DRAFTED, S.REVIEWED), RETURN, (REVIEWER, SIGNER)),
    Transition("review_reply", "审核答复", (S.DRAFTED,), S.REVIEWED, (REVIEWER,)),
    Transition("send_reply", "发出答复", (S.REVIEWED,), S.REPLIED, (CLERK, SIGNER)),
    Transition("archive", "归档", (S.REPLIED,), S.ARCHIVED, (CLERK,)),
)

BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}


def _labels(states) -> str:
    return "、".join(str(State(s).label) for s in states)


def check(application, action: str, actor) -> Transition:
    """The transition `action` from the application's state, if `actor` may take it."""
    transition = BY_ACTION[action]
    if application.state not in transition.sources:
        raise ActionRefused(
            f"申请当前状态为“{application.get_state_display()}”，不能{transition.label}"
            f"（仅在{_labels(transition.sources)}时可以）"
        )
    if (
        actor is not None
        and not getattr(actor, "is_superuser", False)
        and not actor.has_role(*transition.roles)
    ):
        roles = "、".join(str(Role(r).label) for r in transition.roles)
        raise ActionRefused(f"{transition.label}需要以下角色之一：{roles}")
    return transition


def target_state(application, transition: Transition) -> str:
    if transition.target == RETURN:
        return application.state_before_pause or State.IN_PROGRESS
    return transition.target


def available(application, actor) -> list[Transition]:
    """Transitions `actor` may take now (for the case page's buttons)."""
    out = []
    for t in TRANSITIONS:
        if application.state not in t.sources:
            continue
        if actor.is_superuser or actor.has_role(*t.roles):
            out.append(t)
    return out
