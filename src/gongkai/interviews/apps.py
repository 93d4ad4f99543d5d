from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.interviews"
    verbose_name = "在线访谈"

    def ready(self) -> None:
        pass
