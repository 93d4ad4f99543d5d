from django.apps import AppConfig


class PressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.press"
    verbose_name = "新闻发布"

    def ready(self) -> None:
        pass
