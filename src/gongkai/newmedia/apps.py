from django.apps import AppConfig


class NewmediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.newmedia"
    verbose_name = "政务新媒体"

    def ready(self) -> None:
        pass
