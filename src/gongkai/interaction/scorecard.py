"""Scorecards of 留言办理: the figures of each agency for a period, precomputed per agency and day.

What is counted (valid messages only; a message belongs to the period of the day it was received,
and to its lead agency — or to the dispatching office while it waits to be dispatched):

- 收到留言 received: messages received in the period;
- 按时答复率 on time: of the messages answered now, those whose latest reply reached the writer by
  its deadline (an approved extension moves the deadline);
- 答复用时中位数 median working days from receipt to the first reply;
- 满意率 satisfaction: of the rated messages (the latest rating of each), 满意 + 基本满意; the rated
  count is shown beside it — an unrated reply is *not rated*, never satisfied;
- 重办率 reopened: of the messages ever answered, those reopened (重办);
- 目前超期 overdue now and 最长未答复 the longest unanswered (calendar days since receipt) are
  current figures, counted live over the unanswered messages (few, and indexed).

`AgencyDay` rows are recomputed from the records for whole days (`refresh_days`): after each
message action commits (`refresh_later`) and nightly for the recent past (`message_scorecards`),
so a scorecard reads a few thousand small rows instead of every message.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import partial
from statistics import median_low

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.common.metric_records import records_url
from gongkai.workdays.services import current_calendar

from .models import ANSWERED_STATES, UNANSWERED_STATES, AgencyDay, Message, Rating, RatingValue

GOOD = (RatingValue.SATISFIED, RatingValue.BASICALLY)


# ---------------------------------------------------------------- precomputation


def _day_rows(day: date) -> list[AgencyDay]:
    """The rows of one day, computed from the messages received that day."""
    latest_rating = Subquery(
        Rating.objects.filter(message=OuterRef("pk")).order_by("-round", "-pk").values("value")[:1]
    )
    qs = Message.objects.filter(received_on=day, is_valid=True).annotate(
        unit=Coalesce("lead_agency_id", "office_id", output_field=IntegerField()), last_rating=latest_rating
    )
    figures = qs.values("unit").annotate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(first_replied_on__isnull=False)),
        replied=Count("pk", filter=Q(state__in=ANSWERED_STATES)),
        on_time=Count("pk", filter=Q(state__in=ANSWERED_STATES, replied_on__lte=F("due_on"))),
        rated=Count("pk", filter=Q(last_rating__isnull=False)),
        satisfied=Count("pk", filter=Q(last_rating__in=GOOD)),
        reopened=Count("pk", filter=Q(reopen_count__gt=0)),
    )
    spans: dict[int, Counter] = {}
    cal = current_calendar()
    for row in (
        qs.filter(first_replied_on__isnull=False)
        .values("unit", "first_replied_on")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        days = max(cal.workdays_between(day, row["first_replied_on"]), 0)
        spans.setdefault(row["unit"], Counter())[str(days)] += row["n"]
    return [
        AgencyDay(
            agency_id=f["unit"],
            day=day,
            received=f["received"],
            answered=f["answered"],
            replied=f["replied"],
            on_time=f["on_time"],
            rated=f["rated"],
            satisfied=f["satisfied"],
            reopened=f["reopened"],
            reply_workdays=dict(spans.get(f["unit"], {})),
        )
        for f in figures.order_by()
    ]


def refresh_days(days: Iterable[date]) -> int:
    """Recompute the rows of `days` from the records (idempotent); the number of rows written."""
    written = 0
    for day in sorted(set(days)):
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    rows = _day_rows(day)
                    AgencyDay.objects.filter(day=day).exclude(
                        agency_id__in=[r.agency_id for r in rows]
                    ).delete()
                    for row in rows:
                        AgencyDay.objects.update_or_create(
                            agency_id=row.agency_id,
                            day=day,
                            defaults={f: getattr(row, f) for f in FIGURE_FIELDS},
                        )
                written += len(rows)
                break
            except IntegrityError:  # another process inserted the same row first: compute again
                continue
    return written


FIGURE_FIELDS = (
    "received",
    "answered",
    "replied",
    "on_time",
    "rated",
    "satisfied",
    "reopened",
    "reply_workdays",
)


_deferred = threading.local()


def refresh_later(day: date) -> None:
    """Recompute `day`'s rows once the current transaction commits (a rolled-back action changes nothing)."""
    if getattr(_deferred, "on", False):
        return
    transaction.on_commit(partial(refresh_days, [day]))


