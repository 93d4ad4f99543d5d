"""Every write to clocks and calendar data.

Clock rules (条例 30, 33; spec/RULES.md §2):

- start: the count begins after `started_on` (the receipt day is not counted unless
  GONGKAI_WORKDAYS_COUNT_START_DAY).
- pause / resume: time spent consulting third parties or other agencies is not counted. The pause
  day counts; working days after it up to and including the resume day do not (the resume day is
  treated like a receipt day). See `gongkai.workdays.calendar`.
- restart (补正 received, 条例30): counting begins anew from the new date; earlier elapsed days and
  pauses are dropped. An extension already approved is kept — in practice 补正 comes before any
  extension, and silently dropping a recorded approval would be worse than keeping it.
- extend (条例33): at most `clock.max_extension_days` in total (20 for an application) and at most
  GONGKAI_MAX_EXTENSIONS times (1), with the approver and the reason; not after the due date.
- stop: final.
- move: the case went to another agency; the clock goes with it, its count unchanged.

Every refusal raises ActionRefused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.audit.actions import record_audit, snapshot
from gongkai.common.dates import zh_date
from gongkai.common.errors import ActionRefused

from .models import CalendarDay, CalendarYear, Clock, ClockEvent, Pause
from .schedule import KINDS, Schedule, parse_schedule
from .services import bump_calendar_version, current_calendar, max_extensions

CLOCK_FIELDS = [
    "label",
    "limit_days",
    "max_extension_days",
    "started_on",
    "state",
    "stopped_on",
    "extension_days",
    "extension_count",
    "extension_approved_by",
    "extension_reason",
    "due_on",
    "provisional",
]


# ---------------------------------------------------------------- clocks


def _lock(clock: Clock) -> Clock:
    """Lock the clock's row and reload it, so that checks see the committed state."""
    Clock.objects.select_for_update().filter(pk=clock.pk).first()
    clock.refresh_from_db()
    if hasattr(clock, "_prefetched_objects_cache"):
        clock._prefetched_objects_cache.pop("events", None)
        clock._prefetched_objects_cache.pop("pause_records", None)
    return clock


def _refresh_due(clock: Clock) -> None:
    deadline = clock.deadline()
    clock.due_on = deadline.due
    clock.provisional = deadline.provisional


def _check_not_stopped(clock: Clock, doing: str) -> None:
    if clock.state == Clock.State.STOPPED:
        raise ActionRefused(f"该计时已于{zh_date(clock.stopped_on)}停止，不能{doing}")


def _check_date(clock: Clock, on: date, doing: str) -> None:
    if not isinstance(on, date):
        raise ActionRefused(f"{doing}日期无效", field="on")
    if on < clock.started_on:
        raise ActionRefused(
            f"{doing}日期（{zh_date(on)}）早于起算日（{zh_date(clock.started_on)}）", field="on"
        )
    last = clock.events.order_by("-on", "-pk").first()
    if last is not None and on < last.on:
        raise ActionRefused(
            f"{doing}日期（{zh_date(on)}）早于上一次“{last.get_kind_display()}”（{zh_date(last.on)}）",
            field="on",
        )


def _check_not_expired(clock: Clock, on: date, doing: str) -> None:
    due = clock.deadline().due
    if due is not None and on > due:
        raise ActionRefused(f"期限已于{zh_date(due)}届满，不能再{doing}", field="on")


def _record(actor, clock: Clock, kind: str, on: date, note: str, before: dict | None) -> None:
    ClockEvent.objects.create(clock=clock, kind=kind, on=on, actor=actor, note=note)
    _refresh_due(clock)
    clock.save()
    record_audit(
        actor=actor,
        action=f"workdays.clock.{kind}",
        target=clock,
        agency=clock.agency,
        before=before,
        after=snapshot(clock, CLOCK_FIELDS) | {"on": on},
        note=note,
    )


@transaction.atomic
def start_clock(
    actor,
    *,
    agency,
    label: str,
    limit_days: int,
    started_on: date,
    max_extension_days: int | None = None,
    note: str = "",
) -> Clock:
    """A running clock of `limit_days` working days counted from `started_on`.

    `max_extension_days` defaults to `limit_days` (条例33: 20 + at most 20).
    """
    if not label.strip():
        raise ActionRefused("计时名称不能为空", field="label")
    if not isinstance(limit_days, int) or limit_days < 1:
        raise ActionRefused("期限必须是正整数个工作日", field="limit_days")
    if max_extension_days is None:
        max_extension_days = limit_days
    if not isinstance(max_extension_days, int) or max_extension_days < 0:
        raise ActionRefused("最长延长天数不能为负数", field="max_extension_days")
    if not isinstance(started_on, date):
        raise ActionRefused("起算日无效", field="started_on")
    clock = Clock(
        agency=agency,
        label=label.strip(),
        limit_days=limit_days,
        max_extension_days=max_extension_days,
        started_on=started_on,
    )
    clock.save()
    _record(actor, clock, ClockEvent.Kind.START, started_on, note, None)
    return clock


