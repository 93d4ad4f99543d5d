"""`gongkai analyse [app ...] [--dry-run]`: update the database's planner statistics.

Run after a bulk load that bypassed `gongkai import` (a restore, a migration from another system); the
daily scheduled group runs it too, in case autovacuum is off. Takes seconds on a county's database.
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.common.dbstats import analyse, tables_of


class Command(BaseCommand):
    help = "更新数据库统计信息（ANALYZE），大批量导入或恢复数据后运行；可只指定应用，如 publishing search"

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="只分析这些应用的表（默认全部）")
        parser.add_argument("--dry-run", action="store_true", help="只列出将要分析的表")

    def handle(self, *args, apps=(), dry_run=False, **options):
        try:
            tables = tables_of(apps) if apps else []
        except LookupError as exc:
            raise CommandError(f"没有这个应用：{exc}") from None
        if dry_run:
            self.stdout.write(f"将分析：{'、'.join(tables) if tables else '全部表'}")
            return
        done = analyse(tables)
        self.stdout.write(f"已更新数据库统计信息：{'全部表' if done == ['*'] else f'{len(done)} 张表'}")
