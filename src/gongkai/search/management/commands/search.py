"""The search index.

    gongkai search reindex [--kind document] [--dry-run]

Rebuilds the index from the re-indexers apps register (`gongkai.common.registry.register_reindexer`): upserts every
entry they yield and removes entries of their kinds that they no longer yield. Idempotent. Run it
after restoring a backup, after changing the user dictionary (data/userdict.txt) or segmentation,
(the synonym list data/synonyms.txt needs no re-index: it applies at query time and is re-read when
it changes; reindex checks it first and stops on a bad line),
and as a safety net nightly (cron / the task worker, e.g. 03:00); the publishing app keeps the index
current between runs.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.common.registry import reindexers
from gongkai.search.index import index_entries
from gongkai.search.models import SearchEntry
from gongkai.search.synonyms import SynonymFileError, load_synonyms


class Command(BaseCommand):
    help = "全文检索索引：reindex 重建索引"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="由各模块登记的重建函数重建检索索引")
        reindex.add_argument("--kind", action="append", help="只重建该类别（可重复），默认全部")
        reindex.add_argument("--dry-run", action="store_true", help="只统计，不写入")

    def handle(self, *args, action, **options):
        if action == "reindex":
            self.reindex(kinds=options.get("kind"), dry_run=options["dry_run"])

    def reindex(self, *, kinds: list[str] | None, dry_run: bool) -> None:
        try:
            groups = load_synonyms()
        except SynonymFileError as exc:
            raise CommandError(f"同义词表有误：{exc}") from exc
        self.stdout.write(f"同义词表：{len(set(groups.values()))} 组，{len(groups)} 个词")
        registered = reindexers()
        if not registered:
            self.stdout.write("没有模块登记检索重建函数，无需重建。")
            return
        unknown = set(kinds or []) - set(registered)
        if unknown:
            raise CommandError(f"未登记的类别：{'、'.join(sorted(unknown))}；已登记：{'、'.join(registered)}")
        for kind in kinds or registered:
            entries = [entry for entry in registered[kind]() if entry.kind == kind]
            keep = {str(entry.obj_id) for entry in entries}
            existing = set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))
            stale = sorted(existing - keep)
            if dry_run:
                self.stdout.write(
                    f"{kind}：将写入 {len(entries)} 条，将删除 {len(stale)} 条（试运行，未改动）"
                )
                continue
            with transaction.atomic():
                for start in range(0, len(stale), 500):
                    SearchEntry.objects.filter(kind=kind, object_id__in=stale[start : start + 500]).delete()
                written = index_entries(entries)
            self.stdout.write(f"{kind}：写入 {written} 条，删除 {len(stale)} 条")
