"""Read-side helpers: the messages a staff member may see, the lists of the workbench, the case
history, the 待办 provider, the due-soon, overdue and veto-warning lists, and the status lookup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.agencies.scope import agency_filter
from gongkai.common import crypto
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency, urgency_of
from gongkai.workdays.services import current_calendar, due_soon_workdays

from . import deadlines
from .models import (
    UNANSWERED_STATES,
    AssistOpinion,
    Message,
    Rating,
    Reminder,
    Reply,
    State,
    Transfer,
)


def _scope(user: Staff) -> Q:
    """A message is seen by its office, its lead agency and its assisting agencies (and by the
    supervisors above any of them)."""
    if user.is_superuser:
        return Q()
    assisted = Message.assist_agencies.through.objects.filter(message_id=OuterRef("pk")).filter(
        agency_filter(user, "agency")
    )
    return agency_filter(user, "office") | agency_filter(user, "lead_agency") | Q(Exists(assisted))


def messages_for(user: Staff) -> QuerySet[Message]:
    """Messages in the user's scope, with what a list row needs in a constant number of queries."""
    if not getattr(user, "is_authenticated", False):
        return Message.objects.none()
    return Message.objects.filter(_scope(user)).select_related(
        "mailbox", "office", "lead_agency", "responder"
    )


# What a list row never shows: the writer's encrypted data (decrypting it is the costly part of
# loading a row) and the long texts.
LIST_DEFER = ("writer_name", "writer_phone", "writer_email", "caller_number", "body", "masked_body")


def list_rows_of(queryset: QuerySet[Message]) -> QuerySet[Message]:
    return queryset.defer(*LIST_DEFER)


def soon_by(today: date) -> date:
    """The last day that still counts as due soon (GONGKAI_DUE_SOON_WORKDAYS working days ahead)."""
    return current_calendar().add_workdays(today, due_soon_workdays()).due or today


def urgency(message: Message, today: date, soon: date) -> Urgency:
    if message.state not in UNANSWERED_STATES:
        return Urgency.NORMAL
    return urgency_of(message.due_on, today, soon)


@dataclass
class Row:
    message: Message
    urgency: Urgency
    veto: str  # "", "warning", "vetoed"

    @property
    def css(self) -> str:
        return self.urgency.css


def rows(messages, today: date | None = None) -> list[Row]:
    today = today or timezone.localdate()
    soon = soon_by(today)
    warning_days = _warning_days()
    out = []
    for m in messages:
        veto = ""
        if m.first_replied_on is None and m.is_valid and m.state in UNANSWERED_STATES:
            veto = deadlines.veto_state(m.received_on, today, warning_days(m.kind, m.channel))
        out.append(Row(m, urgency(m, today, soon), veto))
    return out


def _warning_days():
    from .models import DeadlineRule

    rules = list(DeadlineRule.objects.all())
    return lambda kind, channel: deadlines.pick(rules, kind, channel).veto_warning_days


# ---------------------------------------------------------------- queues


def dispatch_queue(user: Staff) -> QuerySet[Message]:
    """The office's queue: received and returned messages waiting to be (re)dispatched."""
    qs = messages_for(user).filter(state__in=[State.RECEIVED, State.RETURNED])
    if not (user.is_superuser or user.is_supervisor):
        qs = qs.filter(office_id=user.agency_id)
    return qs.order_by("submitted_at", "pk")


def agency_inbox(user: Staff) -> QuerySet[Message]:
    """The open messages the user's agency leads."""
    qs = messages_for(user).filter(state__in=UNANSWERED_STATES)
    if not user.is_superuser:
        qs = qs.filter(lead_agency_id=user.agency_id)
    return qs.order_by("due_on", "pk")


def responder_queue(user: Staff) -> QuerySet[Message]:
    """The responder's own open messages."""
    return messages_for(user).filter(responder=user, state__in=UNANSWERED_STATES).order_by("due_on", "pk")


def overdue(user: Staff, today: date | None = None) -> QuerySet[Message]:
    today = today or timezone.localdate()
    return messages_for(user).filter(state__in=UNANSWERED_STATES, due_on__lt=today).order_by("due_on", "pk")


def due_soon(user: Staff, today: date | None = None) -> QuerySet[Message]:
    today = today or timezone.localdate()
    return (
        messages_for(user)
        .filter(state__in=UNANSWERED_STATES, due_on__gte=today, due_on__lte=soon_by(today))
        .order_by("due_on", "pk")
    )


def veto_candidates(queryset: QuerySet[Message], today: date | None = None) -> QuerySet[Message]:
    """Valid messages never answered, older than the shortest warning period of any rule, oldest
    first: the database's narrowing for the veto list (a reopened case was answered once — the veto
    line is about silence, the reply clock about the new round). `rows()` flags each by its own rule."""
    from .models import DeadlineRule

    today = today or timezone.localdate()
    shortest = min([r.veto_warning_days for r in DeadlineRule.objects.all()] or [deadlines.VETO_WARNING_DAYS])
    return list_rows_of(
        queryset.filter(
            state__in=UNANSWERED_STATES,
            is_valid=True,
            first_replied_on__isnull=True,
            received_on__lte=today - _days(shortest),
        ).order_by("received_on", "pk")
    )


