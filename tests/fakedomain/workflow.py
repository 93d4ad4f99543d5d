"""The fake domain's workflow: a widget of an agency is dusty until a clerk polishes it.

Widgets live in memory (the fake app has no tables); the workflow core does not care where an
object comes from, only that it has a state and an agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import Http404
from django.urls import reverse

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit
from gongkai.common.errors import ActionRefused
from gongkai.common.forms import ActionForm
from gongkai.common.workflow import Transition, Workflow

STATES = {"dusty": "蒙尘", "shiny": "锃亮"}


@dataclass
class Widget:
    pk: int
    title: str
    agency: Agency
    state: str = "dusty"

    def __str__(self) -> str:
        return self.title


WIDGETS: dict[int, Widget] = {}


class PolishForm(ActionForm):
    note = forms.CharField(label="擦亮说明", max_length=100)


def polish_widget(actor, widget: Widget, *, note: str) -> Widget:
    transition = WIDGETS_FLOW.check(actor, widget, "polish")
    widget.state = WIDGETS_FLOW.target(widget, transition)
    record_audit(actor=actor, action="fakedomain.widget.polish", agency=widget.agency, note=note)
    return widget


def _get(request, pk: int) -> Widget:
    widget = WIDGETS.get(pk)
    if widget is None or not can_see_agency(request.user, widget.agency):
        raise Http404
    return widget


def _in_scope(actor, widget: Widget, transition: Transition) -> None:
    if actor is not None and not can_see_agency(actor, widget.agency):
        raise ActionRefused("该小部件不在您的工作范围内")


WIDGETS_FLOW = Workflow(
    name="fakedomain.widget",
    noun="小部件",
    transitions=(
        Transition("polish", ("dusty",), "shiny", (Role.CLERK,), "擦亮", "已擦亮", polish_widget, PolishForm),
    ),
    state_labels=STATES.get,
    role_label=lambda role: str(Role(role).label),
    guard=_in_scope,
    get_object=_get,
    detail_url=lambda widget: reverse("fakedomain:home"),
    nav="fakedomain",
)
