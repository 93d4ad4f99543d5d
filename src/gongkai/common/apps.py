from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "gongkai.common"
    verbose_name = "通用"

    def ready(self) -> None:
        from .scheduled import register_job

        register_job(
            "audit",
            args=("verify",),
            group="daily",
            read_only=True,
            description="校验审计日志哈希链（失败时退出码非零）",
        )
