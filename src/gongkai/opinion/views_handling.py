"""Staff pages of handling (/workbench/opinion/handling/, /rules/, /reports/): the handling list, the
handling part of an event, the region × topic → agency table, and the 日报/周报/专报."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.scope import can_see_agency, staff_view
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response
from gongkai.common.metric_records import narrow
from gongkai.common.params import param_choice

from . import actions_handling as actions
from .forms_handling import AgencyRuleForm, ReportEditForm, ReportNewForm
from .models import Assessment, EventState, GradeDecision, ReportState, Response
from .queries_handling import (
    ANALYST_ROLES,
    FIGURES,
    OPEN_STATES,
    RESPONDER_ROLES,
    events_for,
    reports_for,
    response_hours,
    rules_for,
)
from .workflow import EVENTS

NAV = "opinion_handling"
STAFF_ROLES = tuple(dict.fromkeys((*ANALYST_ROLES, *RESPONDER_ROLES)))


def _form_error(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def handling_context(request, event) -> dict:
    """What `opinion/_event_handling.html` needs (the events part's page includes it with this)."""
    now = timezone.now()
    return {
        "event": event,
        "transitions": EVENTS.available(request.user, event),
        "decisions": list(GradeDecision.objects.filter(event=event).select_related("decided_by")[:10]),
        "assessments": list(
            Assessment.objects.filter(event=event)
            .select_related("recorded_by")
            .prefetch_related("participants")
        ),
        "responses": list(Response.objects.filter(event=event).select_related("agency")),
        "escalations": list(event.escalations.select_related("to_agency")),
        "response_hours": response_hours(event),
        "overdue": bool(event.deadline_at and (event.responded_at or now) > event.deadline_at),
    }


@staff_view(*STAFF_ROLES)
def handling(request):
    state = param_choice(request.GET.get("state"), EventState.values)
    # Open events first, the nearest deadline on top; answered and closed ones after them.
    done = Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1))
    qs = events_for(request.user).select_related("owner", "agency").order_by(done, "deadline_at", "-heat")
    # The events behind a figure of a scorecard or the annual report (`?figure=…`).
    figure = narrow(request, qs, FIGURES)
    qs = figure.qs
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    for event in page:
        event.hours = response_hours(event)
        event.late = bool(event.deadline_at and (event.responded_at or now) > event.deadline_at)
    return render(
        request,
        "opinion/handling_list.html",
        {"nav": NAV, "page_obj": page, "states": EventState.choices, "state": state, **figure.context(),
         "query_string": urlencode(([("state", state)] if state else []) + figure.query())},
    )  # fmt: skip


@staff_view(*STAFF_ROLES)
def handling_event(request, pk: int):
    event = get_object_or_404(events_for(request.user).select_related("owner", "agency"), pk=pk)
    return render(request, "opinion/handling_event.html", {"nav": NAV, **handling_context(request, event)})


# ---------------------------------------------------------------- the assignment table


@staff_view(*ANALYST_ROLES)
def rules(request):
    owner = request.user.agency
    from gongkai.agencies.scope import visible_agencies

    from .actions_handling import assignable_agencies
    from .models import Event

    agencies = assignable_agencies(Event(owner=owner)) | visible_agencies(request.user)
    form = AgencyRuleForm(request.POST or None, agencies=agencies.distinct().order_by("path"))
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_agency_rule(request.user, owner, **form.cleaned_data)
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(request, "交办规则已保存")
            return redirect("opinion_staff:rules")
    items = rules_for(request.user).order_by("owner__path", "region", "topic")
    return render(request, "opinion/rules.html", {"nav": NAV, "form": form, "rules": items})


@staff_view(*ANALYST_ROLES)
def rule_delete(request, pk: int):
    """POST deletes; a GET (a reloaded URL) shows the table."""
    rule = get_object_or_404(rules_for(request.user), pk=pk)
    if request.method != "POST":
        return rules(request)
    actions.delete_agency_rule(request.user, rule)
    flash.success(request, "交办规则已删除")
    return redirect("opinion_staff:rules")


# ---------------------------------------------------------------- reports


@staff_view(*ANALYST_ROLES)
def reports(request):
    owner = request.user.agency
    recent = list(
        events_for(request.user)
        .filter(owner=owner)
        .order_by("-last_seen_at")
        .values_list("pk", flat=True)[:200]
    )
    events = events_for(request.user).filter(pk__in=recent).order_by("-last_seen_at")
    form = ReportNewForm(request.POST or None, events=events)
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.create_report(request.user, owner, **form.cleaned_data)
        except ActionRefused as exc:
            _form_error(form, exc)
        else:
            flash.success(request, "报告初稿已生成，请核改后印发")
            return redirect("opinion_staff:report", report.pk)
    page = Paginator(reports_for(request.user).order_by("-period_end", "-pk"), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "opinion/reports.html", {"nav": NAV, "form": form, "page_obj": page})


@staff_view(*ANALYST_ROLES)
def report(request, pk: int):
    item = get_object_or_404(reports_for(request.user), pk=pk)
    editable = item.state == ReportState.DRAFT and can_see_agency(request.user, item.owner)
    form = ReportEditForm(request.POST or None, instance=item) if editable else None
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.fields}
            try:
                actions.update_report(request.user, item, **data)
                if "issue" in request.POST:
                    actions.issue_report(request.user, item)
            except ActionRefused as exc:
                _form_error(form, exc)
            else:
                flash.success(request, "报告已印发并归档" if "issue" in request.POST else "报告已保存")
                return redirect("opinion_staff:report", item.pk)
    return render(request, "opinion/report.html", {"nav": NAV, "report": item, "form": form})


@staff_view(*ANALYST_ROLES)
def report_download(request, pk: int):
    item = get_object_or_404(reports_for(request.user), pk=pk)
    if not item.file:
        raise Http404
    return stored_file_response(item.file, filename=f"{item.title}.docx")
