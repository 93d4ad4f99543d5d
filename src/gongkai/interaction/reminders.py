"""The scheduled reminders of 留言办理: due soon, overdue, approaching the 3-month veto line.

Each reminder is a `Reminder` row from the dispatching office (actor None = the system), shown to
the responder on the case and in the 待办, and mailed to the responder when an address is known.
`auto_key` ("due_soon:2026-03-09") makes the job idempotent: a case is reminded of each due date
and of the veto line once, however often the job runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.common.dates import zh_date

from . import deadlines, queries
from .models import UNANSWERED_STATES, Message, Reminder, ReminderKind


@dataclass(frozen=True)
class Planned:
    message: Message
    key: str
    kind: str  # ReminderKind
    text: str


def sync_due_dates() -> int:
    """Copy each open message's clock due date into its `due_on` (the lists' cache) where they differ:
    a calendar change (`gongkai calendar load`, an override) recomputes the clocks, not the cache."""
    from django.db.models import F, OuterRef, Subquery

    from gongkai.workdays.models import Clock

    stale = Message.objects.filter(state__in=UNANSWERED_STATES, clock__isnull=False).exclude(
        due_on=F("clock__due_on")
    )
    return stale.update(due_on=Subquery(Clock.objects.filter(pk=OuterRef("clock_id")).values("due_on")[:1]))


def plan(today: date) -> list[Planned]:
    soon = queries.soon_by(today)
    rules = queries._warning_days()
    open_messages = (
        Message.objects.filter(state__in=UNANSWERED_STATES, is_valid=True)
        .select_related("office", "lead_agency", "responder")
        .order_by("due_on", "pk")
    )
    done = set(Reminder.objects.exclude(auto_key="").values_list("message_id", "auto_key"))
    out = []
    for m in open_messages.iterator():
        wanted = []
        if m.due_on and m.due_on < today:
            wanted.append(
                (
                    f"overdue:{m.due_on}",
                    ReminderKind.REMIND,
                    f"留言已于{zh_date(m.due_on)}到期，已超期，请立即答复",
                )
            )
        elif m.due_on and m.due_on <= soon:
            wanted.append(
                (f"due_soon:{m.due_on}", ReminderKind.REMIND, f"留言将于{zh_date(m.due_on)}到期，请按时答复")
            )
        if m.first_replied_on is None:
            veto = deadlines.veto_state(m.received_on, today, rules(m.kind, m.channel))
            if veto:
                line = deadlines.veto_line(m.received_on)
                wanted.append((
                    f"veto:{m.received_on}",
                    ReminderKind.SUPERVISE,
                    f"留言自{zh_date(m.received_on)}收到尚未答复，{zh_date(line)}后即超过3个月（政府网站检查单项否决项），请优先办理",
                ))  # fmt: skip
        for key, kind, text in wanted:
            if (m.pk, key) not in done:
                out.append(Planned(m, key, kind, text))
    return out


def send(planned: list[Planned]) -> int:
    from .actions._common import _audit
    from .actions._notify import notify_reminder

    sent = 0
    for p in planned:
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    message=p.message, kind=p.kind, from_agency=p.message.office, text=p.text,
                    actor=None, at=timezone.now(), auto_key=p.key,
                )  # fmt: skip
                _audit(None, p.message, p.kind, None, note=f"自动提醒：{p.text}")
                notify_reminder(reminder)
        except IntegrityError:  # another run got there first
            continue
        sent += 1
    return sent