@contextmanager
def deferred():
    """Within the block, actions do not refresh rows; the caller rebuilds afterwards (bulk loading:
    the demo, an import)."""
    _deferred.on = True
    try:
        yield
    finally:
        _deferred.on = False


def rebuild(since: date | None = None, until: date | None = None) -> int:
    """Recompute every day with messages (or rows) between `since` and `until`."""
    msgs = Message.objects.all()
    rows = AgencyDay.objects.all()
    if since:
        msgs, rows = msgs.filter(received_on__gte=since), rows.filter(day__gte=since)
    if until:
        msgs, rows = msgs.filter(received_on__lte=until), rows.filter(day__lte=until)
    days = set(msgs.values_list("received_on", flat=True).distinct()) | set(
        rows.values_list("day", flat=True).distinct()
    )
    return refresh_days(days)


# ---------------------------------------------------------------- reading


@dataclass
class Figures:
    agency_id: int
    received: int = 0
    answered: int = 0
    replied: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    reopened: int = 0
    overdue_now: int = 0
    longest_unanswered_days: int | None = None
    spans: Counter = field(default_factory=Counter, repr=False)

    @staticmethod
    def _pct(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def on_time_pct(self) -> float | None:
        return self._pct(self.on_time, self.replied)

    @property
    def satisfaction_pct(self) -> float | None:
        return self._pct(self.satisfied, self.rated)

    @property
    def reopened_pct(self) -> float | None:
        return self._pct(self.reopened, self.answered)

    @property
    def median_workdays(self) -> int | None:
        if not self.spans:
            return None
        values = sorted(self.spans.elements())
        return median_low(values)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("spans")
        data.update(
            on_time_pct=self.on_time_pct,
            satisfaction_pct=self.satisfaction_pct,
            reopened_pct=self.reopened_pct,
            median_workdays=self.median_workdays,
        )
        return data

    def badness(self) -> tuple:
        """Sort key, worst first: overdue now, longest unanswered, then lowest on-time rate."""
        return (
            -self.overdue_now,
            -(self.longest_unanswered_days or 0),
            self.on_time_pct if self.on_time_pct is not None else 101,
            self.satisfaction_pct if self.satisfaction_pct is not None else 101,
        )


def figures(start: date, end: date, agency_ids: Iterable[int] | None = None, today: date | None = None):
    """{agency_id: Figures} for the messages received from `start` to `end` (inclusive), with the
    current figures; only agencies with messages (or with unanswered ones) appear."""
    today = today or timezone.localdate()
    ids = None if agency_ids is None else list(agency_ids)
    rows = AgencyDay.objects.filter(day__gte=start, day__lte=end)
    if ids is not None:
        rows = rows.filter(agency_id__in=ids)
    out: dict[int, Figures] = {}
    sums = rows.values("agency_id").annotate(
        **{f"s_{name}": Sum(name) for name in FIGURE_FIELDS if name != "reply_workdays"}
    )
    for s in sums.order_by():
        out[s["agency_id"]] = Figures(
            s["agency_id"],
            **{name: s[f"s_{name}"] or 0 for name in FIGURE_FIELDS if name != "reply_workdays"},
        )
    for agency_id, spans in rows.exclude(reply_workdays={}).values_list("agency_id", "reply_workdays"):
        out[agency_id].spans.update({int(k): v for k, v in spans.items()})
    for agency_id, overdue_n, oldest in current(ids, today):
        fig = out.setdefault(agency_id, Figures(agency_id))
        fig.overdue_now = overdue_n
        fig.longest_unanswered_days = (today - oldest).days if oldest else None
    return out


def current(agency_ids: list[int] | None, today: date) -> list[tuple[int, int, date | None]]:
    """(agency, overdue now, oldest unanswered receipt date) over the valid unanswered messages."""
    qs = Message.objects.filter(state__in=UNANSWERED_STATES, is_valid=True).annotate(
        unit=Coalesce("lead_agency_id", "office_id", output_field=IntegerField())
    )
    if agency_ids is not None:
        qs = qs.filter(unit__in=agency_ids)
    return [
        (r["unit"], r["overdue"], r["oldest"])
        for r in qs.values("unit")
        .annotate(overdue=Count("pk", filter=Q(due_on__lt=today)), oldest=Min("received_on"))
        .order_by()
    ]


def monthly(agency_ids: Iterable[int] | None, start: date, end: date) -> list[dict]:
    """Per month of the period: received, replied, on time and satisfied/rated (for the charts)."""
    rows = AgencyDay.objects.filter(day__gte=start, day__lte=end)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=list(agency_ids))
    months: dict[tuple[int, int], Counter] = {}
    for day, *vals in rows.values_list("day", "received", "replied", "on_time", "rated", "satisfied"):
        c = months.setdefault((day.year, day.month), Counter())
        c.update(dict(zip(("received", "replied", "on_time", "rated", "satisfied"), vals, strict=True)))
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        c = months.get((y, m), Counter())
        out.append(
            {
                "month": f"{y}-{m:02d}",
                "label": f"{y}年{m}月",
                "received": c["received"],
                "replied": c["replied"],
                "on_time": c["on_time"],
                "on_time_pct": Figures._pct(c["on_time"], c["replied"]),
                "rated": c["rated"],
                "satisfaction_pct": Figures._pct(c["satisfied"], c["rated"]),
            }
        )
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    key: str  # what the period selector submits ("2026", "2026-q3", "2026-07", "12m")