def veto_warnings(queryset: QuerySet[Message], today: date | None = None) -> list[Row]:
    """The veto list: every message approaching (or beyond) the 3-month line, oldest first."""
    today = today or timezone.localdate()
    return [row for row in rows(veto_candidates(queryset, today), today) if row.veto]


def _days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


# ---------------------------------------------------------------- the case


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # transfer, opinion, reply, rating, reminder
    obj: object


def case_history(message: Message) -> list[Event]:
    """Everything that happened to the case, in time order (transfers, assists, replies, ratings,
    reminders)."""
    events: list[Event] = []
    for t in Transfer.objects.filter(message=message).select_related("from_agency", "to_agency", "actor"):
        events.append(Event(t.at, "transfer", t))
    for o in AssistOpinion.objects.filter(message=message).select_related("agency", "actor"):
        events.append(Event(o.at, "opinion", o))
    for r in Reply.objects.filter(message=message).select_related("author", "reviewer"):
        events.append(Event(r.sent_at or r.reviewed_at or r.updated_at, "reply", r))
    for r in Rating.objects.filter(message=message):
        events.append(Event(r.at, "rating", r))
    for r in Reminder.objects.filter(message=message).select_related("from_agency", "actor"):
        events.append(Event(r.at, "reminder", r))
    return sorted(events, key=lambda e: e.at)


def current_reply(message: Message) -> Reply | None:
    return Reply.objects.filter(message=message, round=message.round).first()


# ---------------------------------------------------------------- the writer's lookup


def find_message(code: str, phone_last4: str) -> Message | None:
    """The message with receipt code `code` whose writer's phone ends in `phone_last4`, else None
    (the same answer for a wrong code and a wrong phone)."""
    code = (code or "").strip().upper().replace(" ", "")
    last4 = "".join(c for c in phone_last4 or "" if c.isdigit())[-4:]
    if not code or len(last4) != 4:
        return None
    return Message.objects.filter(phone_last4_hash=phone_hash(code, last4), receipt_code=code).first()


def phone_hash(receipt_code: str, last4: str) -> str:
    return crypto.lookup_hash("message", receipt_code, last4)


# ---------------------------------------------------------------- 待办


def todo_items(user: Staff) -> list[TodoItem]:
    """What the user should do about messages: the office its dispatch queue, an agency's clerks
    their unassigned messages, the responder its messages (with unseen reminders first), reviewers
    the replies to review, signers the extension requests."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    soon = soon_by(today)
    wanted = Q(pk__in=[])
    if user.is_superuser or user.has_role(Role.CLERK, Role.SUPERVISOR):
        wanted |= Q(state__in=[State.RECEIVED, State.RETURNED], office_id=user.agency_id)
    if user.has_role(Role.CLERK, Role.REVIEWER, Role.SIGNER):
        wanted |= Q(state=State.DISPATCHED, lead_agency_id=user.agency_id)
    if user.has_role(Role.RESPONDER):
        wanted |= Q(state=State.ASSIGNED, responder=user)
    if user.has_role(Role.REVIEWER):
        wanted |= Q(state=State.REVIEWING, lead_agency_id=user.agency_id)
    if user.has_role(Role.RESPONDER, Role.REVIEWER):
        wanted |= Q(state=State.APPROVED, lead_agency_id=user.agency_id)
    if user.has_role(Role.SIGNER):
        wanted |= Q(
            state__in=UNANSWERED_STATES,
            lead_agency_id=user.agency_id,
            extension_requested_at__isnull=False,
            extended=False,
        )
    qs = messages_for(user).filter(wanted).order_by("due_on", "pk")[:200]
    unseen = set(
        Reminder.objects.filter(message__in=[m.pk for m in qs], seen_at__isnull=True).values_list(
            "message_id", flat=True
        )
    )
    items = []
    for row in rows(qs, today):
        m = row.message
        hint = ""
        if m.pk in unseen and m.responder_id == user.pk:
            hint = "（有未读的催办、督办）"
        if m.extension_requested_at and not m.extended and user.has_role(Role.SIGNER):
            hint = f"（申请延期{m.extension_days}个工作日）"
        if row.veto:
            hint += "（接近3个月未答复）" if row.veto == "warning" else "（已超过3个月未答复）"
        items.append(
            TodoItem(
                title=f"留言 {m.receipt_code}：{m.subject[:30]}",
                url=reverse("interaction_staff:detail", kwargs={"pk": m.pk}),
                agency=(m.lead_agency or m.office).display_name,
                status=m.get_state_display() + hint,
                due=m.due_on,
                urgency=Urgency.OVERDUE if row.veto else urgency(m, today, soon),
            )
        )
    return items


def opinion_items(after_pk: int, limit: int = 500) -> list[dict]:
    """Messages after `after_pk`, oldest first, as 舆情 items (the 舆情 app reads its own-domain
    source through this; the text is the masked one, and 舆情 masks again before storing)."""
    rows = Message.objects.filter(pk__gt=after_pk).order_by("pk")[:limit]
    return [
        {
            "id": m.pk,
            "title": m.masked_subject or m.subject,
            "body": m.masked_body or m.body,
            "published_at": m.submitted_at,
        }
        for m in rows.only("pk", "subject", "masked_subject", "body", "masked_body", "submitted_at")
    ]
