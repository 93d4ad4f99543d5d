"""Dates as Chinese documents write them: 2026年3月2日 (no leading zeros), optionally with the weekday.

Instants are shown on their Asia/Shanghai date. Plain functions; the `zh_date` template filter
(`{% load zh_dates %}`) is the same function.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

WEEKDAYS = "一二三四五六日"


def zh_date(value: dt.date | dt.datetime | None, *, weekday: bool = False) -> str:
    """'2026年3月2日' (with weekday: '2026年3月2日（星期一）'); '' for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    text = f"{value.year}年{value.month}月{value.day}日"
    return f"{text}（星期{WEEKDAYS[value.weekday()]}）" if weekday else text
