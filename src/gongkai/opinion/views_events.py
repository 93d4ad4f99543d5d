"""Staff pages of 舆情 events (/workbench/opinion/events/): the list sorted by heat, for analysts and
supervisors of the owner agency's subtree; and the event page, also open to the staff of the
responsible agency who handle it (its handling part comes from views_handling)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Role
from gongkai.agencies.scope import staff_view
from gongkai.common.params import param_choice

from .events_queries import SINCE_LABELS, event_detail_context, event_list, event_pages_for
from .models import EventState, Grade
from .queries_handling import RESPONDER_ROLES
from .views_handling import handling_context

STAFF_ROLES = (Role.OPINION_ANALYST, Role.SUPERVISOR)
NAV = "opinion_events"
PER_PAGE = 30


@staff_view(*STAFF_ROLES)
def events(request):
    filters = {
        "state": param_choice(request.GET.get("state"), EventState.values),
        "grade": param_choice(request.GET.get("grade"), Grade.values),
        "burst": param_choice(request.GET.get("burst"), ("yes", "no")),
        "since": param_choice(request.GET.get("since"), [k for k, _ in SINCE_LABELS]),
    }
    page = Paginator(event_list(request.user, **filters), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "opinion/events_list.html",
        {
            "nav": NAV,
            "page_obj": page,
            "filters": filters,
            "states": EventState.choices,
            "grades": Grade.choices,
            "since_choices": SINCE_LABELS,
            "query_string": "&".join(f"{k}={v}" for k, v in filters.items() if v),
        },
    )


@staff_view(*dict.fromkeys((*STAFF_ROLES, *RESPONDER_ROLES)))
def event_detail(request, pk: int):
    event = get_object_or_404(
        event_pages_for(request.user).select_related("owner", "agency", "merged_into"), pk=pk
    )
    context = {
        **event_detail_context(event, page=request.GET.get("page")),
        **handling_context(request, event),
    }
    return render(request, "opinion/event_detail.html", {"nav": NAV, **context})
