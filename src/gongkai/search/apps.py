from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from gongkai.common import registry

        registry.register_site_search("search:search")
