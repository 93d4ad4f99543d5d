from importlib import import_module

from django.core.management.base import BaseCommand

from gongkai.agencies.models import Role
from gongkai.agencies.twofactor import current_code, key_from_base32
from gongkai.demo import applications as demo_applications
from gongkai.demo import county
from gongkai.demo import messages as demo_messages
from gongkai.demo import publishing as demo_publishing
from gongkai.demo import sites as demo_sites

DOMAIN_DEMOS = (
    "consultation",
    "surveys",
    "interviews",
    "press",
    "plans",
    "newmedia",
    "opinion",
    "opendata",
    "services",
    "api",
)
DEMOS_AFTER_SITES = ("oversight",)


class Command(BaseCommand):
    help = "建立演示部署（示范县）：机关、每个机关每种角色一名工作人员。可重复运行，不会产生重复数据。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--code", action="store_true", help="只打印演示账号当前的动态验证码（双因素认证）"
        )

    def handle(self, *args, **options):
        if options["code"]:
            self.stdout.write(current_code(key_from_base32(county.DEMO_TOTP_SECRET)))
            return
        agencies = county.build_county()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪：{len(agencies)} 个机关。"))
        published = demo_publishing.build_publishing(agencies)
        self.stdout.write(
            f"主动公开演示信息：转载上级文件{published['seeds']}份，本县公文{published['own']}份，"
            f"生成{published['generated']}份（已有的不重复建立）。"
        )
        made = demo_applications.build_applications()
        self.stdout.write(f"依申请公开演示申请：新建{sum(made.values())}件（已有的不重复建立）。")
        written = demo_messages.build_messages(self.stdout)
        self.stdout.write(
            f"留言办理演示留言：新建{sum(written.values())}件（已有的不重复建立）"
            + (f"：{demo_messages.summary(written)}。" if written else "。")
        )
        # --- 留言办理 (issue #10): the mailboxes of the county and its townships
        from gongkai.interaction.actions import ensure_mailboxes

        boxes = [box for key in ("xzf", "cgz", "hkz") for box in ensure_mailboxes(None, agencies[key])]
        self.stdout.write(f"留言信箱：新建{len(boxes)}个（已有的不重复建立）。")
        # --- prompt letters and routing keywords (mtext): one published letter with feedback
        from gongkai.demo.prompt_letters import build_prompt_letter

        letter = build_prompt_letter()
        self.stdout.write(
            f"民意诉求反馈提示函：{letter.number}（{letter.agency.short_name}已反馈，已公开）。"
        )
        # --- end 留言办理
        # Issues #11 and #12: each domain's demo module builds its own records through its actions.
        for name in DOMAIN_DEMOS:
            import_module(f"gongkai.demo.{name}").build(agencies, self.stdout)
        # 网站群 (portal.Site): the county portal and three sites of its own on *.localhost
        sites = demo_sites.build_sites(agencies)
        self.stdout.write(
            "网站群：" + "；".join(f"{site.name} http://{demo_sites.host_of(site)}:8000/" for site in sites)
        )
        # Issue #15: oversight reads every domain's figures and inspects the sites, so it comes last.
        for name in DEMOS_AFTER_SITES:
            import_module(f"gongkai.demo.{name}").build(agencies, self.stdout)
        from gongkai.common.dbstats import analyse  # a freshly loaded database is not planned blind

        analyse()
        self.stdout.write("")
        self.stdout.write(
            f"演示工作人员登录（密码均为 {county.DEMO_PASSWORD}），工作台：http://127.0.0.1:8000/workbench/"
        )
        rows = [
            ("xzf", Role.SYSADMIN, "系统管理员（可进入 /admin/ 系统管理）"),
            ("xzfb", Role.SUPERVISOR, "县政府办公室 主管部门（可查看全县各机关）"),
            ("czj", Role.CLERK, "县财政局 信息公开工作人员"),
            ("czj", Role.REVIEWER, "县财政局 审核人"),
            ("czj", Role.SIGNER, "县财政局 审发人"),
            ("czj", Role.SECRECY_REVIEWER, "县财政局 保密审查员"),
            ("zjj", Role.RESPONDER, "县住建局 网络回应人"),
        ]
        for key, role, what in rows:
            self.stdout.write(f"  {county.demo_username(key, role):<24} {what}")
        self.stdout.write("  其他账号：<机关代码>_<角色>，机关代码见 README，角色：" + "、".join(Role.values))
        self.stdout.write(
            "双因素认证：系统管理员和主管部门账号登录时还须输入6位动态验证码。演示密钥（在验证器应用中"
            f"手动添加，基于时间）：{county.DEMO_TOTP_SECRET}；或运行 gongkai demo --code 查看当前验证码。"
        )
