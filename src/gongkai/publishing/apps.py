from django.apps import AppConfig


class PublishingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.common.workflow import register_workflow

        from .workflow import DOCUMENTS, INTERPRETATIONS

        register_workflow(DOCUMENTS)
        register_workflow(INTERPRETATIONS)
        from gongkai.common.scheduled import register_job

        from . import search_entries, todo  # noqa: F401  register the re-indexers and the 待办 provider

        register_job("publish_scheduled", group="frequent", description="发布到了定时发布时间的政府信息")
