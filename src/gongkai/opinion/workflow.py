"""Handling an event, as data for the core workflow engine (issue #13 "Act", RULES.md §7).

The analyst (舆情员) of the monitoring agency confirms or changes the proposed grade (待研判), which
starts the clock in wall-clock hours from first appearance, and assigns the event to a responsible
agency (处置中). The responsible agency links the authoritative response (已回应); the analyst closes
it (已办结). A 会商 with other agencies may be recorded at any open step. A supervisor whose scope covers
the agency may take any step.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.scope import can_see_agency
from gongkai.common.errors import ActionRefused
from gongkai.common.workflow import SAME, Transition, Workflow

from .models import EventState
from .queries_handling import ANALYST_ROLES, RESPONDER_ROLES, event_url

S = EventState
A = "gongkai.opinion.actions_handling."
F = "gongkai.opinion.forms_handling."
BOTH = tuple(dict.fromkeys((*ANALYST_ROLES, *RESPONDER_ROLES)))

TRANSITIONS: tuple[Transition, ...] = (
    Transition("grade", (S.NEW, S.ASSIGNED), SAME, ANALYST_ROLES, "确认等级", "等级已确认",
               A + "confirm_grade", F + "GradeForm"),
    Transition("assign", (S.NEW, S.ASSIGNED), S.ASSIGNED, ANALYST_ROLES, "交办", "事件已交办",
               A + "assign_event", F + "AssignForm"),
    Transition("respond", (S.ASSIGNED, S.RESPONDED), S.RESPONDED, RESPONDER_ROLES, "登记权威回应",
               "权威回应已登记", A + "record_response", F + "ResponseForm"),
    Transition("assess", (S.NEW, S.ASSIGNED, S.RESPONDED), SAME, BOTH, "记录会商", "会商已记录",
               A + "record_assessment", F + "AssessmentForm", primary=False),
    Transition("close", (S.RESPONDED,), S.CLOSED, ANALYST_ROLES, "办结", "事件已办结",
               A + "close_event", F + "CloseForm", primary=False),
)  # fmt: skip

ANALYST_ACTIONS = ("grade", "assign", "close")


def _guard(actor, event, transition: Transition) -> None:
    if actor is None:
        return
    owner_side = can_see_agency(actor, event.owner)
    agency_side = event.agency_id is not None and can_see_agency(actor, event.agency)
    if transition.action in ANALYST_ACTIONS and not owner_side:
        raise ActionRefused(f"只有{event.owner.display_name}的舆情员可以{transition.label}")
    if transition.action == "respond" and not (agency_side or owner_side):
        raise ActionRefused(f"只有责任单位{event.agency.display_name}可以{transition.label}")
    if transition.action == "assess" and not (agency_side or owner_side):
        raise ActionRefused(f"只有{event.owner.display_name}和责任单位可以{transition.label}")
    if transition.action == "assign" and not event.grade:
        raise ActionRefused("请先确认等级再交办")


def _get_object(request, pk: int):
    from django.shortcuts import get_object_or_404

    from .queries_handling import events_for

    return get_object_or_404(events_for(request.user).select_related("owner", "agency"), pk=pk)


EVENTS = Workflow(
    name="opinion_events",
    noun="舆情事件",
    transitions=TRANSITIONS,
    state_labels=lambda s: str(EventState(s).label),
    role_label=lambda r: str(Role(r).label),
    guard=_guard,
    get_object=_get_object,
    detail_url=event_url,
    list_url=lambda: reverse("opinion_staff:handling"),
    template="opinion/handling_act.html",
    nav="opinion_handling",
    extra_context=lambda request, event, transition: {"event": event},
)