def periods(today: date) -> list[Period]:
    """The periods offered: the last 12 months, this and last year, this year's quarters, the last 6 months."""
    out = [_last_12(today)]
    for year in (today.year, today.year - 1):
        out.append(Period(date(year, 1, 1), date(year, 12, 31), f"{year}年", str(year)))
    for q in range((today.month - 1) // 3 + 1, 0, -1):
        start = date(today.year, 3 * q - 2, 1)
        end = (date(today.year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)) - timedelta(days=1)
        out.append(Period(start, end, f"{today.year}年第{q}季度", f"{today.year}-q{q}"))
    for back in range(6):
        y, m = today.year, today.month - back
        while m < 1:
            y, m = y - 1, m + 12
        start = date(y, m, 1)
        end = (date(y + (m == 12), 1 if m == 12 else m + 1, 1)) - timedelta(days=1)
        out.append(Period(start, end, f"{y}年{m}月", f"{y}-{m:02d}"))
    return out


def _last_12(today: date) -> Period:
    y, m = today.year, today.month - 11
    if m < 1:
        y, m = y - 1, m + 12
    start = date(y, m, 1)
    return Period(start, today, "最近12个月", "12m")


def period_for(key: str | None, today: date) -> Period:
    """The offered period of `key`, else the last 12 months (an unknown key is not an error)."""
    for p in periods(today):
        if p.key == key:
            return p
    return _last_12(today)


# ---------------------------------------------------------------- downloads

COLUMNS = (
    ("agency", "机关"),
    ("received", "收到留言"),
    ("replied", "已答复"),
    ("on_time_pct", "按时答复率(%)"),
    ("median_workdays", "答复用时中位数(工作日)"),
    ("satisfaction_pct", "满意率(%)"),
    ("rated", "评价数"),
    ("reopened_pct", "重办率(%)"),
    ("overdue_now", "目前超期"),
    ("longest_unanswered_days", "最长未答复(天)"),
)


def table_rows(figs: dict[int, Figures], names: dict[int, str]) -> list[dict]:
    out = []
    for agency_id, fig in figs.items():
        if agency_id not in names:
            continue
        data = fig.as_dict()
        data["agency"] = names[agency_id]
        out.append(data)
    return out


def as_csv(rows: list[dict], period: Period) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel opens UTF-8 with a BOM as Chinese text
    w = csv.writer(buf)
    w.writerow([f"留言办理情况 {period.label}（{period.start}至{period.end}收到的留言）"])
    w.writerow([label for _, label in COLUMNS])
    for row in rows:
        w.writerow(["" if row.get(key) is None else row[key] for key, _ in COLUMNS])
    return buf.getvalue()


def as_json(rows: list[dict], period: Period) -> str:
    payload = {
        "period": {
            "key": period.key,
            "label": period.label,
            "start": str(period.start),
            "end": str(period.end),
        },
        "columns": dict(COLUMNS),
        "agencies": [
            {key: row.get(key) for key, _ in COLUMNS} | {"agency_id": row["agency_id"]} for row in rows
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------- metrics (registered in apps.py)


def _metric(attr: str):
    def fn(start: date, end: date, agency_ids: Iterable[int] | None = None) -> dict[int, float | int | None]:
        return {k: getattr(v, attr) for k, v in figures(start, end, agency_ids).items()}

    fn.__name__ = f"metric_{attr}"
    return fn


METRICS = {
    "interaction.messages.received": ("收到留言数", _metric("received")),
    "interaction.messages.on_time_pct": ("留言按时答复率（%）", _metric("on_time_pct")),
    "interaction.messages.median_workdays": ("留言答复用时中位数（工作日）", _metric("median_workdays")),
    "interaction.messages.satisfaction_pct": (
        "留言满意率（%，已评价中满意和基本满意）",
        _metric("satisfaction_pct"),
    ),
    "interaction.messages.rated": ("留言已评价数", _metric("rated")),
    "interaction.messages.reopened_pct": ("留言重办率（%）", _metric("reopened_pct")),
    "interaction.messages.overdue_now": ("目前超期未答复留言数", _metric("overdue_now")),
    "interaction.messages.longest_unanswered_days": (
        "最长未答复留言（天）",
        _metric("longest_unanswered_days"),
    ),
}


# ---------------------------------------------------------------- the messages behind a figure


def _received(start: date, end: date) -> Q:
    return Q(is_valid=True, received_on__gte=start, received_on__lte=end)


def _rated(start: date, end: date) -> Q:
    return _received(start, end) & Q(Exists(Rating.objects.filter(message=OuterRef("pk"))))


def _overdue_now(start: date, end: date) -> Q:
    """A current figure: the dates do not apply."""
    return Q(is_valid=True, state__in=UNANSWERED_STATES, due_on__lt=timezone.localdate())


# The staff list narrowed to a figure (`?figure=…`): the same messages the figures count.
FIGURES = {
    "received": ("本期收到的有效留言", _received),
    "replied": ("本期收到且已答复的留言", lambda s, e: _received(s, e) & Q(state__in=ANSWERED_STATES)),
    "rated": ("本期收到且已评价的留言", _rated),
    "reopened": ("本期收到且重办过的留言", lambda s, e: _received(s, e) & Q(reopen_count__gt=0)),
    "overdue_now": ("目前超期未答复的留言", _overdue_now),
}


def agency_q(agency_ids: Iterable[int]) -> Q:
    """A message belongs to its lead agency, or to the dispatching office while it waits."""
    ids = list(agency_ids)
    return Q(lead_agency_id__in=ids) | Q(lead_agency__isnull=True, office_id__in=ids)


RECORDS = {
    code: records_url("interaction_staff:home", figure)
    for code, figure in (
        ("interaction.messages.received", "received"),
        ("interaction.messages.on_time_pct", "replied"),
        ("interaction.messages.satisfaction_pct", "rated"),
        ("interaction.messages.rated", "rated"),
        ("interaction.messages.reopened_pct", "reopened"),
        ("interaction.messages.overdue_now", "overdue_now"),
    )
}
