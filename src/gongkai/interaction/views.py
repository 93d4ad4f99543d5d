"""The workbench pages of 留言办理: the queues (the office's dispatch queue, the agency's inbox,
the responder's own, due soon, overdue, near the veto line, everything) and the case page.
Every action goes through the generic workflow view (`urls.py`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import staff_view
from gongkai.common.metric_records import narrow
from gongkai.common.params import param_choice, param_text

from . import actions, queries, scorecard
from .apps import STAFF_ROLES
from .models import Kind, Message, State
from .workflow import MESSAGES

VIEWS = {
    "mine": "我的待办",
    "dispatch": "待交办",
    "inbox": "本单位办理中",
    "due_soon": "即将到期",
    "overdue": "已超期",
    "veto": "接近3个月未答复",
    "all": "全部留言",
}


def _default_view(user) -> str:
    if user.has_role(Role.RESPONDER):
        return "mine"
    if user.is_supervisor or user.is_superuser:
        return "all"
    if user.has_role(Role.CLERK) and user.agency and Message.objects.filter(office=user.agency).exists():
        return "dispatch"
    return "inbox"


def _queue(user, view: str, today):
    if view == "mine":
        return queries.responder_queue(user)
    if view == "dispatch":
        return queries.dispatch_queue(user)
    if view == "inbox":
        return queries.agency_inbox(user)
    if view == "due_soon":
        return queries.due_soon(user, today)
    if view == "overdue":
        return queries.overdue(user, today)
    return queries.messages_for(user).order_by("-submitted_at", "-pk")


@staff_view(*STAFF_ROLES)
def message_list(request):
    user = request.user
    today = timezone.localdate()
    f = {
        "view": param_choice(request.GET.get("view"), tuple(VIEWS)) or _default_view(user),
        "state": param_choice(request.GET.get("state"), State.values),
        "kind": param_choice(request.GET.get("kind"), Kind.values),
        "q": param_text(request.GET.get("q")),
    }
    # The messages behind a figure of a scorecard or the annual report: every one in scope, narrowed.
    figure = narrow(
        request, queries.messages_for(user).order_by("-submitted_at", "-pk"), scorecard.FIGURES,
        agency_field=scorecard.agency_q,
    )  # fmt: skip
    if figure.figure:
        qs = figure.qs
    elif f["view"] == "veto":
        qs = queries.veto_candidates(queries.messages_for(user), today)
    else:
        qs = _queue(user, f["view"], today)
    if f["state"]:
        qs = qs.filter(state=f["state"])
    if f["kind"]:
        qs = qs.filter(kind=f["kind"])
    if f["q"]:
        qs = qs.filter(Q(receipt_code__icontains=f["q"]) | Q(subject__icontains=f["q"]))
    page = Paginator(queries.list_rows_of(qs), 50).get_page(request.GET.get("page"))
    page_rows = queries.rows(page, today)
    query = urlencode([(k, v) for k, v in f.items() if v] + figure.query())
    return render(
        request,
        "interaction/wb_list.html",
        {
            "nav": "messages",
            "rows": page_rows,
            "page_obj": page,
            "filters": f,
            "views": VIEWS.items(),
            "view_label": VIEWS[f["view"]],
            "states": State.choices,
            "kinds": Kind.choices,
            "query_string": query,
            **figure.context(),
        },
    )


@staff_view(*STAFF_ROLES)
def detail(request, pk: int):
    message = get_object_or_404(queries.messages_for(request.user), pk=pk)
    # Read before marking them seen: this page is where the responder sees them first.
    reminders = list(message.reminders.select_related("from_agency", "actor"))
    actions.mark_reminders_seen(request.user, message)
    today = timezone.localdate()
    row = queries.rows([message], today)[0]
    return render(
        request,
        "interaction/wb_detail.html",
        {
            "nav": "messages",
            "message": message,
            "row": row,
            "status": message.clock_status(today),
            "history": queries.case_history(message),
            "replies": message.replies.select_related("author", "reviewer"),
            "reminders": reminders,
            "assists": message.assist_agencies.all(),
            "transitions": MESSAGES.available(request.user, message),
            "veto_line": queries.deadlines.veto_line(message.received_on),
        },
    )
