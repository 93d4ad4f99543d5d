"""The states of an interview, declared once for the workflow core (`gongkai.common.workflow`).

Staff of the host agency (or of an agency above it) move it: 信息公开工作人员, 网络回应人 and 新闻发言人
run the event; publishing the transcript also belongs to the 审核人.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import State

S = State
RUN = (Role.CLERK, Role.RESPONDER, Role.SPOKESPERSON, Role.SUPERVISOR)
PUBLISH = (Role.CLERK, Role.REVIEWER, Role.SUPERVISOR)
A = "gongkai.interviews.actions."
F = "gongkai.interviews.forms."


def _t(action, label, done, sources, target, roles, run, **kw) -> Transition:
    return Transition(
        action, tuple(sources), target, tuple(roles), label, done, A + run, F + "EmptyForm", **kw
    )


TRANSITIONS: tuple[Transition, ...] = (
    _t("open_questions", "发布预告并征集问题", "访谈预告已发布，开始征集问题", (S.PLANNED,), S.COLLECTING, RUN,
       "open_questions"),
    _t("start", "开始直播", "访谈直播已开始", (S.PLANNED, S.COLLECTING), S.LIVE, RUN, "start_interview"),
    _t("finish", "结束直播", "访谈已结束，未回答的问题已转为留言办理", (S.LIVE,), S.FINISHED, RUN,
       "finish_interview"),
    _t("publish", "发布实录", "访谈实录已发布", (S.FINISHED,), S.PUBLISHED, PUBLISH, "publish_transcript"),
)  # fmt: skip


def _guard(actor, interview, transition: Transition) -> None:
    if actor is None:
        raise ActionRefused("请先登录")
    if not (actor.is_superuser or can_see_agency(actor, interview.agency)):
        raise ActionRefused("该访谈不在您的管理范围内")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .queries import interviews_for

    return get_object_or_404(interviews_for(request.user), pk=pk)


INTERVIEWS = Workflow(
    name="interviews",
    noun="访谈",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(State(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda i: reverse("interviews_staff:detail", args=[i.pk]),
    list_url=lambda: reverse("interviews_staff:home"),
    nav="interviews",
)
