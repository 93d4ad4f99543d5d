from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.actions import verify_chain


class Command(BaseCommand):
    help = "审计日志：gongkai audit verify 校验哈希链，发现被修改或删除的记录"

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["verify"], help="verify：校验整条审计链")

    def handle(self, *args, verb: str, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(f"审计链校验失败：{result.problem}（已校验 {result.checked} 条完好记录）")
        self.stdout.write(f"审计链完好：共 {result.checked} 条记录，哈希链与链头一致。")
