from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "gongkai.common"
    verbose_name = "通用"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import checks, lockout, pagecache

        user_login_failed.connect(lockout.on_login_failed, dispatch_uid="gongkai-account-backoff")
        user_logged_in.connect(lockout.on_logged_in, dispatch_uid="gongkai-account-backoff")
        checks.register()
        from . import registry

        registry.register_job(
            "analyse",
            group="daily",
            description="更新数据库统计信息（即使数据库的自动分析被关闭，查询计划也不过时）",
        )
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.on_public_model_saved, dispatch_uid="gongkai-pagecache")
