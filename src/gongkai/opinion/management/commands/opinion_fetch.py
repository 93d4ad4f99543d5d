"""Fetch the 舆情 sources that are due: RSS/Atom feeds (with the timeout GONGKAI_OPINION_FETCH_TIMEOUT and
conditional requests) and the own-domain sources. Run by `gongkai scheduled frequent` (every 5
minutes); each source is fetched when its `next_fetch_at` has come — its schedule after a success,
exponential backoff after failures. A failing source keeps its Chinese error; nothing stored is lost."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.opinion.collect import actions


class Command(BaseCommand):
    help = "抓取到期的舆情来源（RSS/Atom订阅和本系统栏目）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将抓取的来源")
        parser.add_argument("--limit", type=int, default=200, help="本次最多抓取的来源数")
        parser.add_argument(
            "--shard", default="1/1", help="多台任务机分担来源：第 k 台（共 n 台）写作 k/n，按来源编号分片"
        )

    def handle(self, *args, dry_run=False, limit=200, shard="1/1", **options):
        try:
            k, n = (int(part) for part in shard.split("/"))
        except ValueError:
            raise CommandError(f"--shard 应写作 k/n（如 2/3），而不是 {shard!r}") from None
        if not 1 <= k <= n:
            raise CommandError(f"--shard {shard}：k 应在 1 到 n 之间")
        fetched = failed = added = 0
        for source in actions.due_sources(shard=(k, n))[: max(limit, 0)]:
            if dry_run:
                self.stdout.write(f"将抓取：{source}（{source.url or source.get_own_channel_display()}）")
                continue
            result, error = actions.fetch_source(source)
            fetched += 1
            if error:
                failed += 1
                self.stdout.write(f"{source}：{error}")
            else:
                added += result.added
        if not dry_run:
            self.stdout.write(f"抓取{fetched}个来源，新增{added}条，失败{failed}个。")
