from django.apps import AppConfig


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.plans"
    verbose_name = "政务公开工作要点"

    def ready(self) -> None:
        pass
