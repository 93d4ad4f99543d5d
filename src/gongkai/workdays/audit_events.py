"""The audit event types of the working-day calendar and the statutory clocks."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "workdays.clock.start": _("期限开始计时"),
    "workdays.clock.pause": _("期限暂停计时"),
    "workdays.clock.resume": _("期限恢复计时"),
    "workdays.clock.restart": _("期限重新起算"),
    "workdays.clock.extend": _("期限延长"),
    "workdays.clock.stop": _("期限停止计时"),
    "workdays.clock.recompute": _("日历变更后重新计算到期日"),
    "workdays.calendar.load": _("导入年度放假安排"),
    "workdays.calendar.set_override": _("设置本地节假日调整"),
    "workdays.calendar.remove_override": _("取消本地节假日调整"),
    "workdays.clock.move": _("计时移交其他机关"),
}

LEGACY_AUDIT_CODES = {
    "workdays.calendar.override": "workdays.calendar.set_override",
    "workdays.calendar.override_remove": "workdays.calendar.remove_override",
}
