"""A domain that exists only in tests: it plugs into the core from ready(), like every real domain."""

from django.apps import AppConfig


class FakeDomainConfig(AppConfig):
    name = "tests.fakedomain"
    label = "fakedomain"
    verbose_name = "测试业务"

    def ready(self) -> None:
        from gongkai.common import registry

        from .views import widget_todo
        from .workflow import WIDGETS_FLOW

        registry.register_workflow(WIDGETS_FLOW)
        registry.register_todo(widget_todo)
        registry.register_menu("workbench", "fakedomain", "测试业务", "fakedomain:home", order=55)
        registry.register_audit_events("fakedomain", {"fakedomain.widget.polish": "擦亮小部件"})
