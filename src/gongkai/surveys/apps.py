from django.apps import AppConfig


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.surveys"
    verbose_name = "网上调查"

    def ready(self) -> None:
        pass
