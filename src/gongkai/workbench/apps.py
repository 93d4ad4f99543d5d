from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    name = "gongkai.workbench"
    verbose_name = "工作台"

    def ready(self) -> None:
        from gongkai.common import registry

        # The workbench's top row: the daily work (待办, 依申请公开, 主动公开, 工作要点) stays on it; the rest sits in
        # groups, so that a supervisor's two dozen entries fit on two rows of a phone.
        registry.register_menu_group("workbench", "participation", _("政民互动"), order=50)
        registry.register_menu_group("workbench", "release", _("发布解读"), order=55)
        registry.register_menu_group("workbench", "data", _("数据与服务"), order=68)
        registry.register_menu_group("workbench", "opinion", _("舆情"), order=80)
        registry.register_menu_group("workbench", "oversight", _("监督考评"), order=86)
        registry.register_menu_group("workbench", "admin", _("管理"), order=88)
        registry.register_menu("workbench", "home", _("待办"), "workbench:home", order=10)
        registry.register_menu(
            "workbench", "dashboard", _("督查看板"), "workbench:dashboard", order=11, roles=("supervisor",)
        )
        registry.register_menu("portal", "workbench", _("工作人员入口"), "workbench:home", order=90)
