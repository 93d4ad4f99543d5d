"""`{{ value|zh_date }}` → 2026年3月2日; `{{ value|zh_date:"weekday" }}` adds （星期一）."""

from django import template

from gongkai.common.dates import zh_date as _zh_date

register = template.Library()


@register.filter
def zh_date(value, arg: str = "") -> str:
    return _zh_date(value, weekday=arg == "weekday")
