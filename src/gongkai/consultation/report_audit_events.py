"""Audit event types of the adoption report: grouping, dispositions, their review, the report and
the adopted decision (registered from `report_apps.ready`)."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "consultation.group.create": _("意见归类"),
    "consultation.group.change": _("调整意见归类"),
    "consultation.disposition.set": _("填写意见处理情况"),
    "consultation.report.submit": _("提交意见采纳情况审核"),
    "consultation.report.return": _("退回意见采纳情况"),
    "consultation.report.approve": _("意见采纳情况审核通过"),
    "consultation.report.publish": _("公布意见采纳情况"),
    "consultation.report.final_text": _("录入决策文本（采纳后）"),
    "consultation.decision.link": _("关联已公布的决策文件"),
}
