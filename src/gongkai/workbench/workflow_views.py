"""The one view behind every workflow action of every domain.

GET renders the transition's form; POST validates it, calls the action and returns to the
object's page with the past-tense label as the message. A refusal (`ActionRefused`) is shown on
the form in Chinese, with what was typed kept, and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from gongkai.agencies.scope import staff_view
from gongkai.common.errors import ActionRefused
from gongkai.common.forms import ActionForm
from gongkai.common.workflow import Workflow


def _form_error(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _after_url(workflow: Workflow, request, pk: int, obj) -> str:
    """The object's page, or the domain's list if the action took the object out of the user's
    sight (a page that would answer 404 right after a successful action)."""
    if workflow.list_url is not None:
        try:
            workflow.get_object(request, pk)
        except Http404:
            return workflow.list_url()
    return workflow.detail_url(obj)


def workflow_action(workflow: Workflow):
    """The view for `workflow`, mounted by its domain at a URL taking `pk` and `action`."""

    @staff_view()
    def view(request, pk: int, action: str):
        if action not in workflow.actions():
            raise Http404
        obj = workflow.get_object(request, pk)
        transition = workflow.transition(obj, action) or workflow.by_action(action)[0]
        form_class = transition.form_class or ActionForm
        posted = request.method == "POST"
        form = form_class(
            request.POST if posted else None, request.FILES if posted else None, obj=obj, actor=request.user
        )
        refused = None
        if posted:
            if form.is_valid():
                try:
                    workflow.run(request.user, obj, action, **form.action_kwargs())
                except ActionRefused as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, transition.done)
                    return redirect(_after_url(workflow, request, pk, obj))
        else:
            try:
                workflow.check(request.user, obj, action)
            except ActionRefused as exc:
                refused = exc.message
        context = {
            "nav": workflow.nav,
            "obj": obj,
            "form": form,
            "transition": transition,
            "label": transition.label,
            "action": action,
            "refused": refused,
            "back_url": workflow.detail_url(obj),
        }
        if workflow.extra_context is not None:
            context.update(workflow.extra_context(request, obj, transition))
        return render(request, workflow.template, context)

    view.workflow = workflow
    return view
