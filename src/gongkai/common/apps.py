from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "gongkai.common"
    verbose_name = "通用"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import checks, lockout

        user_login_failed.connect(lockout.on_login_failed, dispatch_uid="gongkai-account-backoff")
        user_logged_in.connect(lockout.on_logged_in, dispatch_uid="gongkai-account-backoff")
        checks.register()
