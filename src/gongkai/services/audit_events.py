"""The audit event types of 办事服务 (权责清单, 行政执法公示, 办事指南, 办件)."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "services.power_list.create": _("开始调整权责清单"),
    "services.power_list.submit": _("提交权责清单审核"),
    "services.power_list.return": _("退回权责清单修改"),
    "services.power_list.publish": _("发布权责清单"),
    "services.power_item.add": _("添加权责事项"),
    "services.power_item.update": _("修改权责事项"),
    "services.power_item.remove": _("删除权责事项"),
    "services.decision.record": _("录入行政执法决定"),
    "services.decision.publish": _("公示行政执法决定"),
    "services.guide.create": _("新建办事指南"),
    "services.guide.update": _("修改办事指南"),
    "services.guide.publish": _("发布办事指南"),
    "services.guide.withdraw": _("撤回办事指南"),
    "services.case.record": _("记录办件进度"),
    "services.case.import": _("导入办件进度"),
}
