from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.common.workflow import register_workflow

        from .workflow import APPLICATIONS

        register_workflow(APPLICATIONS)
        from gongkai.common.scheduled import register_job
        from gongkai.workbench import todo

        from .queries import todo_items

        todo.register(todo_items)
        register_job(
            "send_reminders", group="daily", description="向承办人和主管部门发送依申请公开即将到期、逾期提醒"
        )
