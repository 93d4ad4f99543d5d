"""The audit event types of 有条件开放, the opening plan and 需求征集."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "opendata.access.submit": _("提交有条件开放申请"),
    "opendata.access.approve": _("批准有条件开放申请"),
    "opendata.access.refuse": _("不予批准有条件开放申请"),
    "opendata.token.issue": _("签发数据访问令牌"),
    "opendata.token.revoke": _("撤销数据访问令牌"),
    "opendata.plan.add": _("加入数据开放计划"),
    "opendata.plan.open": _("报告开放计划事项完成"),
    "opendata.plan.cancel": _("取消数据开放计划事项"),
    "opendata.request.submit": _("提交数据开放需求"),
    "opendata.request.answer": _("答复数据开放需求"),
}
