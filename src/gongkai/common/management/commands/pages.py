"""The published public pages: the defacement check and a fresh start.

    gongkai pages verify [--base-url https://127.0.0.1]   # exit status 1 when a page differs
    gongkai pages clear [--dry-run]

`verify` compares every recorded page (gongkai.common.integrity) with what is served — the page cache,
or with --base-url what nginx or the load balancer serves — and with a fresh rendering when nothing has
been published since the record; it names every page that differs. Run it hourly (the oversight
schedule) and after restoring a backup. `clear` forgets every record and empties the page cache: run
it after an upgrade that changes the templates, so that the next views record the new pages.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.common.integrity import clear_records, verify_pages
from gongkai.common.models import PublishedPage


class Command(BaseCommand):
    help = "已发布页面：verify 核对是否被篡改，clear 清除记录和页面缓存"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="核对对外提供的页面与发布时的哈希是否一致")
        verify.add_argument("--base-url", default="", help="从该地址取页面（如 nginx），默认核对页面缓存")
        clear = sub.add_parser("clear", help="清除已发布页面的记录并清空页面缓存")
        clear.add_argument("--dry-run", action="store_true", help="只统计，不删除")

    def handle(self, *args, action, **options):
        if action == "clear":
            if options["dry_run"]:
                count = PublishedPage.objects.count()
                self.stdout.write(f"将清除 {count} 个页面的记录（试运行，未改动）")
                return
            self.stdout.write(f"已清除 {clear_records()} 个页面的记录，页面缓存已清空")
            return
        checked, unviewed, differences = verify_pages(base_url=options["base_url"])
        for diff in differences:
            self.stdout.write(
                f"不一致：{diff.url}　{diff.what}（发布时 {diff.expected[:16]}…，现在 {diff.found[:16]}…）"
            )
        self.stdout.write(
            f"核对了 {checked} 个页面，其中 {unviewed} 个自上次发布以来未被访问（只核对缓存）；"
            f"{len(differences)} 处不一致"
        )
        if differences:
            raise CommandError(f"{len(differences)} 个页面与发布时不一致")
