"""The workflow of a message, declared once for the workflow core (`gongkai.common.workflow`).

Who acts (the `side` of a transition, checked by `_guard`):
- "office": the dispatching office (交办单位) — the agency that supervises the mailbox's government
  (县政府办公室 for 县长信箱 and every county department's box), its clerks (信息公开工作人员) and
  supervisors. It dispatches, re-dispatches a returned message, reminds (催办), marks a message
  invalid, clears flagged words and reopens a case after a dissatisfied rating.
- "lead": the lead agency (主办单位): its clerks, reviewers and signers name a responder or return
  a misrouted message; the named responder drafts and submits the reply ("responder"); its
  reviewers approve or return it and publish it; its signer approves an extension ("signer").
- "assist": the staff of an assisting agency (协办单位) add their opinion.
- "supervisor": a supervisor (主管部门) whose scope covers the lead agency or the office issues 督办.
- "writer": the citizen (no account: actor None) rates the reply.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import SAME, Transition, Workflow

from .models import UNANSWERED_STATES, State

S = State
CLERK, REVIEWER, SIGNER, RESPONDER, SUPERVISOR = (
    Role.CLERK,
    Role.REVIEWER,
    Role.SIGNER,
    Role.RESPONDER,
    Role.SUPERVISOR,
)
OFFICE = (CLERK, SUPERVISOR)
LEAD = (CLERK, REVIEWER, SIGNER)
AGENCY_STAFF = (CLERK, REVIEWER, SIGNER, RESPONDER)
AT_AGENCY = (S.DISPATCHED, S.ASSIGNED, S.REVIEWING, S.APPROVED)
A = "gongkai.interaction.actions."
F = "gongkai.interaction.forms."


def _t(action, label, done, sources, target, roles, side, run, form="EmptyForm", **kw) -> Transition:
    return Transition(
        action, tuple(sources), target, tuple(roles), label, done, A + run, F + form, side=side, **kw
    )


TRANSITIONS: tuple[Transition, ...] = (
    _t("dispatch", "交办", "已交办", (S.RECEIVED,), S.DISPATCHED, OFFICE, "office",
       "dispatch_message", "DispatchForm"),
    _t("redispatch", "重新交办", "已重新交办", (S.RETURNED,), S.DISPATCHED, OFFICE, "office",
       "redispatch_message", "DispatchForm"),
    _t("return", "退回交办单位", "已退回交办单位", (S.DISPATCHED, S.ASSIGNED), S.RETURNED, AGENCY_STAFF,
       "lead", "return_message", "ReasonForm", primary=False),
    _t("assign", "指定网络回应人", "已指定网络回应人", (S.DISPATCHED, S.ASSIGNED), S.ASSIGNED, LEAD, "lead",
       "assign_responder", "AssignForm"),
    _t("draft_reply", "拟写答复", "答复已保存", (S.ASSIGNED,), SAME, (RESPONDER,), "responder",
       "draft_reply", "ReplyForm"),
    _t("submit_reply", "提交审核", "答复已提交审核", (S.ASSIGNED,), S.REVIEWING, (RESPONDER,), "responder",
       "submit_reply", "ReplyForm"),
    _t("approve_reply", "审核通过", "答复已审核通过", (S.REVIEWING,), S.APPROVED, (REVIEWER,), "lead",
       "approve_reply", "ReviewForm"),
    _t("return_reply", "退回修改", "答复已退回修改", (S.REVIEWING, S.APPROVED), S.ASSIGNED, (REVIEWER,),
       "lead", "return_reply", "ReasonForm", primary=False),
    _t("send_reply", "发送答复", "答复已发送给留言人", (S.APPROVED,), S.REPLIED, (RESPONDER, REVIEWER),
       "lead", "send_reply"),
    _t("publish_reply", "公开答复", "答复已在门户网站公开", (S.REPLIED, S.CLOSED), SAME, (REVIEWER,), "lead",
       "publish_reply", "PublishForm"),
    _t("add_assist_opinion", "填写协办意见", "协办意见已提交", AT_AGENCY, SAME, AGENCY_STAFF, "assist",
       "add_assist_opinion", "OpinionForm", primary=False),
    _t("request_extension", "申请延期", "延期申请已提交审发人", AT_AGENCY, SAME, (RESPONDER, CLERK), "lead",
       "request_extension", "ExtensionRequestForm", primary=False),
    _t("extend", "批准延期", "已批准延期", AT_AGENCY, SAME, (SIGNER,), "signer", "extend_message",
       "ExtendForm", primary=False),
    _t("remind", "催办", "已催办", UNANSWERED_STATES, SAME, OFFICE, "office", "remind_message", "TextForm",
       primary=False),
    _t("supervise", "督办", "已督办", UNANSWERED_STATES, SAME, (SUPERVISOR,), "supervisor",
       "supervise_message", "TextForm", primary=False),
    _t("mark_invalid", "认定为无效留言", "已认定为无效留言", (S.RECEIVED, S.RETURNED, S.DISPATCHED), S.INVALID,
       OFFICE, "office", "mark_invalid", "ReasonForm", primary=False),
    _t("clear_words", "敏感词审核通过", "已审核通过，可在门户网站显示", tuple(State.values), SAME, OFFICE,
       "office", "clear_flagged_words", "EmptyForm", primary=False),
    _t("reopen", "重办", "已重办，重新计算答复期限", (S.REPLIED, S.CLOSED), S.ASSIGNED, OFFICE, "office",
       "reopen_message", "ReasonForm", primary=False),
    _t("rate", "评价", "已评价", (S.REPLIED,), S.CLOSED, (), "writer", "rate_reply"),
)  # fmt: skip


def in_office(actor, message) -> bool:
    if actor.is_superuser:
        return True
    return actor.agency_id == message.office_id or (
        actor.is_supervisor and can_see_agency(actor, message.office)
    )


def at_lead(actor, message) -> bool:
    return actor.is_superuser or (
        message.lead_agency_id is not None and actor.agency_id == message.lead_agency_id
    )


def _guard(actor, message, transition: Transition) -> None:
    side = transition.side
    if actor is None:
        if side != "writer":
            raise ActionRefused("请先登录")
        return
    if side == "writer":
        raise ActionRefused("满意度只能由留言人评价")
    if side == "office" and not in_office(actor, message):
        raise ActionRefused(f"只有交办单位（{message.office}）可以{transition.label}")
    if side in ("lead", "signer", "responder") and not at_lead(actor, message):
        raise ActionRefused(f"只有主办单位的工作人员可以{transition.label}")
    if side == "responder" and not actor.is_superuser and message.responder_id != actor.pk:
        raise ActionRefused(f"只有本留言指定的网络回应人可以{transition.label}")
    if side == "assist" and not (
        actor.is_superuser or message.assist_agencies.filter(pk=actor.agency_id).exists()
    ):
        raise ActionRefused("只有协办单位可以填写协办意见")
    if side == "supervisor" and not (
        actor.is_superuser or can_see_agency(actor, message.lead_agency or message.office)
    ):
        raise ActionRefused("该留言不在您的督办范围内")
    if transition.action == "clear_words" and not message.words_pending_review:
        raise ActionRefused("该留言没有待审核的敏感词")
    if transition.action == "extend" and not message.extension_requested_at:
        raise ActionRefused("主办单位尚未申请延期")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .queries import messages_for

    return get_object_or_404(messages_for(request.user), pk=pk)


def _extra_context(request, message, transition: Transition) -> dict:
    from .queries import case_history, current_reply

    context = {"message": message, "history": case_history(message), "reply": current_reply(message)}
    if transition.action in ("dispatch", "redispatch"):
        from .routing import suggest

        context["suggestions"] = suggest(message)
    return context


MESSAGES = Workflow(
    name="interaction",
    noun="留言",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(State(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda m: reverse("interaction_staff:detail", args=[m.pk]),
    list_url=lambda: reverse("interaction_staff:home"),
    template="interaction/wb_act.html",
    nav="messages",
    extra_context=_extra_context,
)
