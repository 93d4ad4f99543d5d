"""The periods of a message (RULES.md §7) and the State Council's veto line (RULES.md §8).

`rule_for(kind, channel)` picks the most specific `DeadlineRule`: kind and channel, then kind,
then channel, then the rule for any message; without any row, the defaults of RULES.md §7
(Shandong's 12345 practice: 5 working days, one extension of up to 10, return within 2).
The veto line is a calendar rule: a valid message unanswered for more than 3 months fails the site.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

REPLY_DAYS = 5
MAX_EXTENSION_DAYS = 10
RETURN_DAYS = 2
VETO_WARNING_DAYS = 60
VETO_MONTHS = 3


@dataclass(frozen=True)
class Periods:
    reply_days: int = REPLY_DAYS
    max_extension_days: int = MAX_EXTENSION_DAYS
    return_days: int = RETURN_DAYS
    veto_warning_days: int = VETO_WARNING_DAYS


DEFAULT = Periods()


def pick(rules, kind: str, channel: str) -> Periods:
    """The most specific of `rules` (objects with kind, channel and the four periods) for a message."""
    best, best_rank = None, -1
    for rule in rules:
        if rule.kind not in (None, "", kind) or rule.channel not in (None, "", channel):
            continue
        rank = (2 if rule.kind else 0) + (1 if rule.channel else 0)
        if rank > best_rank:
            best, best_rank = rule, rank
    if best is None:
        return DEFAULT
    return Periods(best.reply_days, best.max_extension_days, best.return_days, best.veto_warning_days)


def rule_for(kind: str, channel: str) -> Periods:
    from .models import DeadlineRule

    return pick(DeadlineRule.objects.all(), kind, channel)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day (31 Jan → 30 Apr)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def veto_line(received_on: date) -> date:
    """The last day a message received on `received_on` may still be answered without failing the
    check (unanswered for *more than* 3 months from the day after this one)."""
    return add_months(received_on, VETO_MONTHS)


def veto_warning_on(received_on: date, warning_days: int) -> date:
    """From this day on the unanswered message is listed as approaching the veto line."""
    return received_on + timedelta(days=warning_days)


def veto_state(received_on: date, today: date, warning_days: int) -> str:
    """ "" (fine), "warning" (approaching the line) or "vetoed" (beyond it) for an unanswered message."""
    if today > veto_line(received_on):
        return "vetoed"
    if today >= veto_warning_on(received_on, warning_days):
        return "warning"
    return ""
