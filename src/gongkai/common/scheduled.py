"""Scheduled jobs: idempotent management commands that cron (or a systemd timer) runs.

Apps register their jobs here; `gongkai scheduled --list` shows them with how often to run them,
and `gongkai scheduled daily` / `gongkai scheduled frequent` runs one group.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    command: str
    group: str  # "frequent" (every 5 minutes) or "daily" (once a day, early morning)
    description: str
    args: tuple[str, ...] = ()
    read_only: bool = False  # takes no --dry-run because it changes nothing

    @property
    def line(self) -> str:
        return " ".join(("gongkai", self.command, *self.args))


JOBS: list[Job] = []


def register_job(
    command: str, *, group: str, description: str, args: tuple[str, ...] = (), read_only: bool = False
) -> None:
    if group not in {"frequent", "daily"}:
        raise ValueError(f"unknown job group {group!r}")
    if all((job.command, job.args) != (command, args) for job in JOBS):
        JOBS.append(Job(command, group, description, args, read_only))
