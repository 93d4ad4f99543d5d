from django.apps import AppConfig


class PublishingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from . import todo  # noqa: F401  registers the 待办 provider

        try:
            from . import search_entries  # noqa: F401  registers the re-indexers
        except ImportError:  # installed without the search app
            pass
