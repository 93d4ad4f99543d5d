"""The audit event types of 政务公开工作要点."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "plans.plan.create": _("新建年度工作要点"),
    "plans.plan.import": _("从Word文件导入年度工作要点"),
    "plans.plan.update": _("修改年度工作要点"),
    "plans.plan.submit": _("提交工作要点审核"),
    "plans.plan.return": _("退回工作要点修改"),
    "plans.plan.publish": _("发布年度工作要点"),
    "plans.task.add": _("添加工作任务"),
    "plans.task.update": _("修改工作任务"),
    "plans.task.remove": _("删除工作任务"),
    "plans.task.report": _("报告工作任务进展"),
    "plans.task.summarize": _("填写工作任务年终总结"),
}
