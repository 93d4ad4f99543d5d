from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.consultation"
    verbose_name = "重大决策与征求意见"

    def ready(self) -> None:
        pass
