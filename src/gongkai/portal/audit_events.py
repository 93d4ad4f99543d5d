"""The audit event types of the portal (网站群)."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "portal.site.create": _("新建网站"),
    "portal.site.update": _("修改网站设置"),
}
