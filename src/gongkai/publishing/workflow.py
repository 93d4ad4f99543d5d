"""The review workflow of documents and interpretations, declared once for the workflow core.

先审查、后公开; 三审 = 承办人员初审 → 承办部门负责人审核 → 单位负责人审发, then 保密审查 (RULES.md §5).
An agency's `PublishingPolicy` switches 初审/审核/审发 on or off (保密审查 cannot be switched off),
may let one person take several steps, and may send its documents to the office that runs the
portal (`publish_via`), which reviews them (上报审核) and publishes them.

`DOCUMENTS` and `INTERPRETATIONS` are the whole tables: (states, action) → new state, the roles
that may act, and whose staff act (`side`: the owning agency, the office it publishes via, or
whichever of them publishes). `NEXT` means "the next review step this agency's policy has
switched on, or 待发布".
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Agency, Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

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
A = "gongkai.publishing.actions."
F = "gongkai.publishing.forms."


def _review(state: str, side: str = OWN) -> list[Transition]:
    roles = (STEP_ROLE[state],) if state != State.VIA_REVIEW else (Role.REVIEWER, Role.SIGNER)
    return [
        Transition("approve", (state,), NEXT, roles, "审查通过", "已审查通过", A + "approve_step",
                   F + ("SignOffForm" if state == State.SIGN_OFF else "ReviewForm"), side),
        Transition("reject", (state,), State.DRAFT, roles, "退回", "已退回起草人", A + "reject_step",
                   F + "ReviewForm", side, primary=False),
    ]  # fmt: skip


_SUBMIT = Transition("submit", (State.DRAFT,), NEXT, (Role.CLERK,), "提交审查", "已提交审查",
                     A + "submit_document", F + "ReviewForm")  # fmt: skip
_REVIEW = (
    *_review(State.CHECK),
    *_review(State.REVIEW),
    *_review(State.SIGN_OFF),
    *_review(State.SECRECY_REVIEW),
    *_review(State.VIA_REVIEW, VIA),
)
PUBLISHERS = (Role.CLERK, Role.SIGNER)
DOCUMENT_TRANSITIONS: tuple[Transition, ...] = (
    _SUBMIT,
    *_REVIEW,
    Transition("publish", (State.READY,), State.PUBLISHED, PUBLISHERS, "立即发布", "已发布到门户网站",
               A + "publish_document", F + "PublishForm", PUBLISHER),
    Transition("schedule", (State.READY,), State.READY, PUBLISHERS, "定时发布", "已设置定时发布",
               A + "schedule_publication", F + "ScheduleForm", PUBLISHER, primary=False),
    Transition("withdraw", (State.READY,), State.DRAFT, PUBLISHERS, "撤回修改", "已撤回修改",
               A + "withdraw_document", F + "ReviewForm", primary=False),
    Transition("unpublish", (State.PUBLISHED,), State.UNPUBLISHED, (Role.SIGNER,), "撤销发布", "已撤销发布",
               A + "unpublish_document", F + "UnpublishForm", PUBLISHER, primary=False),
    Transition("reopen", (State.UNPUBLISHED,), State.DRAFT, (Role.CLERK,), "重新编辑", "已转为草稿",
               A + "reopen_document", F + "ReviewForm", primary=False),
)  # fmt: skip
INTERPRETATION_TRANSITIONS: tuple[Transition, ...] = (
    _SUBMIT,
    *_REVIEW,
    Transition("publish", (State.READY,), State.PUBLISHED, PUBLISHERS, "发布", "已发布",
               A + "publish_interpretation", F + "ReviewForm", PUBLISHER),
)  # fmt: skip


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


def _resolve_target(obj, transition: Transition) -> str:
    if transition.target != NEXT:
        return transition.target
    return next_state(policy_for(obj.agency), obj.state)


def _guard(actor, obj, transition: Transition) -> None:
    """Whose staff act, and 谁审查谁负责 (one person takes one step, unless the agency allows more)."""
    if actor is None:
        raise ActionRefused("请先登录")
    if not actor.is_superuser and actor.agency_id != acting_agency_id(obj, transition.side or OWN):
        raise ActionRefused("此环节应由其他机关办理，您无权操作")
    if transition.action == "approve":
        _check_not_twice(actor, obj)


def _check_not_twice(actor, obj) -> None:
    if policy_for(obj.agency).allow_same_person:
        return
    owner = "document" if obj._meta.model_name == "document" else "interpretation"
    taken = (
        ReviewStep.objects.filter(
            **{owner: obj},
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


def _get_document(request, pk: int):
    from .views import get_document

    return get_document(request.user, pk)


def _get_interpretation(request, pk: int):
    from .interpretations.views import get_interpretation

    return get_interpretation(request.user, pk)


def _common(**kw) -> dict:
    return dict(
        state_labels=lambda s: str(State(s).label),
        role_label=lambda r: str(Role(r).label),
        resolve_target=_resolve_target,
        guard=_guard,
        nav="publishing",
        **kw,
    )


DOCUMENTS = Workflow(
    name="publishing.document",
    noun="文件",
    transitions=DOCUMENT_TRANSITIONS,
    get_object=_get_document,
    detail_url=lambda d: reverse("publishing:detail", args=[d.pk]),
    **_common(),
)
INTERPRETATIONS = Workflow(
    name="publishing.interpretation",
    noun="解读",
    transitions=INTERPRETATION_TRANSITIONS,
    get_object=_get_interpretation,
    detail_url=lambda i: reverse("publishing:interpretation_detail", args=[i.pk]),
    **_common(),
)


def workflow_of(obj) -> Workflow:
    return DOCUMENTS if obj._meta.model_name == "document" else INTERPRETATIONS
