"""The audit event types of agencies and their staff."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "agencies.agency.create": _("新建机关"),
    "agencies.agency.update": _("修改机关信息"),
    "agencies.staff.create": _("新建工作人员账号"),
    "agencies.staff.set_roles": _("设置工作人员角色"),
    "agencies.staff.update": _("修改工作人员信息"),
    "agencies.staff.set_password": _("重设工作人员密码"),
}

LEGACY_AUDIT_CODES = {
    "agency.create": "agencies.agency.create",
    "agency.update": "agencies.agency.update",
    "staff.create": "agencies.staff.create",
    "staff.set_roles": "agencies.staff.set_roles",
}
