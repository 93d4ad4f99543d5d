"""The workflow of a consultation, declared once for the workflow core (`gongkai.common.workflow`).

草稿 → 待审核 → 待发布 → 征求意见中 → 意见处理中 → 采纳情况待审核 → 已公布采纳情况.

An uploaded draft is prepared by the agency's clerk and approved by its reviewer before it can
open. A draft taken from a publishing document went through that document's own review (三审,
保密审查): it opens straight from 草稿, once the document is published. Closing happens when the
close date has passed — by the scheduled job (`close_consultations`, actor None) or by a clerk.
The report transitions (意见处理中 onwards) are in `REPORT_TRANSITIONS` (the adoption report).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import Source, State

S = State
CLERK, REVIEWER = Role.CLERK, Role.REVIEWER
A = "gongkai.consultation.actions."
F = "gongkai.consultation.forms."


def _t(action, label, done, sources, target, roles, run, form="EmptyForm", **kw) -> Transition:
    return Transition(action, tuple(sources), target, tuple(roles), label, done, A + run, F + form, **kw)


CONSULTATION_TRANSITIONS: tuple[Transition, ...] = (
    _t("submit", "提交审核", "已提交审核", (S.DRAFT,), S.REVIEW, (CLERK,), "submit_consultation"),
    _t("approve", "审核通过", "已审核通过，可以发布", (S.REVIEW,), S.READY, (REVIEWER,),
       "approve_consultation", "ReviewForm"),
    _t("return", "退回修改", "已退回起草人", (S.REVIEW, S.READY), S.DRAFT, (REVIEWER,),
       "return_consultation", "ReasonForm", primary=False),
    _t("open", "发布征求意见", "已发布，开始征求意见", (S.DRAFT, S.READY), S.OPEN, (CLERK,),
       "open_consultation"),
    _t("close", "结束征求意见", "征求意见已结束", (S.OPEN,), S.CLOSED, (CLERK,), "close_consultation",
       primary=False),
)  # fmt: skip

# The adoption report's transitions (意见处理中 → 采纳情况待审核 → 采纳情况已审核 → 已公布采纳情况).
from .report_workflow import REPORT_TRANSITIONS  # noqa: E402


def _guard(actor, consultation, transition: Transition) -> None:
    action = transition.action
    if actor is None:
        if action != "close":
            raise ActionRefused("请先登录")
    elif not actor.is_superuser and actor.agency_id != consultation.agency_id:
        raise ActionRefused(f"只有起草单位（{consultation.agency}）的工作人员可以{transition.label}")
    if action == "submit" and consultation.source == Source.DOCUMENT:
        raise ActionRefused("以政府信息为草案的征求意见，按该信息的发布审查流程审核，无需在此提交审核")
    if action == "open":
        _check_can_open(consultation)
    if action == "close" and timezone.localdate() <= consultation.closes_on:
        raise ActionRefused(f"征求意见截止日期（{consultation.closes_on:%Y年%m月%d日}）未到，不能提前结束")


def _check_can_open(consultation) -> None:
    if consultation.state == S.DRAFT:
        if consultation.source != Source.DOCUMENT:
            raise ActionRefused("上传的草案须经本单位审核人审核通过后才能发布")
        document = consultation.document
        if document is None or not document.is_public:
            raise ActionRefused("草案文件尚未通过发布审查并公开发布，不能开始征求意见")
    if not consultation.paragraphs.exists():
        raise ActionRefused("草案没有可征求意见的条文，请先填写或上传草案全文")
    if consultation.closes_on < timezone.localdate():
        raise ActionRefused("截止日期已过，请先修改征求意见期限")


def _get_object(request, pk: int):
    from gongkai.agencies.scope import get_scoped_or_404

    from .models import Consultation

    return get_scoped_or_404(request.user, Consultation.objects.select_related("agency", "document"), pk=pk)


def _extra_context(request, consultation, transition: Transition) -> dict:
    return {"consultation": consultation}


def _state_label(state: str) -> str:
    return str(State(state).label)


CONSULTATIONS = Workflow(
    name="consultation",
    noun="征求意见",
    transitions=CONSULTATION_TRANSITIONS + REPORT_TRANSITIONS,
    state_labels=_state_label,
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda c: reverse("consultation_staff:detail", args=[c.pk]),
    list_url=lambda: reverse("consultation_staff:home"),
    template="consultation/wb_act.html",
    nav="consultations",
    extra_context=_extra_context,
)
