"""The audit chain: `verify` (daily, read-only) and `checkpoint` (daily, after verify).

`gongkai audit verify` walks the chain and compares it with the signed checkpoints outside the
database; `gongkai audit checkpoint` verifies, then writes a signed copy of the head to
GONGKAI_AUDIT_CHECKPOINT_DIR (and mails it to GONGKAI_AUDIT_CHECKPOINT_MAIL). Both are idempotent
enough to rerun at any time; `--dry-run` makes `checkpoint` only verify.
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.actions import checkpoint_head, verify_chain


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链与检查点；checkpoint 校验后在数据库之外写入签名的链头检查点"

    def add_arguments(self, parser):
        parser.add_argument(
            "verb", choices=["verify", "checkpoint"], help="verify：校验整条审计链；checkpoint：写入检查点"
        )
        parser.add_argument("--dry-run", action="store_true", help="checkpoint：只校验，不写入")

    def handle(self, *args, verb: str, dry_run: bool = False, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(f"审计链校验失败：{result.problem}（已校验 {result.checked} 条完好记录）")
        against = (
            f"，与{result.checkpoint.label}（第{result.checkpoint.seq}条）一致" if result.checkpoint else ""
        )
        old = f"（其中 {result.unkeyed} 条为启用密钥前的记录）" if result.unkeyed else ""
        self.stdout.write(f"审计链完好：共 {result.checked} 条记录{old}，哈希链与链头一致{against}。")
        if verb == "checkpoint" and not dry_run:
            mark = checkpoint_head()
            self.stdout.write(f"已写入检查点：第{mark.seq}条，{mark.path}")
