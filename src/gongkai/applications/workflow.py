"""The workflow of an application, declared once for the workflow core (`gongkai.common.workflow`).

The states read like the law (条例第三十条至第三十五条). `RETURN` as a target means "back to the
state the case was in before it was interrupted" (征求意见, 收费, 说明理由 and 补正 pause a case that
may be accepted, in progress or extended; 退回修改 returns a drafted reply). `SAME` leaves the state
alone (督办, 登记复议, 制作公开文本, 转为主动公开). Every action function calls `APPLICATIONS.check()`
before touching anything and takes its new state from `APPLICATIONS.target()`.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency, get_scoped_or_404, require_roles
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import SAME, Transition, Workflow

from .models import CLOSED_STATES, OPEN_STATES, State

RETURN = "<return>"
S = State
CLERK, REVIEWER, SIGNER, SUPERVISOR = Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR
HANDLING = (CLERK, REVIEWER, SIGNER, SUPERVISOR)
WORKING = (S.ACCEPTED, S.IN_PROGRESS, S.EXTENDED)
PAUSED_STATES = (S.CORRECTION, S.PAUSED, S.FEE_PENDING, S.REASONS_PENDING)
NOT_CLOSED = (S.RECEIVED, *OPEN_STATES)
A = "gongkai.applications.actions."
F = "gongkai.applications.forms."


def _t(action, label, done, sources, target, roles, run, form="EmptyForm", **kw) -> Transition:
    return Transition(action, tuple(sources), target, tuple(roles), label, done, A + run, F + form, **kw)


TRANSITIONS: tuple[Transition, ...] = (
    _t("confirm", "确认收到（双方确认）", "已确认收到", (S.RECEIVED,), S.ACCEPTED, (CLERK,),
       "confirm_application", "ConfirmForm"),
    _t("answer_on_the_spot", "当场答复", "已当场答复", (S.RECEIVED, S.ACCEPTED), S.REPLIED, (CLERK,),
       "answer_on_the_spot", "SpotForm"),
    _t("request_correction", "告知补正", "已告知补正", (S.ACCEPTED, S.IN_PROGRESS), S.CORRECTION, (CLERK,),
       "request_correction", "CorrectionForm"),
    _t("receive_correction", "收到补正", "已登记收到补正，重新计时", (S.CORRECTION,), RETURN, (CLERK,),
       "receive_correction", "OnForm"),
    _t("lapse_correction", "逾期未补正，不再处理", "已按逾期未补正办结", (S.CORRECTION,), S.REPLIED, (CLERK,),
       "lapse_correction", "OnForm"),
    _t("assign", "交承办人办理", "已交承办人办理", WORKING, S.IN_PROGRESS, (CLERK, SUPERVISOR),
       "assign_application", "AssignForm"),
    _t("start_inquiry", "征求意见（暂停计时）", "已发出征求意见，暂停计时", WORKING, S.PAUSED, (CLERK,),
       "start_inquiry", "InquiryForm"),
    _t("end_inquiry", "收到意见或期满（恢复计时）", "已恢复计时", (S.PAUSED,), RETURN, (CLERK,),
       "end_inquiry", "EndInquiryForm"),
    # 条例第三十三条: the head of the office approves an extension — from the signer's own account;
    # the answer clock keeps running while the request waits.
    _t("request_extension", "申请延期答复", "已提交延期申请，等待审发人批准", (S.ACCEPTED, S.IN_PROGRESS),
       S.EXTENSION_REQUESTED, (CLERK,), "request_extension", "ExtendForm"),
    _t("extend", "批准延期答复", "已批准延期答复", (S.EXTENSION_REQUESTED,), S.EXTENDED, (SIGNER,),
       "extend_application", "ApproveExtensionForm"),
    _t("decline_extension", "不同意延期", "已不同意延期", (S.EXTENSION_REQUESTED,), RETURN, (SIGNER,),
       "decline_extension", "RequiredNoteForm", primary=False),
    _t("notify_fee", "发出收费通知", "已发出收费通知，暂停计时", WORKING, S.FEE_PENDING, (CLERK,),
       "notify_fee", "FeeForm"),
    _t("record_payment", "登记缴费", "已登记缴费，恢复计时", (S.FEE_PENDING,), RETURN, (CLERK,),
       "record_payment", "OnForm"),
    _t("lapse_fee", "逾期未缴费，不再处理", "已按逾期未缴费办结", (S.FEE_PENDING,), S.REPLIED, (CLERK,),
       "lapse_fee", "OnForm"),
    _t("ask_reasons", "要求说明理由（条例第三十五条）", "已要求申请人说明理由，暂停计时", WORKING,
       S.REASONS_PENDING, (CLERK,), "ask_reasons", "OnForm"),
    _t("decide_reasons", "认定理由（条例第三十五条）", "已认定理由", (S.REASONS_PENDING,), RETURN,
       (CLERK, SIGNER), "decide_reasons", "DecideReasonsForm"),
    _t("draft_reply", "拟写答复", "已拟写答复", WORKING, S.DRAFTED, (CLERK,), "draft_reply", "ReplyForm"),
    _t("return_reply", "退回修改", "已退回修改", (S.DRAFTED, S.REVIEWED), RETURN, (REVIEWER, SIGNER),
       "return_reply", "RequiredNoteForm"),
    _t("review_reply", "审核答复", "已审核答复", (S.DRAFTED,), S.REVIEWED, (REVIEWER,), "review_reply",
       "NoteForm"),
    _t("send_reply", "发出答复", "已发出答复", (S.REVIEWED,), S.REPLIED, (CLERK, SIGNER), "send_reply",
       "SendReplyForm"),
    _t("archive", "归档", "已归档", (S.REPLIED,), S.ARCHIVED, (CLERK,), "archive_application"),
    _t("release", "制作公开文本（遮盖不予公开部分）", "已制作公开文本", OPEN_STATES, SAME, (CLERK,),
       "release_redacted", "ReleaseForm", primary=False),
    _t("supervise", "督办", "已督办", NOT_CLOSED, SAME, (SUPERVISOR,), "supervise_application",
       "RequiredNoteForm", primary=False),
    # Any state: an applicant may also appeal an agency's failure to answer in time (不作为).
    _t("record_appeal", "登记行政复议、行政诉讼", "已登记行政复议、行政诉讼", tuple(State.values), SAME, HANDLING,
       "record_appeal", "AppealForm", primary=False),
    _t("decide_appeal", "登记复议、诉讼审结结果", "已登记审结结果", tuple(State.values), SAME, HANDLING,
       "decide_application_appeal", "DecideAppealForm", primary=False),
    _t("propose_disclosure", "转为主动公开（条例第四十四条）", "已转为主动公开草稿", CLOSED_STATES, SAME,
       HANDLING, "propose_proactive_disclosure", "ProposeForm", primary=False),
)  # fmt: skip


def _guard(actor, application, transition: Transition) -> None:
    if actor is not None and not can_see_agency(actor, application.agency):
        raise ActionRefused("该申请不在您的工作范围内")
    if transition.action == "decide_appeal" and not application.appeals.filter(result="pending").exists():
        raise ActionRefused("本申请没有尚未审结的行政复议、行政诉讼")
    if transition.action == "propose_disclosure" and application.outcome not in ("disclose", "partial"):
        raise ActionRefused("只有予以公开或部分公开的答复可以转为主动公开")


def _resolve_target(application, transition: Transition) -> str:
    """RETURN: out of a pause, to the state its `Pause` row remembered; out of a declined
    extension, to the state it was requested in; out of a returned draft, to the state the reply
    was drafted in."""
    if transition.target != RETURN:
        return transition.target
    if application.state == S.EXTENSION_REQUESTED:
        return application.extension_requested_in or State.IN_PROGRESS
    if application.state in PAUSED_STATES:
        pause = application.clock.open_pause() if application.clock_id else None
        return (pause.resume_state if pause else "") or State.IN_PROGRESS
    reply = getattr(application, "reply", None)
    return (reply.drafted_in if reply else "") or State.IN_PROGRESS


def _get_object(request, pk: int):
    from .queries import applications_for
    from .roles import CASE_ROLES

    require_roles(request.user, CASE_ROLES)
    return get_scoped_or_404(request.user, applications_for(request.user), pk=pk)


def _extra_context(request, application, transition: Transition) -> dict:
    from . import suggest
    from .actions.reply import closing_warnings

    closes = transition.target in CLOSED_STATES or transition.action in ("decide_reasons", "draft_reply")
    return {
        "app": application,
        "suggestions": suggest.suggestions(application) if transition.action == "draft_reply" else [],
        "closing_warnings": closing_warnings(application) if closes else [],
    }


APPLICATIONS = Workflow(
    name="applications",
    noun="申请",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(State(s).label),
    role_label=lambda r: str(Role(r).label),
    resolve_target=_resolve_target,
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda a: reverse("applications_staff:detail", args=[a.pk]),
    template="applications/wb_act.html",
    nav="applications",
    extra_context=_extra_context,
)
