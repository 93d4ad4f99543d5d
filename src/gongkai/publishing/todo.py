"""待办 items of 主动公开: documents waiting for the user's review step, and drafts near their limit."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.common.todo import TodoItem
from gongkai.common.urgency import urgency_of

from .models import Document, State
from .workflow import REVIEW_STEPS, STEP_ROLE

OPEN_STATES = (State.DRAFT, *STEP_ROLE, State.READY)
LIMIT = 50


def waiting_for(user) -> Q:
    """Documents in a review step `user` may take (own agency, or the office they publish via)."""
    if user.is_superuser:
        return Q(state__in=[s for s, _ in REVIEW_STEPS])
    q = Q(pk__in=[])
    for state, role in REVIEW_STEPS:
        if state == State.VIA_REVIEW:
            if user.has_role(role, "signer"):
                q |= Q(state=state, via_agency_id=user.agency_id)
        elif user.has_role(role):
            q |= Q(state=state, agency_id=user.agency_id)
    return q


def publishing_items(user) -> list[TodoItem]:
    if not user.is_authenticated or (user.agency_id is None and not user.is_superuser):
        return []
    from gongkai.workdays.services import current_calendar, due_soon_workdays

    today = timezone.localdate()
    soon_by = current_calendar().add_workdays(today, due_soon_workdays()).due or today + timedelta(days=3)
    waiting = Document.objects.filter(waiting_for(user)).select_related("agency")[:LIMIT]

    def item(doc: Document, title: str) -> TodoItem:
        return TodoItem(
            title=title,
            url=reverse("publishing:detail", args=[doc.pk]),
            agency=doc.agency.display_name,
            status=doc.get_state_display(),
            due=doc.due_on,
            provisional=doc.due_provisional,
            urgency=urgency_of(doc.due_on, today, soon_by),
        )

    items = [item(doc, f"{doc.get_state_display()}：{doc.title}") for doc in waiting]
    if user.has_role("clerk") and user.agency_id:
        near = (
            Document.objects.filter(agency_id=user.agency_id, state__in=(State.DRAFT, State.READY))
            .filter(due_on__lte=soon_by)
            .exclude(pk__in=[d.pk for d in waiting])
            .select_related("agency")[:LIMIT]
        )
        # due on or before soon_by: the label is 已超期 or 即将到期
        items += [
            item(doc, f"{urgency_of(doc.due_on, today, soon_by).label}未发布：{doc.title}") for doc in near
        ]
    return items
