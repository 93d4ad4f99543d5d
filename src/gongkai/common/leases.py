"""Each scheduled job runs once per time slot, however many machines run `gongkai scheduled`.

A province runs cron on several worker machines so that losing one loses nothing. Before a job runs,
`take(job, slot)` inserts the row (job, slot) of `ScheduledRun`; the unique constraint lets exactly one
machine succeed, the others skip the job for that slot. A run that died (machine lost mid-run) leaves
its row `running`; after `stale_after` another machine may take it over, the row locked with
`select_for_update(skip_locked=True)` so that two machines never take over the same row either.

These rows are operational bookkeeping, like the counters cache, not a record of what anyone did:
they carry no audit row. The jobs themselves write through actions, which audit.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

FREQUENT_MINUTES = 5
KEEP_DAYS = 90


def this_host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def slot_of(group: str, now: dt.datetime | None = None) -> str:
    """The slot a run of `group` at `now` belongs to: the 5-minute period, or the local day."""
    local = timezone.localtime(now or timezone.now())
    if group == "daily":
        return local.date().isoformat()
    minute = local.minute - local.minute % FREQUENT_MINUTES
    return local.replace(minute=minute, second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M")


def take(
    job: str, slot: str, *, host: str | None = None, stale_after: dt.timedelta = dt.timedelta(hours=2)
) -> ScheduledRun | None:
    """The lease on (job, slot) for this machine, or None when another machine has (or had) it."""
    host = host or this_host()
    now = timezone.now()
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job, slot=slot, host=host, started_at=now)
    except IntegrityError:
        pass
    with transaction.atomic():
        run = (
            ScheduledRun.objects.select_for_update(skip_locked=True)
            .filter(
                job=job, slot=slot, outcome=ScheduledRun.Outcome.RUNNING, started_at__lt=now - stale_after
            )
            .first()
        )
        if run is None:
            return None
        run.host, run.started_at, run.attempts = host, now, run.attempts + 1
        run.save(update_fields=["host", "started_at", "attempts"])
        return run


def finish(run: ScheduledRun, *, ok: bool, message: str = "") -> None:
    run.outcome = ScheduledRun.Outcome.OK if ok else ScheduledRun.Outcome.FAILED
    run.finished_at = timezone.now()
    run.message = message[-2000:]
    run.save(update_fields=["outcome", "finished_at", "message"])


def holder(job: str, slot: str) -> ScheduledRun | None:
    return ScheduledRun.objects.filter(job=job, slot=slot).first()


def prune(*, now: dt.datetime | None = None) -> int:
    """Forget runs older than KEEP_DAYS (called by the daily group)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS)
    return ScheduledRun.objects.filter(started_at__lt=cutoff).delete()[0]
