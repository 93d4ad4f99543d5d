"""The audit event types of agencies and their staff."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "agencies.agency.create": _("新建机关"),
    "agencies.agency.update": _("修改机关信息"),
    "agencies.staff.create": _("新建工作人员账号"),
    "agencies.staff.set_roles": _("设置工作人员角色"),
}

LEGACY_AUDIT_CODES = {
    "agency.create": "agencies.agency.create",
    "agency.update": "agencies.agency.update",
    "staff.create": "agencies.staff.create",
    "staff.set_roles": "agencies.staff.set_roles",
}
