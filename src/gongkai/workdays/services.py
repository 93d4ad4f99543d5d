"""The calendar in force for this deployment, and the workdays settings read at call time.

`current_calendar()` = the `chinesecalendar` package's data, with every loaded year's schedule
replacing the package's data for that year (and making the year known), then the deployment's
overrides on top.

Caching: the assembled calendar is kept per process together with a version number stored in
Django's cache. Every action that changes calendar rows bumps the version (immediately, and again
on commit, so that a process which rebuilt from uncommitted data rebuilds once more). A process
whose version differs from the shared one rebuilds. With the Redis cache of a production deployment
the version is shared by all processes; with the local-memory cache of development and tests there
is one process. A missing version (evicted, fresh cache) also means "rebuild".
"""

from __future__ import annotations

import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .calendar import Override, WorkCalendar, package_calendar

VERSION_KEY = "gongkai:workdays:calendar-version"

_lock = threading.Lock()
_cached: tuple[str, WorkCalendar] | None = None


def count_start_day() -> bool:
    return settings.GONGKAI_WORKDAYS_COUNT_START_DAY


def due_soon_workdays() -> int:
    return settings.GONGKAI_DUE_SOON_WORKDAYS


def max_extensions() -> int:
    return settings.GONGKAI_MAX_EXTENSIONS


def build_calendar() -> WorkCalendar:
    """Assemble the calendar from the package and the database, without any cache."""
    from .models import CalendarDay, CalendarYear

    loaded_years = set(CalendarYear.objects.values_list("year", flat=True))
    holidays: dict = {}
    working_weekends: dict = {}
    overrides: dict = {}
    for day in CalendarDay.objects.all():
        is_workday = day.kind == CalendarDay.Kind.WORKDAY
        if day.source == CalendarDay.Source.OVERRIDE:
            overrides[day.date] = Override(is_workday=is_workday, name=day.name)
        elif day.date.year in loaded_years:
            (working_weekends if is_workday else holidays)[day.date] = day.name
    return package_calendar().with_overrides(
        holidays=holidays,
        working_weekends=working_weekends,
        replace_years=loaded_years,
        overrides=overrides,
    )


def current_calendar() -> WorkCalendar:
    """The deployment's calendar, rebuilt only when calendar rows changed."""
    global _cached
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY) or version
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        calendar = build_calendar()
        _cached = (version, calendar)
    return calendar


def bump_calendar_version() -> None:
    """Make every process rebuild its calendar; call from actions that change calendar rows."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def clear_calendar_cache() -> None:
    """Forget the process's calendar (tests roll back rows without going through the actions)."""
    global _cached
    with _lock:
        _cached = None
    cache.delete(VERSION_KEY)
