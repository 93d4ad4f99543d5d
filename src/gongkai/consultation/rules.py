"""The consultation period (RULES.md §7) and what makes a comment look like spam (pure: no Django).

The period counts calendar days with both ends included: open on 1 May and close on 30 May is 30
days. It must be at least the configured minimum (30 by default, 重大行政决策程序暂行条例 art. 14)
unless a reason for the shorter period is recorded; that reason is shown on the public page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_LINK = re.compile(r"https?://|www\.|[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|cc)\b", re.I)
_REPEAT = re.compile(r"(.{1,10}?)\1{5,}", re.S)


def period_days(opens_on: date, closes_on: date) -> int:
    return (closes_on - opens_on).days + 1


def default_closes_on(opens_on: date, min_days: int) -> date:
    """The close date of a period of exactly `min_days`."""
    return opens_on + timedelta(days=min_days - 1)


def period_problem(
    opens_on: date | None, closes_on: date | None, min_days: int, reason: str = ""
) -> str | None:
    """Why the period cannot be used, in Chinese, or None."""
    if opens_on is None:
        return "请填写征求意见开始日期"
    if closes_on is None:
        return "请填写征求意见截止日期"
    if closes_on < opens_on:
        return "截止日期不能早于开始日期"
    days = period_days(opens_on, closes_on)
    if days < min_days and not (reason or "").strip():
        return f"征求意见期限为{days}天，少于规定的{min_days}天，须填写缩短期限的理由（将在页面上公开）"
    return None


def spam_reasons(text: str) -> list[str]:
    """Why a comment looks like spam (links, long repetition); [] when it does not."""
    reasons = []
    if _LINK.search(text or ""):
        reasons.append("含有网址链接")
    if _REPEAT.search(text or ""):
        reasons.append("含有大量重复内容")
    return reasons
