"""Parsing and printing dates for the workdays and calendar commands."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError

from gongkai.common.dates import zh_date


def parse_date(value: str, what: str = "日期") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"无效的{what}“{value}”，应为 YYYY-MM-DD，例如 2026-12-15") from None


def zh(d: date) -> str:
    """The commands print every date with its weekday."""
    return zh_date(d, weekday=True)


def provisional_note(years: list[int]) -> str:
    listed = "、".join(str(y) for y in years)
    return f"（暂定：{listed}年日历尚未发布，仅按周末和法定固定假日推算）"
