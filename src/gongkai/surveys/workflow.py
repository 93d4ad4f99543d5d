"""The life of a survey, declared once for the workflow core (`gongkai.common.workflow`):
草稿 → 征集中 (open) → 已结束 (close; early by staff or by the scheduled job at the close time) →
结果已公布 (publish, by a reviewer, once every free-text answer is reviewed).

Staff of the survey's agency (a supervisor: of its subtree) act; the guard checks the scope.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import Transition, Workflow

from .models import State

MANAGERS = (Role.CLERK, Role.REVIEWER, Role.RESPONDER, Role.SUPERVISOR)
PUBLISHERS = (Role.REVIEWER, Role.SIGNER, Role.SUPERVISOR)
A = "gongkai.surveys.actions."
F = "gongkai.surveys.forms."

TRANSITIONS: tuple[Transition, ...] = (
    Transition("open", (State.DRAFT,), State.OPEN, MANAGERS, "发布调查", "调查已发布，开始征集",
               A + "open_survey", F + "ConfirmForm"),
    Transition("close", (State.OPEN,), State.CLOSED, MANAGERS, "结束调查", "调查已结束，不再接受答卷",
               A + "close_survey", F + "ConfirmForm"),
    Transition("publish", (State.CLOSED,), State.PUBLISHED, PUBLISHERS, "公布结果", "调查结果已在门户网站公布",
               A + "publish_results", F + "ConfirmForm"),
)  # fmt: skip


def _guard(actor, survey, transition: Transition) -> None:
    if actor is None:
        return  # the scheduled job closing a survey at its close time
    if not can_see_agency(actor, survey.agency):
        raise ActionRefused("该调查不在您的工作范围内")


def _get_object(request, pk: int):
    from .queries import get_survey_or_404

    return get_survey_or_404(request.user, pk)


def _extra_context(request, survey, transition: Transition) -> dict:
    from .queries import response_count

    return {"survey": survey, "responses": response_count(survey)}


SURVEYS = Workflow(
    name="surveys",
    noun="调查",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(State(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=lambda s: reverse("surveys_staff:detail", args=[s.pk]),
    list_url=lambda: reverse("surveys_staff:home"),
    template="surveys/wb_act.html",
    nav="surveys",
    extra_context=_extra_context,
)
