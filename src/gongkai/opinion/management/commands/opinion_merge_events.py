"""The nightly merge pass of 舆情 events: events of the last days (GONGKAI_OPINION_MERGE_DAYS) whose
keywords converged are merged into one (posts moved, the merged event marked 已合并, audited). Run once a
night: `gongkai opinion_merge_events`. Idempotent; `--dry-run` counts and changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.opinion.actions_events import run_merge_pass


class Command(BaseCommand):
    help = "合并近期关键词趋同的舆情事件（每天夜间运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计将合并的事件，不修改")

    def handle(self, *args, dry_run=False, **options):
        result = run_merge_pass(dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"演练：检查{result['checked']}个事件，将合并{result['merged']}个（{result['groups']}组），未修改。"
            )
        else:
            self.stdout.write(
                f"已检查{result['checked']}个事件，合并{result['merged']}个（{result['groups']}组）。"
            )
