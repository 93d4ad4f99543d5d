"""The audit event types of watch plans (监测方案)."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "opinion.plan.create": _("新建舆情监测方案"),
    "opinion.plan.update": _("修改舆情监测方案"),
    "opinion.plan.enable": _("启用舆情监测方案"),
    "opinion.plan.disable": _("停用舆情监测方案"),
}
