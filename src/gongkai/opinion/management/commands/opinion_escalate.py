"""Escalate 舆情 events past their deadline (hours by grade, RULES.md §7) to the supervising office.
Run every few minutes: `gongkai opinion_escalate`. Idempotent (once per event and deadline);
`--dry-run` lists what would be escalated and records nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.opinion import actions_handling as actions


class Command(BaseCommand):
    help = "将超过回应时限的舆情事件上报主管的政府办公室（每几分钟运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将上报的事件，不记录")

    def handle(self, *args, dry_run=False, **options):
        events = list(actions.overdue_events())
        if dry_run:
            for event in events:
                self.stdout.write(f"将上报：{event.title}")
            self.stdout.write(f"演练：{len(events)}个事件超过回应时限，未记录。")
            return
        done = sum(actions.escalate_event(event) is not None for event in events)
        self.stdout.write(f"已上报{done}个超过回应时限的舆情事件。")
