"""The audit event types of agencies and their staff."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "agencies.agency.create": _("新建机关"),
    "agencies.agency.update": _("修改机关信息"),
    "agencies.staff.create": _("新建工作人员账号"),
    "agencies.staff.set_roles": _("设置工作人员角色"),
    "agencies.staff.update": _("修改工作人员信息"),
    "agencies.staff.set_password": _("重设工作人员密码"),
    "agencies.two_factor.enrol": _("绑定双因素认证"),
    "agencies.two_factor.reset": _("重置双因素认证"),
    "agencies.recovery_code.use": _("使用恢复码登录"),
    "agencies.recovery_code.renew": _("重新生成恢复码"),
}

LEGACY_AUDIT_CODES = {
    "agency.create": "agencies.agency.create",
    "agency.update": "agencies.agency.update",
    "staff.create": "agencies.staff.create",
    "staff.set_roles": "agencies.staff.set_roles",
}