@transaction.atomic
def pause_clock(
    actor,
    clock: Clock,
    *,
    on: date,
    kind: str = "pause",
    due_on: date | None = None,
    detail: str = "",
    resume_state: str = "",
    note: str = "",
) -> Pause:
    """Stop counting from the day after `on` (e.g. a third-party inquiry sent, 条例32/33).

    The one way any domain pauses a clock: a `Pause` row of `kind` is opened; `resume_clock` (or
    `restart_clock`) closes it. `resume_state` is kept for the domain to return its case to.
    """
    clock = _lock(clock)
    _check_not_stopped(clock, "暂停")
    if clock.state == Clock.State.PAUSED:
        raise ActionRefused("该计时已暂停，不能重复暂停")
    _check_date(clock, on, "暂停")
    _check_not_expired(clock, on, "暂停计时")
    if due_on is not None and due_on < on:
        raise ActionRefused("暂停期限不能早于暂停日", field="due_on")
    before = snapshot(clock, CLOCK_FIELDS)
    clock.state = Clock.State.PAUSED
    pause = Pause.objects.create(
        clock=clock, kind=kind, started_on=on, due_on=due_on, detail=detail[:500], resume_state=resume_state
    )
    _forget_pauses(clock)
    _record(actor, clock, ClockEvent.Kind.PAUSE, on, note, before)
    return pause


@transaction.atomic
def resume_clock(actor, clock: Clock, *, on: date, note: str = "") -> Pause:
    """Count again from the day after `on` (e.g. the third party's answer received); the open
    pause is closed and returned (its `resume_state` tells the domain where its case goes)."""
    clock = _lock(clock)
    _check_not_stopped(clock, "恢复计时")
    pause = clock.open_pause()
    if clock.state == Clock.State.RUNNING or pause is None:
        raise ActionRefused("该计时正在计时，没有可以恢复的暂停")
    _check_date(clock, on, "恢复计时")
    before = snapshot(clock, CLOCK_FIELDS)
    clock.state = Clock.State.RUNNING
    _end_pause(pause, on)
    _forget_pauses(clock)
    _record(actor, clock, ClockEvent.Kind.RESUME, on, note, before)
    return pause


def _end_pause(pause: Pause, on: date) -> None:
    pause.ended_on = on
    pause.save(update_fields=["ended_on"])


def _forget_pauses(clock: Clock) -> None:
    if hasattr(clock, "_prefetched_objects_cache"):
        clock._prefetched_objects_cache.pop("pause_records", None)


@transaction.atomic
def restart_clock(actor, clock: Clock, *, on: date, note: str = "") -> Clock:
    """Count anew from `on` (条例30: the day the corrected application is received).

    Earlier elapsed days and pauses are dropped; an open pause ends; an approved extension is kept.
    """
    clock = _lock(clock)
    _check_not_stopped(clock, "重新起算")
    _check_date(clock, on, "重新起算")
    before = snapshot(clock, CLOCK_FIELDS)
    pause = clock.open_pause()
    if pause is not None:
        _end_pause(pause, on)
        _forget_pauses(clock)
    clock.started_on = on
    clock.state = Clock.State.RUNNING
    _record(actor, clock, ClockEvent.Kind.RESTART, on, note, before)
    return clock


