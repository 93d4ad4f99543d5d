"""The review workflow of documents and interpretations, declared once.

先审查、后公开; 三审 = 承办人员初审 → 承办部门负责人审核 → 单位负责人审发, then 保密审查 (RULES.md §5).
An agency's `PublishingPolicy` switches 初审/审核/审发 on or off (保密审查 cannot be switched off),
may let one person take several steps, and may send its documents to the office that runs the
portal (`publish_via`), which reviews them (上报审核) and publishes them.

`TRANSITIONS` is the whole table: (state, action) → new state, the roles that may act, and whose
staff act (the owning agency, the office it publishes via, or whichever of them publishes).
`NEXT` means "the next review step this agency's policy has switched on, or 待发布".
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency, Role
from gongkai.common.errors import ActionRefused

from .models import PublishingPolicy, ReviewStep, State

NEXT = "next"
OWN, VIA, PUBLISHER = "own", "via", "publisher"

# The review steps in order; each is a state the document waits in, and the role that takes it.
REVIEW_STEPS: tuple[tuple[str, str], ...] = (
    (State.CHECK, Role.CLERK),
    (State.REVIEW, Role.REVIEWER),
    (State.SIGN_OFF, Role.SIGNER),
    (State.SECRECY_REVIEW, Role.SECRECY_REVIEWER),
    (State.VIA_REVIEW, Role.REVIEWER),
)
STEP_ROLE = dict(REVIEW_STEPS)
REVIEW_STATES = tuple(state for state, _ in REVIEW_STEPS)

ACTION_LABELS = {
    "submit": "提交审查",
    "approve": "审查通过",
    "reject": "退回",
    "publish": "发布",
    "schedule": "定时发布",
    "withdraw": "撤回修改",
    "unpublish": "撤销发布",
    "reopen": "重新编辑",
}


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    target: str
    roles: tuple[str, ...]
    side: str = OWN


def _review(state: str, side: str = OWN) -> list[Transition]:
    roles = (STEP_ROLE[state],) if state != State.VIA_REVIEW else (Role.REVIEWER, Role.SIGNER)
    return [
        Transition(state, "approve", NEXT, roles, side),
        Transition(state, "reject", State.DRAFT, roles, side),
    ]


TRANSITIONS: tuple[Transition, ...] = (
    Transition(State.DRAFT, "submit", NEXT, (Role.CLERK,)),
    *_review(State.CHECK),
    *_review(State.REVIEW),
    *_review(State.SIGN_OFF),
    *_review(State.SECRECY_REVIEW),
    *_review(State.VIA_REVIEW, VIA),
    Transition(State.READY, "publish", State.PUBLISHED, (Role.CLERK, Role.SIGNER), PUBLISHER),
    Transition(State.READY, "schedule", State.READY, (Role.CLERK, Role.SIGNER), PUBLISHER),
    Transition(State.READY, "withdraw", State.DRAFT, (Role.CLERK, Role.SIGNER)),
    Transition(State.PUBLISHED, "unpublish", State.UNPUBLISHED, (Role.SIGNER,), PUBLISHER),
    Transition(State.UNPUBLISHED, "reopen", State.DRAFT, (Role.CLERK,)),
)
_TABLE = {(t.state, t.action): t for t in TRANSITIONS}


def policy_for(agency: Agency) -> PublishingPolicy:
    """The agency's policy; the default (all steps, no shared steps) when it has none saved."""
    try:
        return agency.publishing_policy
    except PublishingPolicy.DoesNotExist:
        return PublishingPolicy(agency=agency)


def steps_for(policy: PublishingPolicy) -> list[str]:
    """The review states a document of this agency passes through, in order."""
    switched = {
        State.CHECK: policy.check_on,
        State.REVIEW: policy.review_on,
        State.SIGN_OFF: policy.sign_off_on,
        State.SECRECY_REVIEW: True,
        State.VIA_REVIEW: bool(policy.publish_via_id and policy.publish_via_id != policy.agency_id),
    }
    return [state for state in REVIEW_STATES if switched[state]]


def next_state(policy: PublishingPolicy, state: str) -> str:
    steps = steps_for(policy)
    if state == State.DRAFT:
        return steps[0] if steps else State.READY
    following = steps[steps.index(state) + 1 :] if state in steps else []
    return following[0] if following else State.READY


def acting_agency_id(obj, side: str) -> int | None:
    if side == VIA:
        return obj.via_agency_id
    if side == PUBLISHER:
        return obj.via_agency_id or obj.agency_id
    return obj.agency_id


def allowed_actions(user, obj) -> list[str]:
    """Actions `user` may take on `obj` now (for showing buttons; the action re-checks everything)."""
    out = []
    for (state, action), transition in _TABLE.items():
        if state != obj.state:
            continue
        try:
            _check_actor(user, obj, transition)
        except ActionRefused:
            continue
        out.append(action)
    return out


def check(actor, obj, action: str) -> Transition:
    """The transition `actor` may take, or ActionRefused saying why not. Changes nothing."""
    transition = _TABLE.get((obj.state, action))
    if transition is None:
        state_label = State(obj.state).label
        raise ActionRefused(f"当前状态为“{state_label}”，不能{ACTION_LABELS.get(action, action)}")
    _check_actor(actor, obj, transition)
    return transition


def target_of(obj, transition: Transition) -> str:
    if transition.target != NEXT:
        return transition.target
    return next_state(policy_for(obj.agency), obj.state)


def _check_actor(actor, obj, transition: Transition) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise ActionRefused("请先登录")
    if not actor.is_superuser:
        if actor.agency_id != acting_agency_id(obj, transition.side):
            raise ActionRefused("此环节应由其他机关办理，您无权操作")
        if not actor.has_role(*transition.roles):
            labels = "、".join(str(Role(r).label) for r in transition.roles)
            raise ActionRefused(f"此操作需要以下角色之一：{labels}")
    if transition.action == "approve":
        _check_not_twice(actor, obj)


def _check_not_twice(actor, obj) -> None:
    """谁审查谁负责: one person takes one step of a document, unless the agency allows more."""
    if policy_for(obj.agency).allow_same_person:
        return
    taken = (
        ReviewStep.objects.filter(
            **{_owner_field(obj): obj},
            review_round=obj.review_round,
            decision=ReviewStep.Decision.APPROVED,
            actor=actor,
        )
        .values_list("step", flat=True)
        .first()
    )
    if taken:
        raise ActionRefused(
            f"您已办理本件的“{State(taken).label.removeprefix('待')}”环节，"
            "同一人不能办理两个审查环节（本机关未允许）"
        )


def _owner_field(obj) -> str:
    return "document" if obj._meta.model_name == "document" else "interpretation"
