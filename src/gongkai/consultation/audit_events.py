"""The audit event types of 重大决策与征求意见."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "consultation.decision_item.create": _("登记重大行政决策事项"),
    "consultation.decision_item.update": _("修改重大行政决策事项"),
    "consultation.consultation.create": _("新建征求意见"),
    "consultation.consultation.update": _("修改征求意见"),
    "consultation.consultation.submit": _("提交征求意见稿审核"),
    "consultation.consultation.approve": _("审核通过征求意见稿"),
    "consultation.consultation.return": _("退回征求意见稿"),
    "consultation.consultation.open": _("发布征求意见"),
    "consultation.consultation.close": _("结束征求意见"),
    "consultation.comment.submit": _("网上提交意见"),
    "consultation.comment.enter": _("录入线下意见"),
    "consultation.comment.approve": _("意见审核通过，公开显示"),
    "consultation.comment.hide": _("意见不予公开"),
}