@transaction.atomic
def extend_clock(
    actor,
    clock: Clock,
    *,
    days: int,
    approved_by,
    reason: str,
    on: date | None = None,
) -> Clock:
    """Add `days` working days to the limit (条例33), approved by `approved_by` for `reason`."""
    clock = _lock(clock)
    _check_not_stopped(clock, "延长")
    allowed = max_extensions()
    if allowed <= 0:
        raise ActionRefused("本部署不允许延长期限")
    if clock.extension_count >= allowed:
        if allowed == 1:
            raise ActionRefused("该计时已延长过一次，依法只能延长一次")
        raise ActionRefused(f"该计时已延长{clock.extension_count}次，已达上限（{allowed}次）")
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise ActionRefused("延长的工作日数必须大于0", field="days")
    if clock.extension_days + days > clock.max_extension_days:
        already = f"（已延长{clock.extension_days}个）" if clock.extension_days else ""
        raise ActionRefused(f"延长合计不能超过{clock.max_extension_days}个工作日{already}", field="days")
    if approved_by is None:
        raise ActionRefused("延长须记录批准人", field="approved_by")
    if not reason.strip():
        raise ActionRefused("延长须说明理由", field="reason")
    on = on or timezone.localdate()
    _check_date(clock, on, "延长")
    _check_not_expired(clock, on, "延长")
    before = snapshot(clock, CLOCK_FIELDS)
    clock.extension_days += days
    clock.extension_count += 1
    clock.extension_approved_by = approved_by
    clock.extension_reason = reason.strip()
    _record(actor, clock, ClockEvent.Kind.EXTEND, on, f"延长{days}个工作日：{reason.strip()}", before)
    return clock


@transaction.atomic
def stop_clock(actor, clock: Clock, *, on: date, note: str = "") -> Clock:
    """Stop for good (the case answered or closed); the status is frozen on `on`."""
    clock = _lock(clock)
    _check_not_stopped(clock, "再次停止")
    _check_date(clock, on, "停止")
    before = snapshot(clock, CLOCK_FIELDS)
    pause = clock.open_pause()
    if pause is not None:  # e.g. closed for an unpaid fee while the fee pause was open
        _end_pause(pause, on)
        _forget_pauses(clock)
    clock.state = Clock.State.STOPPED
    clock.stopped_on = on
    _record(actor, clock, ClockEvent.Kind.STOP, on, note, before)
    return clock


@transaction.atomic
def move_clock(actor, clock: Clock, *, agency, note: str = "") -> Clock:
    """Hand the clock to another agency (the case moved there); the count goes on unchanged."""
    clock = _lock(clock)
    _check_not_stopped(clock, "移交")
    if agency is None:
        raise ActionRefused("请选择接收计时的机关", field="agency")
    if clock.agency_id == agency.pk:
        return clock
    before = snapshot(clock, ["agency"])
    clock.agency = agency
    clock.save(update_fields=["agency"])
    record_audit(
        actor=actor,
        action="workdays.clock.move",
        target=clock,
        agency=agency,
        before=before,
        after=snapshot(clock, ["agency"]),
        note=note,
    )
    return clock


def recompute_clocks(clocks: QuerySet[Clock] | None = None) -> list[int]:
    """Refresh the cached `due_on`/`provisional` of `clocks` (default: all); the ids that changed."""
    calendar = current_calendar()
    qs = (clocks if clocks is not None else Clock.objects.all()).prefetch_related("pause_records")
    changed = []
    with transaction.atomic():
        for clock in qs.select_for_update():
            deadline = clock.deadline(calendar)
            if (clock.due_on, clock.provisional) != (deadline.due, deadline.provisional):
                before = {"due_on": clock.due_on, "provisional": clock.provisional}
                clock.due_on, clock.provisional = deadline.due, deadline.provisional
                clock.save(update_fields=["due_on", "provisional"])
                record_audit(
                    actor=None,
                    action="workdays.clock.recompute",
                    target=clock,
                    agency=clock.agency,
                    before=before,
                    after={"due_on": clock.due_on, "provisional": clock.provisional},
                    note="日历变更后重新计算到期日",
                )
                changed.append(clock.pk)
    return changed


def recompute_provisional_clocks() -> list[int]:
    """Recompute every clock whose due date was provisional (run after a year is loaded)."""
    return recompute_clocks(Clock.objects.filter(provisional=True))


def _clocks_touching(first: date, last: date) -> QuerySet[Clock]:
    return Clock.objects.filter(Q(provisional=True) | Q(due_on__isnull=True) | Q(due_on__gte=first)).filter(
        started_on__lte=last
    )


# ---------------------------------------------------------------- calendar data


@dataclass(frozen=True)
class LoadResult:
    schedule: Schedule
    replaced: bool  # the year had been loaded before
    dry_run: bool

    @property
    def year(self) -> int:
        return self.schedule.year


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        return "csv"
    raise ActionRefused(f"无法识别的文件类型“{path.name}”（应为 .yaml、.yml 或 .csv）")


