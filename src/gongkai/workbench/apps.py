from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    name = "gongkai.workbench"
    verbose_name = "工作台"

    def ready(self) -> None:
        from gongkai.common import registry

        registry.register_menu("workbench", "home", _("待办"), "workbench:home", order=10)
        registry.register_menu(
            "workbench", "dashboard", _("督查看板"), "workbench:dashboard", order=11, roles=("supervisor",)
        )
        registry.register_menu("portal", "workbench", _("工作人员入口"), "workbench:home", order=90)