def load_calendar_year(
    actor, path: str | Path, *, year: int | None = None, dry_run: bool = False, note: str = ""
) -> LoadResult:
    """Load one year's official schedule from a YAML or CSV file (format: `gongkai.workdays.schedule`).

    The whole file is validated before anything is written; then the year's schedule rows are
    replaced, the year becomes known, and after commit every provisional clock (and every clock
    counting through that year) is recomputed.
    """
    path = Path(path)
    fmt = _format_of(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ActionRefused(f"找不到文件：{path}") from None
    except UnicodeDecodeError:
        raise ActionRefused(f"文件 {path.name} 不是 UTF-8 编码") from None
    schedule = parse_schedule(text, fmt=fmt, year=year)
    replaced = CalendarYear.objects.filter(year=schedule.year).exists()
    if dry_run:
        return LoadResult(schedule=schedule, replaced=replaced, dry_run=True)
    with transaction.atomic():
        before = None
        existing = CalendarYear.objects.select_for_update().filter(year=schedule.year).first()
        if existing is not None:
            before = snapshot(existing, ["year", "source", "loaded_at", "loaded_by", "note"]) | {
                "days": CalendarDay.objects.filter(
                    source=CalendarDay.Source.SCHEDULE, date__year=schedule.year
                ).count()
            }
        CalendarDay.objects.filter(source=CalendarDay.Source.SCHEDULE, date__year=schedule.year).delete()
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(
                    date=e.date,
                    kind=e.kind,
                    name=e.name,
                    source=CalendarDay.Source.SCHEDULE,
                    changed_by=actor,
                )
                for e in schedule.entries
            ]
        )
        calendar_year, _ = CalendarYear.objects.update_or_create(
            year=schedule.year,
            defaults={
                "source": CalendarYear.Source.LOADED,
                "loaded_at": timezone.now(),
                "loaded_by": actor,
                "note": (note or schedule.note).strip(),
            },
        )
        record_audit(
            actor=actor,
            action="workdays.calendar.load",
            target=calendar_year,
            before=before,
            after={
                "year": schedule.year,
                "file": path.name,
                "holidays": [e.date for e in schedule.holidays],
                "workdays": [e.date for e in schedule.workdays],
            },
            note=calendar_year.note,
        )
        bump_calendar_version()
        first, last = date(schedule.year, 1, 1), date(schedule.year, 12, 31)
        transaction.on_commit(lambda: recompute_clocks(_clocks_touching(first, last)))
    return LoadResult(schedule=schedule, replaced=replaced, dry_run=False)


@transaction.atomic
def set_calendar_override(actor, *, day: date, kind: str, name: str, note: str = "") -> CalendarDay:
    """Make `day` a local holiday (kind "holiday") or an extra working day ("workday").

    Overrides win over the national schedule, in known and unknown years alike (an override in an
    unknown year does not make the year known).
    """
    normalized = KINDS.get(str(kind).strip().lower())
    if normalized is None:
        raise ActionRefused(f"未知的类型“{kind}”（应为 holiday 或 workday）", field="kind")
    if not name.strip():
        raise ActionRefused("必须填写名称（如节日名称）", field="name")
    if not isinstance(day, date):
        raise ActionRefused("日期无效", field="day")
    existing = CalendarDay.objects.filter(date=day, source=CalendarDay.Source.OVERRIDE).first()
    before = snapshot(existing, ["date", "kind", "name"]) if existing else None
    row, _ = CalendarDay.objects.update_or_create(
        date=day,
        source=CalendarDay.Source.OVERRIDE,
        defaults={"kind": normalized, "name": name.strip(), "changed_by": actor},
    )
    record_audit(
        actor=actor,
        action="workdays.calendar.set_override",
        target=row,
        before=before,
        after=snapshot(row, ["date", "kind", "name"]),
        note=note,
    )
    bump_calendar_version()
    transaction.on_commit(lambda: recompute_clocks(_clocks_touching(day, day)))
    return row


@transaction.atomic
def remove_calendar_override(actor, *, day: date, note: str = "") -> None:
    """Remove the override of `day`; the national schedule applies again."""
    row = CalendarDay.objects.filter(date=day, source=CalendarDay.Source.OVERRIDE).first()
    if row is None:
        raise ActionRefused(f"{zh_date(day)}没有本地调整", field="day")
    record_audit(
        actor=actor,
        action="workdays.calendar.remove_override",
        target=row,
        before=snapshot(row, ["date", "kind", "name"]),
        note=note,
    )
    row.delete()
    bump_calendar_version()
    transaction.on_commit(lambda: recompute_clocks(_clocks_touching(day, day)))
